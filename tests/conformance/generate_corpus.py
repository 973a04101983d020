#!/usr/bin/env python3
"""Generate routing conformance corpora by running Flask's test client.

Usage:
  generate_corpus.py random --seed N --sets K --out FILE
  generate_corpus.py edge --out FILE

Every expectation in the output is what Flask + Werkzeug answered; nothing is
hand-written.  See README.md in this directory for the format.
"""

import argparse
import json
import os
import random
import re
import sys
import uuid
from importlib.metadata import version
from urllib.parse import unquote

import flask
from flask import Flask, request
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Running one set through Flask
# ---------------------------------------------------------------------------


def _echo_for(endpoint):
    def view(**_kwargs):
        return flask.jsonify(endpoint=request.endpoint, args=request.view_args)

    view.__name__ = "view_" + endpoint
    return view


def build_app(rules):
    """One Flask app with the rules registered in list order."""
    app = Flask(__name__, static_folder=None)
    views = {}
    for r in rules:
        ep = r["endpoint"]
        if ep not in views:
            views[ep] = _echo_for(ep)
        kwargs = {"endpoint": ep, "view_func": views[ep]}
        for key in ("methods", "defaults", "strict_slashes", "merge_slashes"):
            if key in r:
                kwargs[key] = r[key]
        app.add_url_rule(r["rule"], **kwargs)
    return app


def observe(client, method, path):
    """Send one request and describe the response in corpus form."""
    if path.startswith("//"):
        # The test client reads "//x/y" as scheme-relative (host "x", path
        # "/y").  Build the environ of the origin-form target instead: the
        # same request without the extra leading slashes, then put them back
        # into PATH_INFO and the raw URI.
        stripped = path.lstrip("/")
        extra = "/" * (len(path) - len(stripped) - 1)
        env = EnvironBuilder(path="/" + stripped, method=method).get_environ()
        for key in ("PATH_INFO", "REQUEST_URI", "RAW_URI"):
            env[key] = extra + env[key]
        resp = client.open(Request(env))  # a dict would be re-parsed
    else:
        resp = client.open(path, method=method)
    status = resp.status_code
    expect = {"status": status}
    if 300 <= status < 400:
        expect["location"] = resp.headers["Location"]
    allow = resp.headers.get("Allow")
    if status == 405 or (status == 200 and method.upper() == "OPTIONS"):
        expect["allow"] = sorted(allow.split(", ")) if allow else []
    if status == 200 and method.upper() not in ("HEAD", "OPTIONS"):
        if resp.mimetype != "application/json":
            raise RuntimeError("non-echo 200 for %s %r" % (method, path))
        expect["body"] = json.loads(resp.get_data(as_text=True))
    if status not in (200, 308, 404, 405):
        raise RuntimeError("unexpected status %d for %s %r" % (status, method, path))
    return expect


def run_set(name, rules, requests, drop_unfit=False):
    app = build_app(rules)
    client = app.test_client()
    cases, seen = [], set()
    for method, path in requests:
        check_path(path)
        if drop_unfit and not numbers_fit(path):
            continue
        if (method, path) in seen:
            continue
        seen.add((method, path))
        cases.append({"method": method, "path": path, "expect": observe(client, method, path)})
    return {"name": name, "rules": rules, "cases": cases}


HEX = "0123456789abcdefABCDEF"
PLACEHOLDER = re.compile(r"<(?:([A-Za-z_]\w*)(?:\((.*?)\))?:)?([A-Za-z_]\w*)>")
VALUE_TYPE = {"default": "text", "string": "text", "path": "text", "any": "text",
              "int": "int", "float": "float", "uuid": "uuid"}
CORPUS_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def numbers_fit(path):
    """Digit runs must fit int64, decimal numbers at most 15 significant digits."""
    decoded = unquote(path.split("?", 1)[0], errors="replace")
    for m in re.finditer(r"[0-9]+", decoded):
        if int(m.group()) > 2 ** 63 - 1:
            return False
    for m in re.finditer(r"[0-9]+\.[0-9]+", decoded):
        if len(m.group().replace(".", "").lstrip("0")) > 15:
            return False
    return True


