#!/usr/bin/env python3
"""Generate url_for round-trip cases for a conformance corpus with Flask.

Usage:
  url_for_cases.py CORPUS.json [--out FILE] [--seed N] [--per-rule K]

For corpus/X.json it writes corpus/X.url_for.json (or FILE). For every rule of
every set it draws K assignments of random values that fit the rule's
converters, builds the URL with Flask's url_for (in a test_request_context of
the app generate_corpus.py builds for the set), sends that URL through Flask's
test client with a method of the rule Werkzeug built, and keeps the case only
if Flask matches it back to the same endpoint with the same values. The runner
(tests/conformance/run) then has retort build the same URL with the typed
url_for::<function>(...) and match it back. See README.md for the format.

The output is deterministic: the same seed and the same corpus (and the same
Flask/Werkzeug versions) reproduce it byte for byte, whatever PYTHONHASHSEED is.
"""

import argparse
import hashlib
import json
import os
import random
import re
import sys
import uuid
from importlib.metadata import version

import flask
from werkzeug.routing.rules import parse_converter_args

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from generate_corpus import build_app, observe  # noqa: E402

# Werkzeug 3.1's rule parser (werkzeug/routing/rules.py, _part_re).
PART_RE = re.compile(
    r"""
    (?:
        (?P<slash>/)
      |
        (?P<static>[^</]+)
      |
        (?:
          <
            (?:
              (?P<converter>[a-zA-Z_][a-zA-Z0-9_]*)
              (?:\((?P<arguments>.*?)\))?
              :
            )?
            (?P<variable>[a-zA-Z_][a-zA-Z0-9_]*)
          >
        )
    )
    """,
    re.VERBOSE,
)
VALUE_TYPE = {"default": "text", "string": "text", "path": "text", "any": "text",
              "int": "int", "float": "float", "uuid": "uuid"}
DEFAULT_TYPE = {int: "int", float: "float", str: "text"}
PREFERRED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

# Text pools: ASCII, spaces, reserved and other characters the path quoting
# escapes, control characters, non-ASCII (2-, 3- and 4-byte UTF-8, a
# combining accent, a no-break space, an Arabic-Indic digit). Never '/'.
ASCII = "abcxyzABCXYZ0123456789"
RESERVED = "?#%&=+;:@$!'()*,~-._"
UNSAFE = "\"<>\\^`{|}[]"
CONTROL = "\t\n\x01\x7f"
NON_ASCII = "üéñжé日本€😀\u0301\u00a0\u0663"


class Variable:
    def __init__(self, name, converter, args, kwargs):
        self.name, self.converter, self.args, self.kwargs = name, converter, args, kwargs

    @property
    def type(self):
        return VALUE_TYPE[self.converter]


def parse_rule(text):
    """[Variable] of a rule text, in order (Werkzeug's parser)."""
    out, pos = [], 0
    while pos < len(text):
        m = PART_RE.match(text, pos)
        if not m:
            break
        pos = m.end()
        if m.group("variable") is None:
            continue
        conv = m.group("converter") or "default"
        args, kwargs = parse_converter_args(m.group("arguments")) if m.group("arguments") else ((), {})
        out.append(Variable(m.group("variable"), conv, args, kwargs))
    return out


def url_for_parameters(rules, endpoint):
    """The typed url_for parameters of `endpoint` in their C++ order, as
    [(name, type, required)]: the handler's parameters (first seen in the
    rules, variables then defaults keys), the required ones first. A name is
    required iff every rule of the endpoint has it as a variable and none has
    it as a defaults key (the rules of /work/notes/url_for_api.md)."""
    order, types, per_rule = [], {}, []
    for r in rules:
        if r["endpoint"] != endpoint:
            continue
        variables = [v.name for v in parse_rule(r["rule"])]
        for v in parse_rule(r["rule"]):
            types.setdefault(v.name, v.type)
        for key, value in (r.get("defaults") or {}).items():
            types.setdefault(key, DEFAULT_TYPE[type(value)])
        for name in variables + list(r.get("defaults") or {}):
            if name not in order:
                order.append(name)
        per_rule.append((set(variables), set(r.get("defaults") or {})))
    required = {n for n in order if all(n in v and n not in d for v, d in per_rule)}
    return ([(n, types[n], True) for n in order if n in required] +
            [(n, types[n], False) for n in order if n not in required])


# ---------------------------------------------------------------------------
# Random values that fit a converter
# ---------------------------------------------------------------------------


