#!/usr/bin/env python3
"""Records what Flask's url_for builds for the routes of tests/url_for/views.cpp.

    tests/url_for/flask_expectations.py build/tests/url_for/retort_generated/url_for_tests/views_routes.json

reads the manifest retortc wrote for views.cpp, registers the same rules on a
Flask app (endpoint, rule, methods, defaults, strict_slashes, merge_slashes,
in the manifest's order, which is retort's registration order), calls
flask.url_for inside app.test_request_context() for hand-picked and seeded
random cases, and writes next to this script:

  expected.json      every case and Flask's answer (a URL, or the exception's
                     type and str()); url_for_test.cpp replays it through
                     App::url_for;
  typed_cases.inc    the cases the generated url_for:: functions can express,
                     as C++ checks.

Files are rewritten only when their content changes. The output depends only
on the manifest, the seed and the Flask/Werkzeug versions (it warns when those
are not 3.1.3 / 3.1.8), never on PYTHONHASHSEED.
"""

import argparse
import importlib.metadata
import json
import math
import random
import sys
import uuid
from pathlib import Path

import flask
from werkzeug.routing import BuildError

HERE = Path(__file__).resolve().parent
FLASK_VERSION = "3.1.3"
WERKZEUG_VERSION = "3.1.8"
SERVER_NAME = "example.com:8443"
PREFERRED_URL_SCHEME = "https"
DEFAULT_SEED = 20250
RANDOM_CASES = 260

METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]

# Exception types url_for may raise, and what retort throws for each
# (url_for_test.cpp maps them back).
ERROR_TYPES = {BuildError: "BuildError", ValueError: "ValueError", OverflowError: "OverflowError"}
CPP_EXCEPTIONS = {"BuildError": "retort::BuildError", "ValueError": "std::invalid_argument",
                  "OverflowError": "std::overflow_error"}


# ---------------------------------------------------------------------------
# The Flask twin of the manifest's routes.

def make_app(manifest):
    app = flask.Flask(__name__, static_folder=None)
    app.config.update(SERVER_NAME=SERVER_NAME, PREFERRED_URL_SCHEME=PREFERRED_URL_SCHEME)
    views = {}
    for route in manifest["routes"]:
        endpoint = route["endpoint"]
        # One view per endpoint: Flask refuses two functions for one endpoint.
        view = views.setdefault(endpoint, lambda **kwargs: "")
        options = {"methods": route["methods"], "strict_slashes": route["strict_slashes"],
                   "merge_slashes": route["merge_slashes"]}
        if route["defaults"]:
            options["defaults"] = route["defaults"]
        # Blueprint rules are already prefixed and their endpoints dotted in
        # the manifest, which is what a Flask blueprint registers.
        app.add_url_rule(route["rule"], endpoint=endpoint, view_func=view, **options)
    return app


class Case:
    """One url_for call: Flask's url_for(endpoint, **values, **query, _anchor=…)."""

    def __init__(self, endpoint, values=(), query=(), **options):
        self.endpoint = endpoint
        self.values = list(values)   # (name, value) pairs: App::url_for's values
        self.query = list(query)     # (name, value) pairs: UrlOptions::query
        self.options = dict(options)
        names = [name for name, _ in self.values + self.query]
        assert len(names) == len(set(names)), f"a name twice: {names}"
        assert set(options) <= {"anchor", "external", "scheme", "method"}, options

    def run(self, app):
        kwargs = dict(self.values + self.query)
        flags = {"_" + k: v for k, v in self.options.items()}
        with app.test_request_context():
            try:
                return {"url": flask.url_for(self.endpoint, **flags, **kwargs)}
            except tuple(ERROR_TYPES) as error:
                kind = next(name for cls, name in ERROR_TYPES.items() if isinstance(error, cls))
                return {"error": {"type": kind, "message": str(error)}}

    def key(self):
        return json.dumps([self.endpoint, encode_pairs(self.values), encode_pairs(self.query), self.options],
                          sort_keys=True, ensure_ascii=False)


# ---------------------------------------------------------------------------
# JSON encoding of values: ints, floats, bools, None, str and lists as JSON;
# uuid.UUID as {"uuid": "…"}; floats JSON cannot hold as {"float": "nan"}.