def rule_shape(rule_text):
    """What retort compares to find duplicate rules (converter args and names ignored)."""
    def conv(m):
        c = m.group(1) or "default"
        return "<%s>" % ("default" if c == "string" else c)
    return PLACEHOLDER.sub(conv, rule_text)


def validate_set(s):
    """Assert that a set stays inside what the C++ side can express."""
    types = {}  # (endpoint, name) -> value type
    seen = []
    for r in s["rules"]:
        ep, text = r["endpoint"], r["rule"]
        assert re.fullmatch(r"e[0-9]+", ep), ep
        ms = r.get("methods", ["GET"])
        assert ms and set(ms) <= CORPUS_METHODS, r
        assert text.startswith("/"), text
        static = PLACEHOLDER.sub("", text)
        assert not set(static) & set('<>"\\%?#'), text
        names = []
        for m in PLACEHOLDER.finditer(text):
            conv, args, name = m.group(1) or "default", m.group(2), m.group(3)
            assert conv in VALUE_TYPE, text
            assert re.fullmatch(r"[a-z_][a-z0-9_]*", name), text
            assert "-" not in (args or ""), text
            names.append(name)
            t = types.setdefault((ep, name), VALUE_TYPE[conv])
            assert t == VALUE_TYPE[conv], (ep, name, text)
        assert len(names) == len(set(names)), text
        for key, value in r.get("defaults", {}).items():
            assert type(value) in (int, float, str), r
            vt = {int: "int", float: "float", str: "text"}[type(value)]
            t = types.setdefault((ep, key), vt)
            assert t == vt, (ep, key, r)
        shape = rule_shape(text)
        mset = set(ms)
        for other_shape, other_methods in seen:
            assert not (shape == other_shape and mset & other_methods), ("duplicate", text)
        seen.append((shape, mset))
    # a defaults key checked before the converter that names it
    for r in s["rules"]:
        for key, value in r.get("defaults", {}).items():
            vt = {int: "int", float: "float", str: "text"}[type(value)]
            assert types[(r["endpoint"], key)] == vt, (key, r)
    for c in s["cases"]:
        check_path(c["path"])
        assert numbers_fit(c["path"]), c["path"]


def check_path(path):
    """The request-target rules of the corpus format."""
    assert "#" not in path, path
    i = 0
    while True:
        i = path.find("%", i)
        if i < 0:
            break
        assert len(path) >= i + 3 and path[i + 1] in HEX and path[i + 2] in HEX, path
        i += 3


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def dumps(obj):
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def write_corpus(path, generator, sets):
    """Diff-friendly JSON: one rule or case per line."""
    out = []
    out.append("{\"flask\": %s, \"werkzeug\": %s, \"generator\": %s,"
               % (dumps(version("flask")), dumps(version("werkzeug")), dumps(generator)))
    out.append(" \"sets\": [")
    for si, s in enumerate(sets):
        out.append("  {\"name\": %s," % dumps(s["name"]))
        out.append("   \"rules\": [")
        for ri, r in enumerate(s["rules"]):
            out.append("    " + dumps(r) + ("," if ri + 1 < len(s["rules"]) else ""))
        out.append("   ],")
        out.append("   \"cases\": [")
        for ci, c in enumerate(s["cases"]):
            line = "{\"method\": %s, \"path\": %s, \"expect\": %s}" % (
                dumps(c["method"]), dumps(c["path"]), dumps(c["expect"]))
            out.append("    " + line + ("," if ci + 1 < len(s["cases"]) else ""))
        out.append("   ]}" + ("," if si + 1 < len(sets) else ""))
    out.append(" ]}")
    text = "\n".join(out) + "\n"
    json.loads(text)  # must stay valid JSON
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def summarize(sets):
    dist = {}
    ncases = 0
    for s in sets:
        for c in s["cases"]:
            ncases += 1
            st = c["expect"]["status"]
            key = str(st)
            if st == 200 and c["method"].upper() == "OPTIONS":
                key = "200 (OPTIONS)"
            elif st == 200 and c["method"].upper() == "HEAD":
                key = "200 (HEAD)"
            dist[key] = dist.get(key, 0) + 1
    parts = ", ".join("%s: %d (%.0f%%)" % (k, v, 100.0 * v / max(ncases, 1))
                      for k, v in sorted(dist.items()))
    return "%d sets, %d cases; %s" % (len(sets), ncases, parts)


