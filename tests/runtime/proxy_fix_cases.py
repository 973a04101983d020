#!/usr/bin/env python3
"""Writes proxy_fix_cases.inc: requests, and what Werkzeug's ProxyFix makes
of them, for proxy_fix_test.cpp to compare retort's ProxyFix against.

  proxy_fix_cases.py > tests/runtime/proxy_fix_cases.inc     # regenerate
  proxy_fix_cases.py --check tests/runtime/proxy_fix_cases.inc  # ctest: still current?

Each case is run through the real werkzeug.middleware.proxy_fix.ProxyFix on
a WSGI environ built the way Werkzeug's own server builds it
(werkzeug/serving.py, WSGIRequestHandler.make_environ): header bytes
decoded as Latin-1, names with "_" dropped, repeated lines joined with ",".
The answer is the environ the app then sees: REMOTE_ADDR,
wsgi.url_scheme and HTTP_HOST.
"""
import argparse
import importlib.metadata
import sys

from werkzeug.middleware.proxy_fix import ProxyFix

# (name, (x_for, x_proto, x_host, x_port), Host header or None, [(header, value)]).
# Values are bytes, as they arrive; the client's address is always 192.0.2.1.
XFF = b"X-Forwarded-For"
CASES = [
    ("nothing trusted: headers ignored", (0, 0, 0, 0), b"app.test",
     [(XFF, b"203.0.113.7"), (b"X-Forwarded-Proto", b"https"), (b"X-Forwarded-Host", b"evil.test"),
      (b"X-Forwarded-Port", b"444")]),
    ("one proxy, one value", (1, 0, 0, 0), b"app.test", [(XFF, b"203.0.113.7")]),
    ("one proxy: the rightmost value", (1, 0, 0, 0), b"app.test", [(XFF, b"198.51.100.1, 203.0.113.7")]),
    ("two proxies: the second from the right", (2, 0, 0, 0), b"app.test",
     [(XFF, b"198.51.100.1, 203.0.113.7, 10.0.0.1")]),
    ("more proxies than values: ignored", (3, 0, 0, 0), b"app.test", [(XFF, b"198.51.100.1, 203.0.113.7")]),
    ("as many proxies as values: the leftmost", (2, 0, 0, 0), b"app.test", [(XFF, b"198.51.100.1, 203.0.113.7")]),
    ("header absent", (1, 1, 1, 1), b"app.test", []),
    ("header lines join with ','", (1, 0, 0, 0), b"app.test", [(XFF, b"198.51.100.1"), (XFF, b"203.0.113.7")]),
    ("header lines join: second proxy", (2, 0, 0, 0), b"app.test",
     [(XFF, b"198.51.100.1"), (b"x-forwarded-for", b"203.0.113.7")]),
    ("header names are case-insensitive", (1, 0, 0, 0), b"app.test", [(b"x-FORWARDED-for", b"203.0.113.7")]),
    ("underscore names are not the header", (1, 0, 0, 0), b"app.test", [(b"X_Forwarded_For", b"203.0.113.7")]),
    ("empty value", (1, 0, 0, 0), b"app.test", [(XFF, b"")]),
    ("only commas and spaces", (1, 0, 0, 0), b"app.test", [(XFF, b" , ,")]),
    ("empty items do not count", (2, 0, 0, 0), b"app.test", [(XFF, b"198.51.100.1,,203.0.113.7,")]),
    ("items are stripped", (1, 0, 0, 0), b"app.test", [(XFF, b"198.51.100.1 ,\t 203.0.113.7 \t")]),
    ("a quoted comma does not split", (2, 0, 0, 0), b"app.test", [(XFF, b'"a, b", 203.0.113.7')]),
    ("a quoted item is unquoted", (1, 0, 0, 0), b"app.test", [(XFF, b'x, "203.0.113.7"')]),
    ("escapes inside quotes", (1, 0, 0, 0), b"app.test", [(XFF, b'"a\\"b\\\\c"')]),
    ("a half-quoted item keeps its quotes", (1, 0, 0, 0), b"app.test", [(XFF, b'x, a"b,c"')]),
    ("an unclosed quote empties the list", (1, 0, 0, 0), b"app.test", [(XFF, b'198.51.100.1, "203.0.113.7')]),
    ("an empty quoted item is not applied", (1, 0, 0, 0), b"app.test", [(XFF, b'198.51.100.1, ""')]),
    ("Latin-1 whitespace is stripped too", (1, 0, 0, 0), b"app.test", [(XFF, b"\xa0203.0.113.7\x85")]),
    ("even from UTF-8", (1, 0, 0, 0), b"app.test", [(XFF, b"caf\xc3\xa0")]),
    ("IPv6 client", (1, 0, 0, 0), b"app.test", [(XFF, b"2001:db8::7")]),
    ("proto", (0, 1, 0, 0), b"app.test", [(b"X-Forwarded-Proto", b"https")]),
    ("proto as sent", (0, 1, 0, 0), b"app.test", [(b"X-Forwarded-Proto", b"HTTPS")]),
    ("proto, two proxies", (0, 2, 0, 0), b"app.test", [(b"X-Forwarded-Proto", b"https, http")]),
    ("host", (0, 0, 1, 0), b"app.test", [(b"X-Forwarded-Host", b"example.com")]),
    ("host with a port", (0, 0, 1, 0), b"app.test", [(b"X-Forwarded-Host", b"example.com:8443")]),
    ("host without a Host header", (0, 0, 1, 0), None, [(b"X-Forwarded-Host", b"example.com")]),
    ("host, too few values", (0, 0, 2, 0), b"app.test", [(b"X-Forwarded-Host", b"example.com")]),
    ("port replaces the Host's port", (0, 0, 0, 1), b"app.test:8080", [(b"X-Forwarded-Port", b"443")]),
    ("port added to a Host without one", (0, 0, 0, 1), b"app.test", [(b"X-Forwarded-Port", b"443")]),
    ("port without a Host header", (0, 0, 0, 1), None, [(b"X-Forwarded-Port", b"443")]),
    ("port with an empty Host header", (0, 0, 0, 1), b"", [(b"X-Forwarded-Port", b"443")]),
    ("port after a bracketed IPv6 host", (0, 0, 0, 1), b"[2001:db8::1]", [(b"X-Forwarded-Port", b"443")]),
    ("port replaces a bracketed IPv6 host's port", (0, 0, 0, 1), b"[2001:db8::1]:8080",
     [(b"X-Forwarded-Port", b"443")]),
    ("port after a bare IPv6 host (Werkzeug cuts at the last ':')", (0, 0, 0, 1), b"::1",
     [(b"X-Forwarded-Port", b"443")]),
    ("port is not checked", (0, 0, 0, 1), b"app.test", [(b"X-Forwarded-Port", b"https")]),
    ("host, then its port from X-Forwarded-Port", (0, 0, 1, 1), b"app.test",
     [(b"X-Forwarded-Host", b"example.com:8080"), (b"X-Forwarded-Port", b"443")]),
    ("host is applied before port", (0, 0, 1, 1), b"app.test",
     [(b"X-Forwarded-Port", b"443"), (b"X-Forwarded-Host", b"[2001:db8::1]")]),
    ("every header, two proxies", (2, 2, 2, 2), b"10.0.0.2:8000",
     [(XFF, b"203.0.113.7, 10.0.0.1"), (b"X-Forwarded-Proto", b"https, http"),
      (b"X-Forwarded-Host", b"example.com, internal.test"), (b"X-Forwarded-Port", b"443, 8000")]),
    ("every header, spoofed values to the left are not reached", (1, 1, 1, 1), b"app.test",
     [(XFF, b"6.6.6.6, 203.0.113.7"), (b"X-Forwarded-Proto", b"gopher, https"),
      (b"X-Forwarded-Host", b"evil.test, example.com"), (b"X-Forwarded-Port", b"1, 443")]),
]