def encode(value):
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, uuid.UUID):
        return {"uuid": str(value)}
    if isinstance(value, float) and not math.isfinite(value):
        return {"float": repr(value)}
    return value


def encode_pairs(pairs):
    return [[name, encode(value)] for name, value in pairs]


# ---------------------------------------------------------------------------
# C++ spelling of a case for the typed url_for:: functions.

INT_RANGES = {
    "int": (-2**31, 2**31 - 1), "long": (-2**63, 2**63 - 1), "long long": (-2**63, 2**63 - 1),
    "unsigned long long": (0, 2**64 - 1), "unsigned": (0, 2**32 - 1), "unsigned long": (0, 2**64 - 1),
    "short": (-2**15, 2**15 - 1), "unsigned short": (0, 2**16 - 1),
}


def cpp_string(text):
    """A C++ string literal of text's UTF-8 bytes. Non-printable and
    non-ASCII bytes are 3-digit octal escapes, which cannot swallow the next
    character as \\x escapes do. Text with a NUL byte gets the `sv` suffix."""
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "?" and out and out[-1] == "?":
            out.append("\\077")  # `??` would draw GCC's -Wtrigraphs
        elif 0x20 <= byte < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\{byte:03o}")
    literal = '"' + "".join(out) + '"'
    return literal + "sv" if "\0" in text else literal


def cpp_int(value):
    if -2**63 <= value < 2**63:
        if value == -2**63:
            return "(-9223372036854775807LL - 1)"
        return str(value) if -2**31 <= value < 2**31 else f"{value}LL"
    if 0 <= value < 2**64:
        return f"{value}ULL"
    return None


def cpp_float(value):
    if math.isnan(value):
        return "std::numeric_limits<double>::quiet_NaN()"
    if math.isinf(value):
        return ("-" if value < 0 else "") + "std::numeric_limits<double>::infinity()"
    text = repr(value)  # shortest round-trip digits; C++ reads them back exactly
    return text


def cpp_uuid(value):
    return f'*retort::Uuid::parse("{value}")'


def cpp_query_value(value):
    """A UrlValue for UrlOptions::query, or None if C++ cannot spell it."""
    if value is None:
        return "std::nullopt"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return cpp_int(value)
    if isinstance(value, float):
        return cpp_float(value)
    if isinstance(value, str):
        return cpp_string(value)
    if isinstance(value, uuid.UUID):
        return cpp_uuid(value)
    if isinstance(value, list):
        items = [cpp_query_value(v) for v in value]
        if any(item is None or isinstance(v, list) for item, v in zip(items, value)):
            return None
        return "std::vector<retort::UrlValue>{" + ", ".join(items) + "}"
    return None


def cpp_param_value(value, param):
    """The argument for a url_for:: parameter, or None if it has no C++ spelling."""
    if value is None:
        return None if param["required"] else "std::nullopt"
    kind = param["kind"]
    if kind == "integer":
        low, high = INT_RANGES[param["value_type"]]
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return cpp_int(value)
        return None
    if kind == "floating":
        if isinstance(value, float):
            return cpp_float(value)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= 2**53:
            return cpp_int(value)  # converts exactly, as float(value) does
        return None
    if kind == "uuid":
        return cpp_uuid(value) if isinstance(value, uuid.UUID) else None
    if kind in ("string", "string_view"):
        if not isinstance(value, str):
            return None
        if "any" in param and param["required"]:
            if value in param["any"]:
                return cpp_string(value)
            # A value known only at run time: AnyOf checks it, with Werkzeug's ValueError.
            items = ", ".join(cpp_string(item) for item in param["any"])
            return f"retort::AnyOf<{items}>::checked({cpp_string(value)})"
        return cpp_string(value)
    raise AssertionError(f"unknown parameter kind {kind}")


