#!/usr/bin/env python3
"""`APP routes` against Flask 3.1, and `APP routes match -` against Werkzeug.

Usage: routes_vs_flask.py APP

APP is a retort app's binary (examples/hello, tests/cli/routes_app). The
script reads its manifest (`APP routes --json`) and builds its Flask twin:
the same rules, endpoints (blueprints are endpoint prefixes), methods,
defaults, strict_slashes and merge_slashes, registered in the same order,
and the same static folder and URL path. Then:

1. the listing: `APP routes [--sort KEY] [--all-methods]` must be byte for
   byte what Flask's `flask routes` prints for the twin, for every KEY and
   both ways. For `--sort match` Flask prints registration order; retort
   prints the order its matcher tries the rules, which is checked against
   a depth-first walk of Werkzeug's own state machine for the same rules
   (static segments first, converters by weight), the static route last;
2. `APP routes match -` on a few hundred requests built from the rules
   (typed values, percent-encoded text, queries, missing and extra slashes,
   repeated slashes, defaults, wrong methods, typos, static files): each
   answer must be Werkzeug's (endpoint and typed values; the redirect's
   path and query; the 405's allowed methods; NotFound). As retort does,
   static files are tried only when no rule matched.

Exits 77 (ctest's SKIP_RETURN_CODE) when Flask 3 is not installed.
"""
import importlib.metadata
import json
import os
import random
import re
import subprocess
import sys
import urllib.parse
import uuid

try:
    import flask
    import flask.cli
    from werkzeug.exceptions import MethodNotAllowed, NotFound
    from werkzeug.routing import Map, RequestRedirect, Rule
    from werkzeug.routing.converters import (AnyConverter, FloatConverter, IntegerConverter, PathConverter,
                                             UUIDConverter)
    from werkzeug.security import safe_join
except ImportError as e:
    print(f"SKIP: Flask or Werkzeug is not installed ({e})")
    sys.exit(77)
if importlib.metadata.version("flask").split(".")[0] != "3":
    print(f"SKIP: Flask {importlib.metadata.version('flask')} is installed; the reference is Flask 3")
    sys.exit(77)

STATIC_METHODS = ["GET", "HEAD", "OPTIONS"]
failures = []


def fail(message):
    failures.append(message)
    if len(failures) <= 30:
        print("FAIL:", message)


def run(app, *args, stdin=None):
    result = subprocess.run([app, *args], input=stdin, capture_output=True, timeout=120)
    if result.returncode not in (0, 1):
        sys.exit(f"{app} {' '.join(args)} exited {result.returncode}: {result.stderr.decode(errors='replace')}")
    return result


# ---------------------------------------------------------------- the twin

def view_for(endpoint, views={}):
    # One function per endpoint: Flask refuses two for one name.
    return views.setdefault(endpoint, lambda **values: "")


def werkzeug_rule(route):
    return Rule(route["rule"], endpoint=route["endpoint"], methods=route["methods"],
                defaults=route["defaults"] or None, strict_slashes=route["strict_slashes"],
                merge_slashes=route["merge_slashes"])


def flask_twin(manifest):
    static = manifest.get("static_route")
    app = flask.Flask("twin", static_folder=static["folder"] if static else None,
                      static_url_path=static["url_path"] if static else None)
    for route in manifest["routes"]:
        # Flask adds HEAD where GET is, and OPTIONS unless the view takes it.
        methods = [m for m in route["methods"] if m != "HEAD" and (m != "OPTIONS" or not route["automatic_options"])]
        app.add_url_rule(route["rule"], endpoint=route["endpoint"], view_func=view_for(route["endpoint"]),
                         methods=methods, defaults=route["defaults"] or None,
                         strict_slashes=route["strict_slashes"], merge_slashes=route["merge_slashes"])
    return app


def match_order(routing_map):
    """Werkzeug's rules in the order its state machine tries them."""
    routing_map.update()
    order = []

    def walk(state):
        order.extend(state.rules)
        for child in state.static.values():
            walk(child)
        for _, child in state.dynamic:
            walk(child)

    walk(routing_map._matcher._root)
    return order