# ---------------------------------------------------------------------------
# Edge corpus
# ---------------------------------------------------------------------------


def toggle_slash(path):
    p, q = (path.split("?", 1) + [None])[:2]
    if p.endswith("/") and len(p) > 1:
        p = p[:-1]
    elif p:
        p = p + "/"
    return p if q is None else p + "?" + q


def edge_sets():
    sys.path.insert(0, HERE)
    import edge_cases  # noqa: E402

    sets = []
    for spec in edge_cases.EDGE_SETS:
        rules = []
        for i, r in enumerate(spec["rules"]):
            r = dict(r)
            r.setdefault("endpoint", "e%d" % i)
            # stable key order in the dict is irrelevant: output is sorted
            rules.append(r)
        requests = []
        for req in spec["requests"]:
            method, path = req if isinstance(req, tuple) else ("GET", req)
            requests.append((method, path))
        if spec.get("variants", True):
            extra = []
            for method, path in requests:
                if method != "GET":
                    continue
                extra.append(("HEAD", path))
                extra.append(("POST", path))
                extra.append(("OPTIONS", path))
                extra.append(("GET", toggle_slash(path)))
            requests += extra
        sets.append(run_set(spec["name"], rules, requests))
    return sets


# ---------------------------------------------------------------------------
# Random corpus
# ---------------------------------------------------------------------------

# Every variable name has one value type everywhere, so rules sharing an
# endpoint can never disagree about a name's type.
NAMES = {
    "int": ["n", "id", "page", "num", "year", "k"],
    "float": ["f", "ratio", "w"],
    "uuid": ["u", "uid"],
    "text": ["x", "y", "name", "slug", "p", "tail", "c", "ext", "a", "b", "lang", "kind"],
}
NAME_TYPE = {n: t for t, ns in NAMES.items() for n in ns}

STATIC_WORDS = [
    "api", "users", "files", "static", "v1", "docs", "admin", "page", "item",
    "new", "edit", "raw", "2024", "42", "ü", "café", "日本", "a b", "it's", "x.y",
    "a+b", "~t", "@me", "k=v", "a,b", "(x)", "a-b", "$", "!", "p;q", ":c", "*",
    "json", "red", "été", "ñu", "a_b", "Users",
]
ANY_ITEMS = ["red", "blue", "json", "xml", "a1", "b2", "new", "edit", "api", "v1"]
METHOD_SETS = [
    None, None, None, None, ["GET"], ["GET", "POST"], ["POST"], ["PUT"],
    ["GET", "PUT", "DELETE"], ["PATCH"], ["DELETE"], ["GET", "PATCH"],
    ["POST", "PUT"],
]
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
UNRESERVED_EXTRA = "-._~!$&'()*+,;=:@"
QUERIES = ["x=1", "x=1&y=%20", "q=a+b", "a=&b", "page=2", "x=%C3%BC", "k=v;w", "n=-1&n=2", "s=%2F"]


def methods_of(rule):
    ms = rule.get("methods") or ["GET"]
    s = set(ms)
    if "GET" in s:
        s.add("HEAD")
    return s