def typed_call(case, endpoints, result):
    """`url_for::f(…)` for the case, or None when the typed API cannot say
    it: the values must be the endpoint's url_for parameters, in their order,
    with C++-expressible values, and the rest must go through .query."""
    params = endpoints.get(case.endpoint)
    if params is None:
        return None  # unknown endpoint: that is a compile error in C++
    names = [p["name"] for p in params]
    given = dict(case.values)
    if [n for n, _ in case.values] != [n for n in names if n in given]:
        return None
    args = []
    for param in params:
        if param["name"] not in given:
            if param["required"]:
                return None  # a missing required value does not compile
            args.append("std::nullopt")
            continue
        arg = cpp_param_value(given[param["name"]], param)
        if arg is None:
            return None
        if "::checked(" in arg and result.get("error", {}).get("type") != "ValueError":
            return None  # AnyOf::checked throws before url_for could fail otherwise
        args.append(arg)
    # Trailing std::nullopt arguments are the defaults; leave them out
    # unless options follow.
    fields = []
    if case.query:
        items = []
        for name, value in case.query:
            item = cpp_query_value(value)
            if item is None:
                return None
            items.append("{" + cpp_string(name) + ", " + item + "}")
        fields.append(".query = {" + ", ".join(items) + "}")
    opts = case.options
    if "anchor" in opts:
        fields.append(".anchor = " + cpp_string(opts["anchor"]))
    if opts.get("external"):
        fields.append(".external = origin")
    if "scheme" in opts:
        fields.append(".scheme = " + cpp_string(opts["scheme"]))
    if "method" in opts:
        if opts["method"] not in METHODS:
            return None
        fields.append(".method = retort::Method::" + {"DELETE": "delete_"}.get(opts["method"], opts["method"].lower()))
    if fields:
        args.append("{" + ", ".join(fields) + "}")
    else:
        while args and args[-1] == "std::nullopt":
            args.pop()
    function = "url_for::" + case.endpoint.replace(".", "::")
    return f"{function}({', '.join(args)})"


def typed_check(call, result):
    if "url" in result:
        return f"CHECK({call} == {cpp_string(result['url'])});"
    error = result["error"]
    return (f"CHECK_THROWS_MATCHES({call}, {CPP_EXCEPTIONS[error['type']]}, "
            f"Message({cpp_string(error['message'])}));")


# ---------------------------------------------------------------------------
# Hand-picked cases: each names what it shows.

U1 = uuid.UUID("12345678-1234-5678-1234-567812345678")
U2 = uuid.UUID("00000000-0000-0000-0000-000000000000")
U3 = uuid.UUID("ffffffff-ffff-ffff-ffff-ffffffffffff")