# ---------------------------------------------------------------- the listing

def check_listing(app_binary, twin, routes_map):
    runner = twin.test_cli_runner()
    flask_rules = list(twin.url_map.iter_rules())
    for sort in ("endpoint", "methods", "rule", "match"):
        for extra in ([], ["--all-methods"]):
            args = ["--sort", sort, *extra]
            expected = runner.invoke(flask.cli.routes_command, args).output
            if sort == "match":
                # Flask: url_map order. retort: the matcher's, static last.
                lines = expected.splitlines(keepends=True)
                row_of = dict(zip(map(id, flask_rules), lines[2:]))
                by_key = {(r.endpoint, r.rule, tuple(sorted(r.methods))): row_of[id(r)] for r in flask_rules}
                ordered = [by_key[(r.endpoint, r.rule, tuple(sorted(r.methods)))] for r in match_order(routes_map)]
                ordered += [row_of[id(r)] for r in flask_rules if r.endpoint == "static"]
                expected = "".join(lines[:2] + ordered)
            got = run(app_binary, "routes", *args).stdout.decode()
            if got != expected:
                fail(f"routes {' '.join(args)}:\n--- flask routes\n{expected}--- {app_binary} routes\n{got}")
    default = run(app_binary, "routes").stdout.decode()
    if default != runner.invoke(flask.cli.routes_command, []).output:
        fail("routes without options is not flask routes' default (--sort endpoint)")


# ---------------------------------------------------------------- requests

def sample_values(converter, rng):
    if isinstance(converter, IntegerConverter):
        # Within every handler's type: a value the C++ parameter cannot hold is
        # a 404 in retort (docs/differences.md), tested elsewhere.
        values = [1, 0, 7, 42, 2**31 - 1]
        return values + [-3] if converter.signed else values
    if isinstance(converter, FloatConverter):
        values = [0.5, 2.5, 100.25]
        return values + [-1.5] if converter.signed else values
    if isinstance(converter, UUIDConverter):
        u = uuid.UUID(int=rng.getrandbits(128))
        return [u, str(u).upper()]
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)
    if isinstance(converter, PathConverter):
        return ["a", "a/b.txt", "x y/\u00e9", "d/"]
    return ["ada", "a b", "\u00e9t\u00e9", "\u2713", "x+y", "50%", "a.b"]


def rule_paths(rule, rng):
    """Paths Werkzeug builds for the rule, several values per variable."""
    names = sorted(rule._converters)
    choices = [sample_values(rule._converters[name], rng) for name in names]
    count = max([len(c) for c in choices] + [1])
    paths = []
    for i in range(count):
        values = {name: c[i % len(c)] for name, c in zip(names, choices)}
        values.update(rule.defaults or {})
        built = rule.build(values, append_unknown=False)
        if built is not None and built[1] not in paths:
            paths.append(built[1])
    return paths


def variants(path, rng):
    """The path, and what a client might send instead of it."""
    out = [path, path + "?x=1&y=%20&z"]
    out.append(path[:-1] if path.endswith("/") and len(path) > 1 else path + "/")
    second = path.find("/", 1)
    if second > 0:
        out.append(path[:second] + "/" + path[second:])          # a repeated slash
        out.append(path[:second] + "//" + path[second:] + "?q")  # three
        if path.endswith("/"):
            out.append(path[:second] + "/" + path[second:-1])    # repeated, and the last one missing
    out.append("//" + path.lstrip("/"))                          # leading slashes never redirect
    if len(path) > 2:
        out.append(path[:1] + path[2:])                           # a typo
    out.append(path.upper())
    out.append(re.sub(r"%[0-9A-Fa-f]{2}|[A-Za-z]",                # letters escaped, escapes kept
                      lambda m: f"%{ord(m[0]):02X}" if len(m[0]) == 1 and rng.random() < 0.3 else m[0], path))
    return out