class Var:
    def __init__(self, conv, name, args=""):
        self.conv, self.name, self.args = conv, name, args

    def render(self):
        conv = self.conv
        if conv == "default":
            return "<%s>" % self.name
        if self.args:
            return "<%s(%s):%s>" % (conv, self.args, self.name)
        return "<%s:%s>" % (conv, self.name)

    def shape(self):
        return "<%s>" % ("default" if self.conv == "string" else self.conv)


class RandomSet:
    def __init__(self, rng, name):
        self.rng = rng
        self.name = name
        self.words = rng.sample(STATIC_WORDS, 6)
        self.roots = self.words[:rng.randint(1, 3)]
        self.rules = []  # (dict, segments) with segments: list of list of str|Var
        self.shapes = []  # (shape, methods)

    # -- rule construction --------------------------------------------------

    def pick_name(self, typ, used):
        free = [n for n in NAMES[typ] if n not in used]
        if not free:
            return None
        n = self.rng.choice(free)
        used.add(n)
        return n

    def int_var(self, used):
        rng = self.rng
        name = self.pick_name("int", used)
        if name is None:
            return None
        r = rng.random()
        if r < 0.55:
            args = ""
        elif r < 0.7:
            args = "min=%d, max=%d" % (rng.randint(0, 5), rng.choice([9, 10, 99, 100, 1000]))
        elif r < 0.8:
            args = "max=%d" % rng.choice([5, 10, 50])
        elif r < 0.9:
            args = "fixed_digits=%d" % rng.randint(2, 4)
        else:
            args = rng.choice(["signed=True", "signed=True, min=0", "signed=True, max=10"])
        return Var("int", name, args)

    def text_var(self, used, allow_args=True):
        rng = self.rng
        name = self.pick_name("text", used)
        if name is None:
            return None
        if allow_args and rng.random() < 0.25:
            args = rng.choice(["length=2", "length=3", "minlength=2", "maxlength=3",
                               "minlength=2, maxlength=4", "minlength=4"])
            return Var("string", name, args)
        return Var("default", name)

    def gen_segment(self, used, last):
        """One path segment: a list of str and Var parts."""
        rng = self.rng
        r = rng.random()
        if r < 0.34:
            return [rng.choice(self.words)]
        if r < 0.47:
            v = Var("default", self.pick_name("text", used) or "")
        elif r < 0.59:
            v = self.int_var(used)
        elif r < 0.63:
            n = self.pick_name("float", used)
            v = n and Var("float", n, rng.choice(["", "", "signed=True", "max=10.5", "min=1"]))
        elif r < 0.67:
            n = self.pick_name("uuid", used)
            v = n and Var("uuid", n)
        elif r < 0.72:
            n = self.pick_name("text", used)
            items = rng.sample(ANY_ITEMS + [w for w in self.words if w.isidentifier()], 2 + rng.randint(0, 1))
            items = list(dict.fromkeys(items))
            v = n and Var("any", n, ", ".join(items))
        elif r < 0.77:
            v = self.text_var(used)
        elif r < 0.84:
            n = self.pick_name("text", used)
            v = n and Var("path", n)
        else:
            return self.mixed_segment(used)
        if not v or not v.name:
            return [rng.choice(self.words)]
        return [v]

    def mixed_segment(self, used):
        rng = self.rng
        choice = rng.randint(0, 7)
        if choice == 0:
            v = self.int_var(used)
            return [rng.choice(["v", "ver", "item"]), v] if v else ["v"]
        if choice == 1:
            v = self.int_var(used)
            return [v, rng.choice([".json", ".html", "-x"])] if v else ["n.json"]
        if choice == 2:
            a, b = self.text_var(used, False), self.pick_name("text", used)
            return [a, ".", Var("default", b)] if a and b else ["a.b"]
        if choice == 3:
            a, b = self.text_var(used, False), self.pick_name("text", used)
            return [a, "-", Var("default", b)] if a and b else ["a-b"]
        if choice == 4:
            a, b = self.text_var(used, False), self.int_var(used)
            return [a, "~", b] if a and b else ["a~1"]
        if choice == 5:
            a = self.pick_name("int", used)
            b = self.pick_name("int", used)
            return [Var("int", a), Var("int", b)] if a and b else ["12"]
        if choice == 6:
            a = self.text_var(used, False)
            return [rng.choice(self.words), a] if a else ["w"]
        a = self.pick_name("text", used)
        return [Var("any", a, "red, blue"), ".", Var("default", self.pick_name("text", used) or "zz")] if a else ["x"]

    @staticmethod
    def render(segments):
        out = []
        for seg in segments:
            out.append("".join(p.render() if isinstance(p, Var) else p for p in seg))
        return "/" + "/".join(out)

    @staticmethod
    def shapes_of(segments):
        raw = "/" + "/".join("".join(p.shape() if isinstance(p, Var) else p for p in seg) for seg in segments)
        merged = raw
        while "//" in merged:
            merged = merged.replace("//", "/")
        return {raw, merged}

    def valid_segments(self, segments):
        names = [p.name for seg in segments for p in seg if isinstance(p, Var)]
        if len(names) != len(set(names)):
            return False
        for i, seg in enumerate(segments):
            if seg == [] and i != len(segments) - 1:
                return False
            texts = [p for p in seg if isinstance(p, str)]
            if any("/" in t or "<" in t or ">" in t for t in texts):
                return False
        return True

    def try_add(self, segments, endpoint, methods=None, defaults=None, strict=None, merge=None):
        if not self.valid_segments(segments):
            return False
        rule_text = self.render(segments)
        if "//" in rule_text and merge is not False:
            return False
        mset = set(methods or ["GET"])
        shapes = self.shapes_of(segments)
        for other_shapes, other_methods in self.shapes:
            if shapes & other_shapes and mset & other_methods:
                return False
        rule = {"endpoint": endpoint, "rule": rule_text}
        if methods is not None:
            rule["methods"] = list(methods)
        if defaults:
            rule["defaults"] = defaults
        if strict is not None:
            rule["strict_slashes"] = strict
        if merge is not None:
            rule["merge_slashes"] = merge
        try:
            build_app([dict(r) for r, _ in self.rules] + [rule])
        except Exception:
            return False
        self.rules.append((rule, segments))
        self.shapes.append((shapes, mset))
        return True

    def new_endpoint(self):
        eps = {r["endpoint"] for r, _ in self.rules}
        i = 0
        while "e%d" % i in eps:
            i += 1
        return "e%d" % i

    def rule_options(self):
        rng = self.rng
        strict = False if rng.random() < 0.15 else None
        merge = False if rng.random() < 0.06 else None
        return strict, merge

    def gen_rule(self):
        rng = self.rng
        r = rng.random()
        strict, merge = self.rule_options()
        methods = rng.choice(METHOD_SETS)
        if r < 0.1 or not self.rules:
            # the Flask pagination idiom: /users/ defaults={'page':1} + /users/page/<int:page>
            base = [[rng.choice(self.roots)]]
            if rng.random() < 0.3:
                base.append([Var("default", "slug")])
            ep = self.new_endpoint()
            dname = "page" if rng.random() < 0.7 else "n"
            leaf = base + ([["page"], [Var("int", dname)]] if rng.random() < 0.6 else [[Var("int", dname)]])
            branch = base + [[]] if rng.random() < 0.7 else base
            pair = [(branch, {dname: 1}), (leaf, None)]
            if rng.random() < 0.3:
                pair.reverse()
            for segs, defaults in pair:
                self.try_add(segs, ep, methods, defaults, strict, None)
            return
        if r < 0.2 and self.rules:
            # same pattern, disjoint methods, another endpoint
            src, segs = rng.choice(self.rules)
            taken = methods_of(src)
            free = [m for m in ALL_METHODS if m not in taken]
            if free:
                ms = rng.sample(free, rng.randint(1, min(2, len(free))))
                self.try_add(segs, self.new_endpoint(), sorted(ms), None,
                             src.get("strict_slashes"), src.get("merge_slashes"))
            return
        used = set()
        if r < 0.6 and self.rules:
            # compete with an existing rule: keep a prefix, change the rest
            src, ssegs = rng.choice(self.rules)
            ssegs = [s for s in ssegs if s != []]
            keep = rng.randint(0, max(0, len(ssegs) - 1)) if ssegs else 0
            # a path converter can only be kept if it is not the last part we keep
            segs = [list(s) for s in ssegs[:keep]]
            for s in segs:
                for p in s:
                    if isinstance(p, Var):
                        used.add(p.name)
            if not segs:
                segs = [[rng.choice(self.roots)]] if rng.random() < 0.8 else []
        else:
            segs = [[rng.choice(self.roots)]]
        depth = rng.randint(0, 3)
        for i in range(depth):
            segs.append(self.gen_segment(used, i == depth - 1))
        if not segs:
            segs = [self.gen_segment(used, True)]
        if rng.random() < 0.4:
            segs.append([])  # branch rule
        if merge is False and rng.random() < 0.4 and len(segs) >= 2:
            segs.insert(1, [""])  # '/a//b', only with merge_slashes=False
        ep = self.new_endpoint()
        defaults = None
        if rng.random() < 0.12 and self.rules:
            # share an endpoint with an earlier rule
            ep = rng.choice(self.rules)[0]["endpoint"]
        if rng.random() < 0.07:
            key = rng.choice(["lang", "kind", "k"])
            if key not in used:
                defaults = {key: "en" if NAME_TYPE[key] == "text" else 3}
        if rng.random() < 0.03:
            # a default that overwrites a captured value
            texts = [p.name for s in segs for p in s if isinstance(p, Var) and NAME_TYPE[p.name] == "text"]
            if texts:
                defaults = {texts[0]: "dflt"}
        self.try_add(segs, ep, methods, defaults, strict, merge)

    # -- request construction -------------------------------------------------

    def enc_char(self, ch):
        rng = self.rng
        if ch == " ":
            return " " if rng.random() < 0.2 else "%20"
        if ch.isascii() and (ch.isalnum() or ch in UNRESERVED_EXTRA):
            if rng.random() < 0.015:
                return "%%%02X" % ord(ch)
            return ch
        if not ch.isascii():
            r = rng.random()
            if r < 0.3:
                return ch
            hexes = ["%%%02X" % b for b in ch.encode("utf-8")]
            if r > 0.9:
                hexes = [h.lower() for h in hexes]
            return "".join(hexes)
        return "".join("%%%02X" % b for b in ch.encode("utf-8"))

    def enc_text(self, text):
        return "".join(self.enc_char(c) for c in text)

    def text_value(self, var=None):
        rng = self.rng
        lo, hi = 1, 8
        if var is not None and var.conv == "string" and var.args:
            args = dict(a.split("=") for a in var.args.replace(" ", "").split(","))
            if "length" in args:
                lo = hi = int(args["length"])
            else:
                lo = int(args.get("minlength", 1))
                hi = int(args.get("maxlength", max(lo, 6)))
            if rng.random() < 0.2:  # violate the length constraint
                lo, hi = (hi + 1, hi + 2) if rng.random() < 0.5 or lo <= 1 else (1, lo - 1)
        r = rng.random()
        if r < 0.12:
            return self.enc_text(rng.choice(self.words))
        if r < 0.2:
            return str(rng.randint(0, 999))
        if r < 0.24:
            return "%d.%d" % (rng.randint(0, 99), rng.randint(0, 99))
        n = rng.randint(lo, hi)
        pools = ["abcxyzABC", "0123456789", "üéñ日本ж", UNRESERVED_EXTRA, " "]
        weights = [60, 10, 12, 12, 6]
        out = []
        for _ in range(n):
            pool = rng.choices(pools, weights)[0]
            out.append(self.enc_char(rng.choice(pool)))
        if rng.random() < 0.15:
            special = rng.choice(["%2F", "%FF", "%E2%82", "%25", "%3F", "%23", "%C3%BC", "%2f", "%0A", "%7E"])
            out.insert(rng.randint(0, len(out)), special)
        return "".join(out)

    def int_value(self, var):
        rng = self.rng
        args = {}
        if var.args:
            args = dict(a.split("=") for a in var.args.replace(" ", "").split(","))
        lo = int(args.get("min", 0))
        hi = int(args.get("max", 10 ** rng.randint(1, 6)))
        if args.get("signed") == "True" and "min" not in args:
            lo = -hi
        v = rng.randint(lo, hi)
        r = rng.random()
        if r < 0.15 and lo <= 1 <= hi:
            v = rng.choice([0, 1, 1, 2])  # hits the canonical-URL redirect of defaults
        elif r < 0.25:
            v = hi + rng.randint(1, 100)  # out of range (when bounded)
        elif r < 0.28:
            v = rng.choice([2 ** 63 - 1, 9223372036854775806, 10 ** 17])
        s = str(abs(v))
        if "fixed_digits" in args:
            fd = int(args["fixed_digits"])
            if rng.random() < 0.75:
                s = s[-fd:].zfill(fd)
        elif rng.random() < 0.12:
            s = "0" * rng.randint(1, 2) + s  # leading zeros
        if v < 0 or (args.get("signed") == "True" and rng.random() < 0.1) or rng.random() < 0.03:
            s = "-" + s
        if rng.random() < 0.05:
            s = self.text_value()  # not an int at all
        return s

    def float_value(self, var):
        rng = self.rng
        r = rng.random()
        if r < 0.1:
            return str(rng.randint(0, 99))  # no dot: no match
        if r < 0.15:
            return ".5"
        s = "%d.%s" % (rng.randint(0, 999), rng.choice(["0", "5", "25", "125", "10", "75"]))
        if "signed" in var.args and rng.random() < 0.5 or rng.random() < 0.03:
            s = "-" + s
        return s

    def uuid_value(self):
        rng = self.rng
        s = str(uuid.UUID(int=rng.getrandbits(128)))
        r = rng.random()
        if r < 0.25:
            s = s.upper()
        elif r < 0.3:
            s = s[:-1]  # too short
        elif r < 0.33:
            s = s.replace("-", "")
        return s

    def value_for(self, var):
        rng = self.rng
        if var.conv in ("default", "string"):
            return self.text_value(var)
        if var.conv == "int":
            return self.int_value(var)
        if var.conv == "float":
            return self.float_value(var)
        if var.conv == "uuid":
            return self.uuid_value()
        if var.conv == "any":
            items = [i.strip() for i in var.args.split(",")]
            if rng.random() < 0.8:
                return rng.choice(items)
            return rng.choice(["green", items[0] + "x", items[0].upper()])
        if var.conv == "path":
            parts = [self.text_value() for _ in range(rng.randint(1, 3))]
            sep = "//" if rng.random() < 0.12 else "/"
            v = sep.join(parts)
            if rng.random() < 0.1:
                v += "/"
            return v
        raise AssertionError(var.conv)

    def instance(self, segments):
        out = []
        for seg in segments:
            s = ""
            for p in seg:
                s += self.value_for(p) if isinstance(p, Var) else self.enc_text(p)
            out.append(s)
        return "/" + "/".join(out)

    def mutate(self, path):
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return toggle_slash(path)
        if r < 0.5:
            idx = [i for i, ch in enumerate(path) if ch == "/"]
            i = rng.choice(idx)
            return path[:i] + rng.choice(["//", "//", "///"]) + path[i + 1:]
        if r < 0.55:
            return rng.choice(["//", "///"]) + path.lstrip("/")
        segs = path.split("/")
        if r < 0.72 and len(segs) > 1:
            i = rng.randint(1, len(segs) - 1)
            segs[i] = rng.choice([self.enc_text(rng.choice(self.words)), str(rng.randint(0, 99)),
                                  self.text_value(), "zz", ""])
            return "/".join(segs)
        if r < 0.82 and len(segs) > 2:
            return "/".join(segs[:-1])
        return path + "/" + rng.choice([self.enc_text(rng.choice(self.words)), "zz", str(rng.randint(0, 9))])

    def pick_method(self, rule):
        rng = self.rng
        allowed = sorted(methods_of(rule) - {"HEAD"})
        r = rng.random()
        if r < 0.55:
            return rng.choice(allowed)
        if r < 0.8:
            others = [m for m in ALL_METHODS if m not in allowed]
            return rng.choice(others) if others else "GET"
        if r < 0.88:
            return "OPTIONS"
        if r < 0.95:
            return "HEAD"
        return rng.choice(["get", "PROPFIND", "post", "GET"])

    def candidates(self):
        rng = self.rng
        reqs = [("GET", "/"), (rng.choice(["POST", "OPTIONS"]), "/")]
        for rule, segs in self.rules:
            for _ in range(4):
                p = self.instance(segs)
                reqs.append((self.pick_method(rule), p))
                for _ in range(3):
                    q = self.mutate(p)
                    reqs.append((self.pick_method(rule), q))
        for _ in range(4):
            reqs.append((rng.choice(["GET", "POST"]), "/" + self.enc_text(rng.choice(self.words)) + "/zz"))
        out = []
        for m, p in reqs:
            if rng.random() < 0.22:
                p = p + "?" + rng.choice(QUERIES)
            out.append((m, p))
        return out