def hand_picked():
    C = Case
    cases = [
        # Text: unicode, spaces, '/', reserved characters, the empty string.
        C("text", [("name", "ada")]),
        C("text", [("name", "a b")]),
        C("text", [("name", "a/b")]),
        C("text", [("name", "caf\u00e9")]),
        C("text", [("name", "\u65e5\u672c\u8a9e")]),
        C("text", [("name", "\U0001F600")]),
        C("text", [("name", "?#%&=+")]),
        C("text", [("name", "!$&'()*+,/:;=@")]),
        C("text", [("name", "\"<>[]\\^`{|}~")]),
        C("text", [("name", "%2F%25")]),
        C("text", [("name", "")]),
        C("text", [("name", "\t\n\r\x00\x7f")]),
        C("text", [("name", ".."), ]),
        C("text", [("name", "tab")], [("q", "a b"), ("r", "x+y")]),
        C("code", [("code", "abcdef")]),  # build does not check length
        C("word", [("word", "\u00fc")]),
        # Non-text values for a text variable: str(value).
        C("text", [("name", 42)]),
        C("text", [("name", -1.5)]),
        C("text", [("name", 1e+20)]),
        C("text", [("name", True)]),
        C("text", [("name", U1)]),
        # int: fixed_digits, signed, the 64-bit edges, Python's int() of text and floats.
        C("integer", [("n", 0)]),
        C("integer", [("n", -7)]),
        C("integer", [("n", 2**63 - 1)]),
        C("integer", [("n", -2**63)]),
        C("unsigned_integer", [("n", 2**64 - 1)]),
        C("digits", [("n", 7)]),
        C("digits", [("n", 12345)]),
        C("digits", [("n", -5)]),
        C("digits", [("n", 0)]),
        C("signed_digits", [("n", -5)]),
        C("signed_digits", [("n", -1234)]),
        C("signed_digits", [("n", 9)]),
        C("integer", [("n", "12")]),
        C("integer", [("n", " -12 ")]),
        C("integer", [("n", "+7")]),
        C("integer", [("n", "1_000")]),
        C("integer", [("n", "0012")]),
        C("digits", [("n", "-0")]),
        C("integer", [("n", "1.5")]),
        C("integer", [("n", "abc")]),
        C("integer", [("n", "")]),
        C("integer", [("n", 3.99)]),
        C("integer", [("n", -3.99)]),
        C("integer", [("n", 1e+20)]),
        C("digits", [("n", -0.5)]),
        C("integer", [("n", True)]),
        C("integer", [("n", float("inf"))]),
        C("integer", [("n", float("nan"))]),
        # Python's int() of text beyond ASCII and 64 bits, and int() of a huge float.
        C("integer", [("n", "\u00a012\u2003")]),
        C("integer", [("n", "\u0661\u0662")]),
        C("integer", [("n", "99999999999999999999")]),
        C("integer", [("n", 1e+300)]),
        # ValueError and BuildError messages hold Python's repr() of text.
        C("integer", [("n", "1\u00a0x")]),
        C("integer", [("n", "it's \"q\"\n\u00e9")]),
        C("text", [], [("it's", 1), ('a"b', 2), ("\n", 3), ("\u00a0", 4), ("\u00e9", 5)]),
        C("it's"),
        # Did you mean: difflib compares code points, not UTF-8 bytes.
        C("\u65e5\u65e5unsi"),
        # float: Python's repr.
        C("floating", [("x", 1.0)]),
        C("floating", [("x", 0.1)]),
        C("floating", [("x", 0.0001)]),
        C("floating", [("x", 1e-05)]),
        C("floating", [("x", 1e+16)]),
        C("floating", [("x", 1e+20)]),
        C("floating", [("x", 123456789012345.67)]),
        C("floating", [("x", 1.7976931348623157e+308)]),
        C("floating", [("x", 5e-324)]),
        C("floating", [("x", -0.0)]),
        C("signed_floating", [("x", -2.5)]),
        C("signed_floating", [("x", -0.0)]),
        C("floating", [("x", float("inf"))]),
        C("floating", [("x", float("-inf"))]),
        C("floating", [("x", float("nan"))]),
        C("floating", [("x", 3)]),
        C("floating", [("x", 2**53 + 1)]),
        C("floating", [("x", "1.5")]),
        C("floating", [("x", " 2 ")]),
        C("floating", [("x", "1e3")]),
        C("floating", [("x", "-inf")]),
        C("floating", [("x", "1_0.5")]),
        C("floating", [("x", "abc")]),
        C("floating", [("x", "1e-310")]),
        C("floating", [("x", "1e500")]),
        C("floating", [("x", "-nan")]),
        C("floating", [("x", "Infinity")]),
        C("floating", [("x", ".5")]),
        C("floating", [("x", "5.")]),
        C("floating", [("x", "1e1_0")]),
        C("floating", [("x", "0x1p3")]),
        C("floating", [("x", "\u00a01.5")]),
        C("floating", [("x", True)]),
        # uuid: str(value); a string is taken as it is.
        C("uuid", [("id", U1)]),
        C("uuid", [("id", U2)]),
        C("uuid", [("id", U3)], [("id2", U1)]),
        C("uuid", [("id", "not a uuid/?")]),
        # path: slashes kept, everything else quoted.
        C("path", [("p", "a/b/c")]),
        C("path", [("p", "/leading")]),
        C("path", [("p", "a//b/")]),
        C("path", [("p", "d\u00e9j\u00e0 vu/?#")]),
        C("edit", [("p", "x/y z")]),
        C("blob", [("owner", "me"), ("file", "src/main.cpp"), ("line", 42)]),
        C("blob", [("owner", "a/b"), ("file", "c d/e"), ("line", -1)]),
        # any: the value as it is (not quoted), or ValueError.
        C("color", [("c", "red")]),
        C("color", [("c", "dark blue")]),
        C("color", [("c", "gr\u00fcn")]),
        C("color", [("c", "a/b")]),
        C("color", [("c", "blue")]),
        C("color", [("c", "Red")]),
        C("color", [("c", "it's")]),
        C("color", [("c", 1)]),
        C("docs", [("lang", "en")]),
        C("docs", [("lang", "fr")]),
        C("docs"),
        C("lang", [("lang", "de"), ("page", 2)]),
        C("lang", [("lang", "xx"), ("page", 2)]),
        # Several variables in one segment.
        C("version", [("major", 3), ("minor", "1-rc")]),
        C("version", [("major", 123), ("minor", "x.y")]),
        C("version", [("major", -1), ("minor", "")]),
        # Static text that needs quoting.
        C("menu", [("item", "cr\u00e8me br\u00fbl\u00e9e")]),
        C("spaced", [("x", "y")]),
        C("reserved", [("x", "[x]")]),
        C("unmerged", [("y", "z")]),
        C("merged", [("y", "z")]),
        # A rule that starts with a variable: leading slashes are stripped.
        C("top", [("name", "x")]),
        C("top", [("name", "/x")]),
        C("top", [("name", "//evil.example")]),
        C("top", [("name", "//evil.example")], external=True),
        C("top", [("name", "")]),
        C("top", [("name", "")], [("q", "1")]),
        C("top_path", [("rest", "/a/b")]),
        C("top_path", [("rest", "///")]),
        # Build order: the rule with the most arguments, then the most defaults.
        C("pages"),
        C("pages", [("page", 1)]),
        C("pages", [("page", 2)]),
        C("pages", [("page", None)]),
        C("pages", [("page", True)]),
        C("pages", [("page", 1.0)]),
        C("pages", [("page", "1")]),
        C("pages", [("page", 1)], [("sort", "asc")]),
        C("feed"),
        C("feed", [("fmt", "rss")]),
        C("feed", [("fmt", "atom")]),
        C("feed", [("fmt", "rss"), ("ratio", 0.5)]),
        C("feed", [("fmt", "atom"), ("ratio", 0.5)]),
        C("feed", [("fmt", "rss"), ("ratio", 0.75)]),
        C("feed", [("fmt", "a b/c"), ("ratio", -1.0)]),
        C("feed", [("ratio", 0.75)]),
        C("feed", [("ratio", 0.5)]),
        C("feed", [("fmt", 5)]),
        C("over"),
        C("over", [("n", 5)]),
        C("over", [("n", 6)]),
        C("over", [("n", "5")]),
        C("alt", [("x", "q")]),
        # Optional parameters: the longer rule only when all its values are there.
        C("maybe"),
        C("maybe", [("n", 3)]),
        C("maybe", [("n", None)], [("q", "x")]),
        C("tagged"),
        C("tagged", [("tag", "x")]),
        C("tagged", [("id", U1)]),
        C("tagged", [("tag", "a b"), ("id", U1)]),
        C("tagged", [("tag", "x"), ("id", None)], [("more", [1, 2])]),
        # Methods: GET is tried first, _method picks a rule.
        C("item", [("id", 1)]),
        C("item", [("id", 1)], method="GET"),
        C("item", [("id", 1)], method="HEAD"),
        C("item", [("id", 1)], method="OPTIONS"),
        C("item", [("id", 1)], method="POST"),
        C("item", [("id", 1)], method="PUT"),
        C("item", [("id", 1)], method="DELETE"),
        C("item", [("id", 1)], method="PATCH"),
        C("item", [("id", 1)], method="TRACE"),
        C("split_two"),
        C("split_two", method="POST"),
        C("split_two", method="GET"),
        C("split_one", method="POST"),
        C("split_one", method="PUT"),
        C("admin.settings.update", [("key", "a/b")]),
        C("admin.settings.update", [("key", "a/b")], method="PATCH"),
        C("admin.settings.update", [("key", "a/b")], method="GET"),
        C("tie", [("a", 1)]),
        C("tie", [("a", 1), ("b", 2)]),
        C("tie", [("a", 1), ("b", 2)], method="GET"),
        # BuildError: missing values, a default that does not match, no such endpoint.
        C("text"),
        C("text", [("name", None)]),
        C("text", [], [("nme", "x")]),
        C("blob", [("owner", "x"), ("line", 3)]),
        C("version", [("minor", "1")]),
        C("lang", [("lang", "de")]),
        C("tie"),
        C("tie", [("a", 1)], method="PUT"),
        C("tie", [], [("b", 2)], method="PUT"),
        C("admin.user"),
        C("txt", [("name", "x")]),
        C("tex"),
        C("admin.dashbord"),
        C("admin.settings.shw", [("key", "k")]),
        C("settings.show", [("key", "k")]),
        C("split_", method="POST"),
        C("split_"),
        C("zzzzzzzz"),
        C("", [("a", 1)]),
        C("Text", [("name", "x")], method="POST"),
        # Query strings: repeated keys, None dropped, bools, floats, quoting.
        C("text", [("name", "x")], [("tag", ["a", "b", "c"])]),
        C("text", [("name", "x")], [("tag", [])]),
        C("text", [("name", "x")], [("tag", [None])], anchor="a"),
        C("text", [("name", "x")], [("tag", ["a", None, 1, 2.5, True, U2])]),
        C("text", [("name", "x")], [("n", None), ("m", "kept")]),
        C("text", [("name", "x")], [("yes", True), ("no", False)]),
        C("text", [("name", "x")], [("f", 1e+20), ("g", 1e-07), ("h", -0.0), ("i", 0.1), ("j", float("inf"))]),
        C("text", [("name", "x")], [("nan", float("nan"))]),
        C("text", [("name", "x")], [("big", 2**64 - 1), ("neg", -2**63)]),
        C("text", [("name", "x")], [("a b", "c d"), ("k=v", "x&y"), ("?#", "#?")]),
        C("text", [("name", "x")], [("q", "!$'()*,/:;?@"), ("r", "%+&=#[]")]),
        C("text", [("name", "x")], [("\u00fc", "\u65e5\u672c"), ("", ""), ("e", "\U0001F600")]),
        C("text", [("name", "x")], [("z", "\x00\n")]),
        C("text", [("name", "x"), ("zeta", 1), ("alpha", 2)]),
        C("text", [("zeta", 1), ("name", "x"), ("alpha", 2)]),
        C("pages", [("page", 3), ("q", "x")]),
        # Anchors: Flask quotes them with safe="%!#$&'()*+,/:;=?@".
        C("text", [("name", "x")], anchor="top"),
        C("text", [("name", "x")], anchor=""),
        C("text", [("name", "x")], anchor="a b#c%20?d=e&f"),
        C("text", [("name", "x")], anchor="\u00e9t\u00e9 \"<>[]{}|\\^`~"),
        C("text", [("name", "x")], [("q", "1")], anchor="frag ment"),
        # External URLs: SERVER_NAME and PREFERRED_URL_SCHEME, or _scheme;
        # schemes other than https and wss are written http.
        C("text", [("name", "x")], external=True),
        C("text", [("name", "x")], external=False),
        C("text", [("name", "x")], external=True, scheme="https"),
        C("text", [("name", "x")], external=True, scheme="http"),
        C("text", [("name", "x")], external=True, scheme="ftp"),
        C("text", [("name", "x")], external=True, scheme="wss"),
        C("text", [("name", "x")], external=True, scheme="ws"),
        C("text", [("name", "x")], external=True, scheme="HTTPS"),
        C("text", [("name", "x")], external=True, scheme=""),
        C("text", [("name", "x")], [("q", "1")], external=True, scheme="http", anchor="f"),
        C("admin.dashboard", external=True),
        C("admin.settings.show", [("key", "/x/")], external=True),
        C("text", [("name", "x")], external=False, scheme="https"),
        # Not here: _scheme alone, which Flask (inside a request) takes as
        # _external=True on the request's host. retort's url_for has no
        # request, so it asks for .external (docs/differences.md).
        C("text", [("name", "x")], external=True, method="PUT"),
        # Blueprints.
        C("admin.dashboard"),
        C("admin.dashboard", [], [("next", "/admin/")]),
        C("admin.user", [("id", 7)]),
        C("admin.user", [("id", 2**63 - 1)]),
        C("admin.settings.show", [("key", "theme/dark mode")]),
        C("admin.settings.show", [("key", "")]),
    ]
    return cases