def static_requests(static):
    prefix = static["url_path"]
    files = []
    for root, _, names in os.walk(static["folder"]):
        for name in names:
            files.append(os.path.relpath(os.path.join(root, name), static["folder"]).replace(os.sep, "/"))
    out = []
    for name in sorted(files)[:6] + ["missing.css", "../secret", "a/../" + (sorted(files) or ["x"])[0]]:
        target = prefix + "/" + urllib.parse.quote(name)
        out += [("GET", target), ("HEAD", target), ("POST", target), ("OPTIONS", target), ("GET", target + "?v=2")]
    out += [("GET", prefix), ("GET", prefix + "/"), ("GET", prefix + "//x")]
    return out


def requests_for(routes_map, static, rng):
    methods = ["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "BREW", "get"]
    out = []
    for rule in routes_map.iter_rules():
        for n, path in enumerate(rule_paths(rule, rng)):
            for m in (["GET", "OPTIONS", *sorted(rule.methods)] if n == 0 else [rng.choice(methods)]):
                out.append((m, path))
            for variant in variants(path, rng):
                out.append((rng.choice(["GET", "GET", "HEAD", "POST"]), variant))
    out += [("GET", "/"), ("GET", "/nowhere"), ("GET", "/%E2%9C%93"), ("DELETE", "/"), ("GET", "/?a=b")]
    if static:
        out += static_requests(static)
    return out


# ---------------------------------------------------------------- expectations

def location_path(url):
    parts = urllib.parse.urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def redirect_reason(path, location):
    sent = "/" + path.lstrip("/")
    merged = re.sub("/{2,}", "/", sent)
    target = urllib.parse.unquote(urllib.parse.urlsplit(location).path)
    if target == sent + "/":
        return "add_slash"
    if merged != sent and target == merged:
        return "merge_slashes"
    if merged != sent and target == merged + "/":
        return "merge_and_add_slash"
    return "canonical"


def plain(values):
    return {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in values.items()}


def static_answer(method, path, static):
    """retort's static route, tried after routing found nothing (App::serve_static)."""
    prefix = static["url_path"] if static else None
    if static is None or not path.startswith(prefix) or len(path) <= len(prefix) + 1 or path[len(prefix)] != "/":
        return None
    filename = path[len(prefix) + 1:]
    if method == "OPTIONS":
        return {"status": 200, "endpoint": "static", "allowed": STATIC_METHODS}
    if method not in ("GET", "HEAD"):
        return {"status": 405, "allowed": STATIC_METHODS}
    joined = safe_join(static["folder"], filename)  # what Flask's send_from_directory allows
    ok = joined is not None and os.path.isfile(joined)
    return {"status": 200 if ok else 404, "endpoint": "static", "arguments": {"filename": filename}}


def expected_answer(routes_map, automatic, method, target, static):
    raw_path, _, query = target.partition("?")
    path = urllib.parse.unquote(raw_path, errors="replace")
    adapter = routes_map.bind("localhost")
    method = method.upper()
    try:
        rule, values = adapter.match(path, method, return_rule=True, query_args=query)
    except RequestRedirect as e:
        return {"status": 308, "location": location_path(e.new_url), "reason": redirect_reason(path, e.new_url)}
    except MethodNotAllowed as e:
        return {"status": 405, "allowed": sorted(e.valid_methods)}
    except NotFound:
        return static_answer(method, path, static) or {"status": 404}
    answer = {"status": 200, "endpoint": rule.endpoint}
    if method == "OPTIONS" and automatic[id(rule)]:
        answer["allowed"] = sorted(adapter.allowed_methods(path))  # Flask's default OPTIONS response
    else:
        answer["arguments"] = plain(values)
    return answer


def check_answer(expected, got, rules_known):
    for key, value in expected.items():
        if key == "arguments":
            if got.get("arguments") != value:
                return f"arguments {got.get('arguments')!r}, Werkzeug's {value!r}"
        elif got.get(key) != value:
            return f"{key} {got.get(key)!r}, expected {value!r}"
    if expected["status"] == 404 and expected.get("endpoint") != "static":
        nearest = got.get("nearest")
        if not isinstance(nearest, list) or not 0 < len(nearest) <= 3 or \
                any((n.get("endpoint"), n.get("rule")) not in rules_known for n in nearest):
            return f"nearest {nearest!r} is not up to 3 of the app's rules"
    return None


def check_matches(app_binary, routes_map, manifest):
    static = manifest.get("static_route")
    automatic = {}
    for rule, route in zip(routes_map.iter_rules(), manifest["routes"]):
        automatic[id(rule)] = route["automatic_options"]
    rules_known = {(r["endpoint"], r["rule"]) for r in manifest["routes"]}
    if static:
        rules_known.add(("static", static["rule"]))
    rng = random.Random(8)
    requests = requests_for(routes_map, static, rng)
    lines = "".join(f"{m} {t}\n" for m, t in requests)
    result = run(app_binary, "routes", "match", "-", stdin=lines.encode())
    answers = result.stdout.decode().splitlines()
    if len(answers) != len(requests):
        fail(f"routes match - answered {len(answers)} lines for {len(requests)} requests")
        return
    seen = set()
    for (method, target), line in zip(requests, answers):
        got = json.loads(line)
        expected = expected_answer(routes_map, automatic, method, target, static)
        seen.add(expected["status"] if expected["status"] != 308 else expected["reason"])
        problem = check_answer(expected, got, rules_known)
        if got.get("method") != method.upper() or got.get("path") != target:
            problem = f"echoed {got.get('method')} {got.get('path')}"
        if problem:
            fail(f"{method} {target}: {problem}\n  retort: {line}\n  werkzeug: {json.dumps(expected)}")
    print(f"{len(requests)} requests; answers seen: {sorted(map(str, seen))}")
    if result.returncode != 0:
        fail(f"routes match - exited {result.returncode} with no malformed line")
    # What a request cannot be, as the server answers it; malformed lines.
    extra = run(app_binary, "routes", "match", "-", stdin=b"GET /a%zz\nGET /" + b"a" * 9000 + b"\nGET\n\nGET / /\n")
    statuses = [json.loads(line).get("status", json.loads(line).get("error")) for line in extra.stdout.decode().splitlines()]
    if statuses != [400, 414, "expected 'METHOD PATH'", "expected 'METHOD PATH'", "expected 'METHOD PATH'"] or \
            extra.returncode != 1:
        fail(f"bad targets and malformed lines: {statuses}, exit {extra.returncode}")


def check_single(app_binary, manifest):
    """`routes match METHOD PATH`: text, and the exit status."""
    first = manifest["routes"][0]
    path = first["rule"] if not first["variables"] else None
    if path is not None:
        found = run(app_binary, "routes", "match", first["methods"][0], path)
        text = found.stdout.decode()
        if found.returncode != 0 or f"-> {first['endpoint']}" not in text or first["source"]["file"] not in text:
            fail(f"routes match {path}: exit {found.returncode}\n{text}")
    missing = run(app_binary, "routes", "match", "GET", "/no/such/page")
    if missing.returncode != 1 or "404 Not Found" not in missing.stdout.decode() or \
            "nearest" not in missing.stdout.decode():
        fail(f"routes match GET /no/such/page: exit {missing.returncode}\n{missing.stdout.decode()}")


def check_manifest(manifest):
    """`routes --json`, static route included, against schemas/routes.schema.json."""
    try:
        import jsonschema
    except ImportError:
        print("note: python3-jsonschema is not installed; the manifest's schema is not checked")
        return
    schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schemas",
                               "routes.schema.json")
    with open(schema_path, encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    for error in validator.iter_errors(manifest):
        fail(f"routes --json: {'/'.join(map(str, error.path)) or '(root)'}: {error.message}")
    order = manifest["match_order"]
    if sorted(order) != list(range(len(manifest["routes"]))):
        fail(f"match_order is not a permutation of the routes: {order}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    app_binary = sys.argv[1]
    manifest = json.loads(run(app_binary, "routes", "--json").stdout)
    check_manifest(manifest)
    twin = flask_twin(manifest)
    routes_map = Map([werkzeug_rule(route) for route in manifest["routes"]])  # no static rule: retort's routing
    check_listing(app_binary, twin, routes_map)
    check_matches(app_binary, routes_map, manifest)
    check_single(app_binary, manifest)
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("routes and routes match agree with Flask and Werkzeug")


if __name__ == "__main__":
    main()