def bucket(case):
    st = case["expect"]["status"]
    if st == 200:
        return "options" if case["method"].upper() == "OPTIONS" else "ok"
    return str(st)


QUOTAS = {"ok": 0.40, "308": 0.22, "404": 0.17, "405": 0.15, "options": 0.06}


def random_set(rng, name):
    for _attempt in range(20):
        rs = RandomSet(rng, name)
        target_rules = rng.randint(3, 12)
        tries = 0
        while len(rs.rules) < target_rules and tries < 200:
            rs.gen_rule()
            tries += 1
        if len(rs.rules) >= 3:
            break
    rules = [r for r, _ in rs.rules]
    full = run_set(name, rules, rs.candidates(), drop_unfit=True)
    target = rng.randint(25, 45)
    by_bucket = {}
    for i, c in enumerate(full["cases"]):
        by_bucket.setdefault(bucket(c), []).append(i)
    chosen = set()
    for b, share in QUOTAS.items():
        idx = by_bucket.get(b, [])
        rng.shuffle(idx)
        chosen.update(idx[:round(share * target)])
    rest = [i for i in range(len(full["cases"])) if i not in chosen]
    rng.shuffle(rest)
    chosen.update(rest[:max(0, target - len(chosen))])
    full["cases"] = [c for i, c in enumerate(full["cases"]) if i in chosen]
    return full


def random_sets(seed, count):
    rng = random.Random(seed)
    return [random_set(rng, "random-%d-%02d" % (seed, i)) for i in range(count)]


# ---------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    r = sub.add_parser("random", help="random rule sets")
    r.add_argument("--seed", type=int, required=True)
    r.add_argument("--sets", type=int, default=40)
    r.add_argument("--out", required=True)
    e = sub.add_parser("edge", help="hand-written rule sets from edge_cases.py")
    e.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    for pkg, want in (("flask", "3.1.3"), ("werkzeug", "3.1.8")):
        if version(pkg) != want:
            print("warning: %s %s installed, the corpus targets %s" % (pkg, version(pkg), want),
                  file=sys.stderr)

    if args.mode == "random":
        sets = random_sets(args.seed, args.sets)
        generator = "random seed=%d" % args.seed
    else:
        sets = edge_sets()
        generator = "edge"
    for s in sets:
        validate_set(s)
    write_corpus(args.out, generator, sets)
    print("%s: %s" % (args.out, summarize(sets)))


if __name__ == "__main__":
    main()