# ---------------------------------------------------------------------------
# Random cases, from a fixed seed.

TEXT_PIECES = ["a", "ada", "x y", " ", "/", "//", "?", "#", "%", "%20", "&", "=", "+", "~", ".", "..",
               "!$'()*,;:@", "\"<>", "[]{}|\\^`", "\u00fc", "caf\u00e9", "\u65e5\u672c", "\U0001F600",
               "\u00a0", "\t", "-", "_", "0", "12", "it's"]
KEY_POOL = ["q", "page", "tag", "sort", "a b", "\u00fc", "k=v", "x&y", "#", "?", "+", "%", "_", "n", "id2",
            "next", "lang", "tab", "\U0001F600", "a/b"]
ANCHORS = ["top", "", "a b", "#", "%", "x?y=z&w", "\u00e9", "[x]", "!$&'()*+,/:;=?@", "\"<>{}|"]
FLOATS = [0.0, -0.0, 1.0, 0.1, 0.5, 2.5, -2.5, 1e-05, 0.0001, 1e+16, 1e+20, 1e22, 123.456, 3.141592653589793,
          1.7976931348623157e+308, 5e-324, 2.2250738585072014e-308, 9007199254740993.0, 1e15, 999999999999999.9]


def random_text(rng, allow_slash=True):
    pieces = [rng.choice(TEXT_PIECES) for _ in range(rng.randint(1, 3))]
    text = "".join(pieces)
    if not allow_slash:
        text = text.replace("/", "")
    return text or "a"