def environ_of(host, headers):
    """The environ Werkzeug's WSGIRequestHandler.make_environ builds."""
    environ = {"REMOTE_ADDR": "192.0.2.1", "wsgi.url_scheme": "http"}
    if host is not None:
        environ["HTTP_HOST"] = host.decode("latin-1")
    for name, value in headers:
        name = name.decode("latin-1")
        if "_" in name:
            continue
        key = "HTTP_" + name.upper().replace("-", "_")
        value = value.decode("latin-1")
        environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ


def run(fix, environ):
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        return []

    x_for, x_proto, x_host, x_port = fix
    ProxyFix(app, x_for=x_for, x_proto=x_proto, x_host=x_host, x_port=x_port)(environ, None)
    return seen


def c_string(value):
    """A C++ string literal for `value` (bytes or str as Latin-1), or nullptr for None."""
    if value is None:
        return "nullptr"
    if isinstance(value, str):
        value = value.encode("latin-1")
    out = []
    for byte in value:
        char = chr(byte)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= byte < 0x7F:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")  # octal: never swallows the next character
    return '"' + "".join(out) + '"'


def generate():
    version = importlib.metadata.version("werkzeug")
    lines = [
        f"// Generated by tests/runtime/proxy_fix_cases.py from Werkzeug {version}'s ProxyFix. DO NOT EDIT.",
        "// {name, {x_for, x_proto, x_host, x_port}, Host or nullptr, {header lines},",
        "//  then what ProxyFix made of it: remote_addr, scheme, Host or nullptr}",
    ]
    for name, fix, host, headers in CASES:
        seen = run(fix, environ_of(host, headers))
        header_list = ", ".join(f"{{{c_string(n)}, {c_string(v)}}}" for n, v in headers)
        fixed = [c_string(seen["REMOTE_ADDR"]), c_string(seen["wsgi.url_scheme"]), c_string(seen.get("HTTP_HOST"))]
        lines.append(
            f"{{{c_string(name)}, {{{fix[0]}, {fix[1]}, {fix[2]}, {fix[3]}}}, {c_string(host)}, {{{header_list}}},\n"
            f" {', '.join(fixed)}}},")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", metavar="FILE", help="fail when FILE differs from what would be generated")
    args = parser.parse_args()
    text = generate()
    if args.check:
        with open(args.check, encoding="latin-1") as f:
            if f.read() != text:
                print(f"{args.check} is stale: run tests/runtime/proxy_fix_cases.py > {args.check}", file=sys.stderr)
                return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