class Values:
    def __init__(self, rng, plain):
        self.rng = rng
        self.plain = plain  # later attempts: ASCII letters and small numbers only

    def text(self, lo=1, hi=None):
        rng = self.rng
        if hi is None:
            hi = max(lo, 8)
        n = rng.randint(lo, min(hi, lo + 10))
        if self.plain:
            return "".join(rng.choice("abcxyz") for _ in range(n))
        pools = [ASCII, " ", RESERVED, UNSAFE, CONTROL, NON_ASCII]
        return "".join(rng.choice(rng.choices(pools, [55, 8, 18, 4, 1, 15])[0]) for _ in range(n))

    def string(self, var):
        kw = var.kwargs
        if "length" in kw and kw["length"] is not None:
            lo = hi = int(kw["length"])
        else:
            lo = int(kw.get("minlength", 1))
            hi = None if kw.get("maxlength") is None else int(kw["maxlength"])
        if lo == 0 and (hi == 0 or self.rng.random() < 0.3):
            return ""
        return self.text(max(lo, 1), hi)

    def path(self):
        rng = self.rng
        v = "/".join(self.text(1, 6) for _ in range(rng.randint(1, 3)))
        if not self.plain and rng.random() < 0.1:
            v += "/"
        return v

    def integer(self, var):
        rng, kw = self.rng, var.kwargs
        signed = bool(kw.get("signed"))
        fixed = int(kw.get("fixed_digits") or 0)
        lo, hi = kw.get("min"), kw.get("max")
        if fixed:
            top = 10 ** fixed - 1 if not self.plain else min(99, 10 ** fixed - 1)
        else:
            top = rng.choice([9, 99, 1000, 10 ** 6, 10 ** 12, 2 ** 63 - 1])
            if self.plain:
                top = 99
        lo = int(lo) if lo is not None else (-top if signed else 0)
        hi = int(hi) if hi is not None else top
        if fixed and signed and lo < 0:
            lo = max(lo, -(10 ** (fixed - 1) - 1))  # "-" plus fixed-1 digits
        if lo > hi:
            lo = hi
        r = rng.random()
        if r < 0.15:
            return lo
        if r < 0.25:
            return hi
        if r < 0.35 and lo <= 0 <= hi:
            return 0
        return rng.randint(lo, hi)

    def floating(self, var):
        rng, kw = self.rng, var.kwargs
        lo = kw.get("min")
        hi = kw.get("max")
        signed = bool(kw.get("signed"))
        r = rng.random()
        if self.plain or r < 0.3:
            v = rng.randint(0, 99) + rng.choice([0.0, 0.5, 0.25, 0.125])
        elif r < 0.55:
            v = round(rng.uniform(0, 1000), rng.randint(1, 4))
        elif r < 0.75:
            v = rng.uniform(0, 1000)  # 17 significant digits
        else:
            # around Python's switch to exponent notation (repr: 1e-05, 1e+16),
            # which the float converter does not match back
            v = rng.choice([1e15, 1.5e15, 123456789012345.6, 9999999999999998.0, 1e16,
                            0.0001, 0.00015, 0.001, 9.999e-05, 1e-05, 0.1 + 0.2, 2.5e-3,
                            1e14 + 0.5, 9007199254740993.0, 5e-324, 0.0])
        if signed and rng.random() < 0.4:
            v = -v
        if lo is not None and v < lo:
            v = float(lo) + (v % 7)
        if hi is not None and v > hi:
            v = float(hi) - (v % 3) / 2
        if lo is not None and v < lo:
            v = float(lo)
        return float(v)

    def value(self, var):
        if var.converter in ("default", "string"):
            return self.string(var)
        if var.converter == "path":
            return self.path()
        if var.converter == "any":
            return self.rng.choice(list(var.args))
        if var.converter == "int":
            return self.integer(var)
        if var.converter == "float":
            return self.floating(var)
        if var.converter == "uuid":
            return uuid.UUID(int=self.rng.getrandbits(128))
        raise AssertionError(var.converter)

    def of_type(self, typ, like=None):
        """A value for a name the chosen rule does not use (it goes to the query)."""
        if like is not None:
            return self.value(like)
        if typ == "int":
            return self.rng.randint(0, 99)
        if typ == "float":
            return self.rng.randint(0, 99) + 0.5
        if typ == "uuid":
            return uuid.UUID(int=self.rng.getrandbits(128))
        return self.text()


def to_json(value):
    """The corpus form of a url_for value: uuid -> str, others as they are."""
    return str(value) if isinstance(value, uuid.UUID) else value