def random_int(rng, value_type):
    low, high = INT_RANGES[value_type]
    pick = rng.random()
    if pick < 0.5:
        value = rng.randint(max(low, -100), min(high, 100000))
    elif pick < 0.8:
        value = rng.choice([0, 1, 7, 42, 99, 100, 1000, 9999, 10000])
    else:
        value = rng.choice([low, high, low + 1, high - 1, 0])
    return max(low, min(high, value))


def random_float(rng):
    if rng.random() < 0.6:
        return rng.choice(FLOATS)
    return round(rng.uniform(-1e6, 1e6), rng.randint(0, 6))


def random_query_value(rng, depth=0):
    pick = rng.random()
    if pick < 0.35:
        return random_text(rng)
    if pick < 0.5:
        return rng.randint(-1000, 10**6)
    if pick < 0.6:
        return random_float(rng)
    if pick < 0.68:
        return rng.choice([True, False])
    if pick < 0.74:
        return None
    if pick < 0.8:
        return uuid.UUID(int=rng.getrandbits(128))
    if depth == 0:
        return [random_query_value(rng, 1) for _ in range(rng.randint(0, 3))]
    return random_text(rng)


def random_param_value(rng, param):
    kind = param["kind"]
    odd = rng.random() < 0.12  # a value of another type: App::url_for only
    if kind == "integer":
        if odd:
            return rng.choice([str(rng.randint(-50, 50)), rng.uniform(-100, 100), True, "x1"])
        return random_int(rng, param["value_type"])
    if kind == "floating":
        if odd:
            return rng.choice([rng.randint(-100, 100), "2.5", "nope"])
        return random_float(rng)
    if kind == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128))).upper() if odd else uuid.UUID(int=rng.getrandbits(128))
    if "any" in param:
        if rng.random() < 0.8:
            return rng.choice(param["any"])
        return rng.choice(["nope", param["any"][0].upper(), "", param["any"][0] + " "])
    if odd:
        return rng.choice([rng.randint(-9, 9), 2.5, False])
    return random_text(rng)


def random_case(rng, endpoints):
    endpoint = rng.choice(sorted(endpoints))
    params = endpoints[endpoint]
    values = []
    for param in params:
        present = rng.random() < (0.95 if param["required"] else 0.6)
        if present:
            values.append((param["name"], random_param_value(rng, param)))
        elif not param["required"] and rng.random() < 0.2:
            values.append((param["name"], None))
    query = []
    names = {p["name"] for p in params}
    for _ in range(rng.choices([0, 1, 2, 3], [45, 30, 15, 10])[0]):
        key = rng.choice(KEY_POOL)
        if key not in names:
            names.add(key)
            query.append((key, random_query_value(rng)))
    if rng.random() < 0.15 and values and query:
        # By name, extra values may come before or between the endpoint's.
        mixed = values + query
        rng.shuffle(mixed)
        values, query = mixed, []
    options = {}
    if rng.random() < 0.25:
        options["anchor"] = rng.choice(ANCHORS)
    if rng.random() < 0.2:
        options["external"] = True
        if rng.random() < 0.5:
            options["scheme"] = rng.choice(["https", "http", "ftp", "wss", "ws", ""])
    if rng.random() < 0.1:
        options["method"] = rng.choice(METHODS)
    return Case(endpoint, values, query, **options)


# ---------------------------------------------------------------------------
# Output.