def normalize(value):
    """A value as the echo view gives it back (JSON types)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


# ---------------------------------------------------------------------------
# One set
# ---------------------------------------------------------------------------


def built_rule(app, endpoint, values, method):
    """The Rule Werkzeug's MapAdapter.build picks (MapAdapter._partial_build)."""
    adapter = app.url_map.bind("localhost")

    def attempt(m):
        for rule in app.url_map._rules_by_endpoint.get(endpoint, ()):
            if rule.suitable_for(values, m) and rule.build(values, True) is not None:
                return rule
        return None

    if method is None:
        found = attempt(adapter.default_method)
        if found is not None:
            return found
    return attempt(method)


def registered_rules(app, rules):
    """The Rule objects of `rules`, in corpus order (Map.iter_rules groups them
    by endpoint)."""
    free = list(app.url_map.iter_rules())
    out = []
    for r in rules:
        methods = set(r.get("methods") or ["GET"])
        for k, rule in enumerate(free):
            if (rule.endpoint == r["endpoint"] and rule.rule == r["rule"] and
                    (rule.defaults or {}) == (r.get("defaults") or {}) and
                    methods <= rule.methods and not rule.methods - methods - {"HEAD", "OPTIONS"}):
                out.append(free.pop(k))
                break
        else:
            raise AssertionError("rule not registered: %r" % r)
    assert not free, free
    return out


def request_method(rule):
    methods = set(rule.get("methods") or ["GET"])
    for m in PREFERRED_METHODS:
        if m in methods:
            return m
    return sorted(methods)[0]