def write_if_changed(path, text):
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        print(f"{path.name}: unchanged")
        return
    path.write_text(text, encoding="utf-8")
    print(f"{path.name}: written")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", help="views_routes.json, written by retortc for views.cpp")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--random-cases", type=int, default=RANDOM_CASES)
    parser.add_argument("--out-dir", default=str(HERE))
    args = parser.parse_args()

    versions = (importlib.metadata.version("flask"), importlib.metadata.version("werkzeug"))
    if versions != (FLASK_VERSION, WERKZEUG_VERSION):
        print(f"warning: Flask {versions[0]} / Werkzeug {versions[1]} installed; the committed "
              f"expectations are from {FLASK_VERSION} / {WERKZEUG_VERSION}", file=sys.stderr)

    manifest = json.loads(Path(args.manifest).read_text(encoding="utf-8"))
    endpoints = {e["endpoint"]: e["url_for_parameters"] for e in manifest["endpoints"]}
    app = make_app(manifest)

    rng = random.Random(args.seed)
    cases, seen = [], set()
    candidates = hand_picked()
    candidates += [random_case(rng, endpoints) for _ in range(args.random_cases)]
    for case in candidates:
        if case.key() not in seen:
            seen.add(case.key())
            cases.append(case)

    lines, checks = [], []
    for number, case in enumerate(cases):
        result = case.run(app)
        call = typed_call(case, endpoints, result)
        record = {"case": number, "endpoint": case.endpoint, "values": encode_pairs(case.values),
                  "options": dict(case.options), "typed": call is not None}
        if case.query:
            record["options"]["query"] = encode_pairs(case.query)
        record.update(result)
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
        if call is not None:
            checks.append(typed_check(call, result))

    header = {"flask": versions[0], "werkzeug": versions[1], "seed": args.seed,
              "server_name": SERVER_NAME, "preferred_url_scheme": PREFERRED_URL_SCHEME,
              "generator": "tests/url_for/flask_expectations.py"}
    expected = json.dumps(header, sort_keys=True)[:-1] + ',\n "cases": [\n  ' + ",\n  ".join(lines) + "\n]}\n"

    inc = [
        "// Generated by tests/url_for/flask_expectations.py from Flask "
        f"{versions[0]} / Werkzeug {versions[1]} (seed {args.seed}). DO NOT EDIT.",
        "// Regenerate: tests/url_for/flask_expectations.py "
        "build/tests/url_for/retort_generated/url_for_tests/views_routes.json",
        "// Each check is a case of expected.json that the typed url_for:: functions can express.",
        f'const retort::UrlOrigin origin{{{cpp_string(PREFERRED_URL_SCHEME)}, {cpp_string(SERVER_NAME)}}};',
        *checks,
        f"constexpr std::size_t kTypedCases = {len(checks)};",
        "",
    ]
    out = Path(args.out_dir)
    write_if_changed(out / "expected.json", expected)
    write_if_changed(out / "typed_cases.inc", "\n".join(inc))

    errors = sum(1 for line in lines if '"error": {' in line)
    print(f"{len(cases)} cases ({len(checks)} typed, {errors} errors), seed {args.seed}")


if __name__ == "__main__":
    main()