def rules_digest(rules):
    text = json.dumps(rules, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def cases_for_set(index, rule_set, seed, per_rule, tries):
    rules = rule_set["rules"]
    rng = random.Random("%d/%d/%s" % (seed, index, rule_set.get("name", "")))
    app = build_app([dict(r) for r in rules])
    client = app.test_client()
    registered = registered_rules(app, rules)
    variables = [parse_rule(r["rule"]) for r in rules]
    params = {ep: url_for_parameters(rules, ep) for ep in dict.fromkeys(r["endpoint"] for r in rules)}
    # a converter to draw query values from, per (endpoint, name)
    like = {}
    for r, vs in zip(rules, variables):
        for v in vs:
            like.setdefault((r["endpoint"], v.name), v)

    cases, seen_urls = [], set()
    covered = set()
    unbuilt = {}  # rule index -> why no case built it

    for ri, rule in enumerate(rules):
        endpoint = rule["endpoint"]
        defaults = rule.get("defaults") or {}
        names = [v.name for v in variables[ri]]
        kept = 0
        build_method = None
        why = "no attempt"
        for attempt in range(tries):
            if kept >= per_rule:
                break
            gen = Values(rng, plain=attempt >= tries // 2)
            chosen = {}
            for v in variables[ri]:
                if v.name in defaults:
                    if rng.random() < 0.5:
                        chosen[v.name] = defaults[v.name]
                else:
                    chosen[v.name] = gen.value(v)
            for key, value in defaults.items():
                if key not in names and rng.random() < 0.4:
                    chosen[key] = value
            extra = [(n, t) for n, t, _ in params[endpoint] if n not in chosen and n not in names
                     and n not in defaults]
            if extra and not gen.plain and rng.random() < 0.25:
                n, t = rng.choice(extra)
                chosen[n] = gen.of_type(t, like.get((endpoint, n)))
            # url_for's values in the order of the C++ parameters (the query keeps it)
            values = [(n, chosen[n]) for n, _, _ in params[endpoint] if n in chosen]
            kwargs = dict(values)
            used_method = build_method  # the next attempts may ask by method
            if used_method:
                kwargs["_method"] = used_method
            try:
                with app.test_request_context():
                    url = flask.url_for(endpoint, **kwargs)
            except Exception as e:  # BuildError, a converter's ValueError
                why = "url_for raised %s: %s" % (type(e).__name__, str(e).splitlines()[0])
                continue
            values_json = [[n, to_json(v)] for n, v in values]
            got = built_rule(app, endpoint, dict(values), used_method)
            bi = next(i for i, r in enumerate(registered) if r is got)
            if bi != ri:
                why = "Werkzeug builds rule %d instead (%s)" % (bi, url)
                if build_method is None and attempt >= 1:
                    # a rule earlier in build order takes these values: ask by method
                    own = set(rule.get("methods") or ["GET"])
                    others = set(rules[bi].get("methods") or ["GET"])
                    distinct = sorted(own - others, key=lambda m: PREFERRED_METHODS.index(m)
                                      if m in PREFERRED_METHODS else 99)
                    if distinct:
                        build_method = distinct[0]
                if bi in covered or len([c for c in cases if c["rule"] == bi]) >= per_rule:
                    continue
            method = request_method(rules[bi])
            if (endpoint, method, url) in seen_urls:
                why = "only URLs built before (%s)" % url
                continue
            expect = observe(client, method, url)
            want = {n: normalize(v) for n, v in values if n in {x.name for x in variables[bi]}}
            want.update(rules[bi].get("defaults") or {})
            body = expect.get("body")
            if expect["status"] != 200 or body != {"endpoint": endpoint, "args": want}:
                why = "rule %d builds %s, Flask matches %s %s to %s, not %s" % (
                    bi, json.dumps(values_json, ensure_ascii=False), method, url,
                    dumps(expect), dumps({"endpoint": endpoint, "args": want}))
                continue
            seen_urls.add((endpoint, method, url))
            case = {"endpoint": endpoint, "rule": bi, "values": values_json,
                    "method": method, "url": url, "expect": body}
            if used_method:
                case["build_method"] = used_method
            cases.append(case)
            covered.add(bi)
            if bi == ri:
                kept += 1
        if ri not in covered:
            unbuilt[ri] = why
    # a rule another rule's attempts covered
    unbuilt = {ri: why for ri, why in unbuilt.items() if ri not in covered}
    return {"name": rule_set.get("name", ""), "rules_sha256": rules_digest(rules),
            "unbuilt_rules": [{"rule": ri, "why": why} for ri, why in sorted(unbuilt.items())],
            "cases": cases}


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def dumps(obj):
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def write(path, header, sets):
    out = ["{" + ", ".join("%s: %s" % (dumps(k), dumps(v)) for k, v in header.items()) + ","]
    out.append(" \"sets\": [")
    for si, s in enumerate(sets):
        out.append("  {\"name\": %s, \"rules_sha256\": %s," % (dumps(s["name"]), dumps(s["rules_sha256"])))
        out.append("   \"unbuilt_rules\": %s," % dumps(s["unbuilt_rules"]))
        out.append("   \"cases\": [")
        for ci, c in enumerate(s["cases"]):
            # keys sorted, except that "values" keeps the order of the url_for parameters
            out.append("    " + dumps(c) + ("," if ci + 1 < len(s["cases"]) else ""))
        out.append("   ]}" + ("," if si + 1 < len(sets) else ""))
    out.append(" ]}")
    text = "\n".join(out) + "\n"
    json.loads(text)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--out", help="default: CORPUS with .json replaced by .url_for.json")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-rule", type=int, default=3, help="cases per rule (default 3)")
    ap.add_argument("--tries", type=int, default=12, help="attempts per rule (default 12)")
    args = ap.parse_args(argv)

    for pkg, want in (("flask", "3.1.3"), ("werkzeug", "3.1.8")):
        if version(pkg) != want:
            print("warning: %s %s installed, the cases target %s" % (pkg, version(pkg), want),
                  file=sys.stderr)
    with open(args.corpus, encoding="utf-8") as f:
        corpus = json.load(f)
    out = args.out or re.sub(r"(\.json)?$", ".url_for.json", args.corpus, count=1)
    sets = [cases_for_set(i, s, args.seed, args.per_rule, args.tries)
            for i, s in enumerate(corpus["sets"])]
    header = {"flask": version("flask"), "werkzeug": version("werkzeug"),
              "corpus": os.path.basename(args.corpus),
              "generator": "url_for_cases.py --seed %d --per-rule %d --tries %d" % (
                  args.seed, args.per_rule, args.tries)}
    write(out, header, sets)
    nrules = sum(len(s["rules"]) for s in corpus["sets"])
    ncases = sum(len(s["cases"]) for s in sets)
    unbuilt = sum(len(s["unbuilt_rules"]) for s in sets)
    queries = sum(1 for s in sets for c in s["cases"] if "?" in c["url"])
    by_method = sum(1 for s in sets for c in s["cases"] if "build_method" in c)
    print("%s: %d sets, %d rules, %d cases (%d with a query, %d built with _method); "
          "%d rules without a round-tripping case" % (out, len(sets), nrules, ncases, queries,
                                                       by_method, unbuilt))


if __name__ == "__main__":
    main()
