"""Prints what Werkzeug 3.1 makes of the inputs in form_test.cpp,
cookies_test.cpp and header_value_test.cpp, which copy these expectations.

    python3 tests/runtime/werkzeug_forms_cases.py

Forms are parsed the way Flask's request.form does it (the lower-cased
mimetype, silent=False so failures show as errors instead of an empty form).
"""

import io
import warnings

from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.http import dump_cookie, parse_accept_header, parse_options_header
from werkzeug.sansio.http import parse_cookie
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

warnings.simplefilter("ignore")
M = "multipart/form-data; boundary=XyZ"
U = "application/x-www-form-urlencoded"


def form(label, content_type, body, **limits):
    env = EnvironBuilder(method="POST").get_environ()
    env.update(CONTENT_TYPE=content_type, CONTENT_LENGTH=str(len(body)), **{"wsgi.input": io.BytesIO(body)})
    request = Request(env)
    parser = FormDataParser(silent=False, cls=list, **limits)
    try:
        _, fields, files = parser.parse(
            request._get_stream_for_parsing(), request.mimetype, request.content_length, request.mimetype_params
        )
    except RequestEntityTooLarge:
        print(f"form {label}: 413")
        return
    except ValueError as e:
        print(f"form {label}: ValueError({e}) -> Flask: empty form; retort: 400")
        return
    print(f"form {label}: fields={fields!r}")
    for name, f in files:
        data = f.stream.read()
        shown = repr(data) if len(data) < 80 else f"{len(data)} bytes starting {data[:8]!r}"
        print(f"    file {name!r} filename={f.filename!r} content_type={f.content_type!r} data={shown}")


# form_test.cpp
form("urlencoded", U, b"a=1&tag=x+y&tag=%41%2B%C3%A9&&empty=&novalue&=v")
form("urlencoded_mixed_case", "Application/X-WWW-Form-URLEncoded; charset=UTF-8", b"a=1")
form("urlencoded_not_utf8", U, b"a=\xff")
form("urlencoded_limit", U, b"a=" + b"x" * 98, max_form_memory_size=100)
form("urlencoded_over_limit", U, b"a=" + b"x" * 99, max_form_memory_size=100)
form("unknown_type", "text/plain", b"a=1")
form("json_type", "application/json", b'{"a": 1}')
form("no_type", "", b"a=1")
two_files = (
    b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello, world\r\n"
    b"--XyZ\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\na\r\n"
    b"--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\none\r\n\r\n"
    b"--XyZ\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nb\r\n"
    b"--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"b.png\"\r\nContent-Type: image/png\r\nX-Extra: 1\r\n\r\n\x89PNG\r\n"
    b"--XyZ--\r\n"
)
form("two_files", M, two_files)
binary = b"\x00\r\n\r\n--XyZx\r\n--XyZ-\r\n-XyZ\r\na--XyZ\r\n--xyz\r\n\xff\r"
form(
    "binary",
    M,
    b"--XyZ\r\nContent-Disposition: form-data; name=\"bin\"; filename=\"b.bin\"\r\n\r\n" + binary + b"\r\n--XyZ--\r\n",
)
form("empty_file", M, b"--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"\"\r\n"
     b"Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n")
form("quoted_boundary", 'multipart/form-data; boundary="a b=c"',
     b"--a b=c\r\nContent-Disposition: form-data; name=f\r\n\r\nv\r\n--a b=c--\r\n")
form("preamble_epilogue", M, b"ignored\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--XyZ--\r\n"
     b"--XyZ\r\nContent-Disposition: form-data; name=\"g\"\r\n\r\nw\r\n--XyZ--\r\n")
form("lf_only", M, b"--XyZ\nContent-Disposition: form-data; name=\"f\"\n\nv\n--XyZ--\n")
form("charset", M, b"--XyZ\r\nContent-Disposition: form-data; name=\"l1\"\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\n"
     b"caf\xe9\r\n--XyZ\r\nContent-Disposition: form-data; name=\"u8\"\r\n\r\ncaf\xe9\r\n--XyZ--\r\n")
form("utf8_names", M, "--XyZ\r\nContent-Disposition: form-data; name=\"caf\u00e9\"; filename=\"r\u00e9sum\u00e9.pdf\"\r\n\r\n"
     "%PDF\r\n--XyZ--\r\n".encode())
form("missing_boundary", "multipart/form-data", b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--XyZ--\r\n")
form("truncated", M, b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--XyZ\r\nContent-Disposition: form-data; name=\"g\"\r\n\r\nw")
form("no_opening", M, b"Content-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n")
form("empty_body", M, b"")
form("headers_never_end", M, b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n")
form("no_disposition", M, b"--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--\r\n")
form("no_name", M, b"--XyZ\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\nv\r\n--XyZ--\r\n")
form("no_colon", M, b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nbogus\r\n\r\nv\r\n--XyZ--\r\n")
form("header_not_utf8", M, b"--XyZ\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\nv\r\n--XyZ--\r\n")
three = b"".join(b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n" for _ in range(3)) + b"--XyZ--\r\n"
form("parts_3_of_3", M, three, max_form_parts=3)
form("parts_3_of_2", M, three, max_form_parts=2)
big = b"x" * 100_001  # over 64 KiB, so Werkzeug's chunked reads don't trip its buffer check first
form("field_over_limit", M, b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" + big + b"\r\n--XyZ--\r\n",
     max_form_memory_size=100_000)
form("file_not_counted", M, b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" + big
     + b"\r\n--XyZ--\r\n", max_form_memory_size=100_000)

# cookies_test.cpp
for header in ['a=1; b="x y"', 'a="\\"q\\" \\\\ \\101\\303\\251"', " a = 1 ;b=2 ", "a=; b", "a=1; a=2", "a=b=c",
               ";;=x; ; b=2;", 'a="unterminated; b=2', 'a="x"y; b=2', "a=x\ny; b=2", 'a=" spaced "', "a=1,b=2"]:
    print(f"parse_cookie({header!r}) = {parse_cookie(header, cls=list)!r}")
for key, value, kw in [
    ("k", "v", {}), ("k", "", {}), ("k", "a b", {}), ("k", 'a"b\\c', {}), ("k", "a,b;c", {}), ("k", "caf\u00e9", {}),
    ("k", "\x01\x1f\x7f", {}), ("k", "!#$%&'()*+-./:<=>?@[]^`{|}~", {}), ("k", "v", {"max_age": 3600, "expires": 1700000000}),
    ("k", "v", {"expires": 0}), ("k", "v", {"path": "/a b/\u00e9;x?y#z%20"}), ("k", "v", {"path": ""}),
    ("k", "v", {"domain": ".Example.COM:8080"}), ("k", "v", {"secure": True}), ("k", "v", {"httponly": True}),
    ("k", "v", {"samesite": "Strict"}), ("k", "v", {"samesite": "Lax"}), ("k", "v", {"samesite": "None"}),
    ("k", "v", {"partitioned": True}), ("a;b", "v", {}), ("k", "v", {"domain": "a" * 63 + ".com."}),
    ("sid", "abc", {"max_age": 60, "expires": 86400, "path": "/app", "domain": "example.org", "secure": True,
                    "httponly": True, "samesite": "Lax", "partitioned": True}),
]:
    print(f"dump_cookie({key!r}, {value!r}, **{kw!r}) = {dump_cookie(key, value, **kw)!r}")
for kw in [{}, {"path": "/app", "domain": "example.org", "secure": True, "httponly": True, "samesite": "Strict"}]:
    response = Response()
    response.delete_cookie("sid", **kw)
    print(f"delete_cookie('sid', **{kw!r}) = {response.headers['Set-Cookie']!r}")
for domain in ["a..b", "a" * 64 + ".com"]:
    try:
        dump_cookie("k", "v", domain=domain)
    except ValueError as e:
        print(f"dump_cookie(domain={domain!r}): {type(e).__name__}: {e}")
try:
    Response().set_cookie("a\nb", "v")
except ValueError as e:
    print(f"set_cookie('a\\nb'): {e}")

# header_value_test.cpp
for text in ['multipart/form-data; boundary="a b"', 'form-data; name="f"; filename="x.txt"', "application/json; charset=utf-8",
             "Text/HTML; CharSet=UTF-8", 'a; q="x\\"y\\\\z"; p="%22"', "a; b; c=d; e= f; g=h i; j", 'a; b="open; c=d',
             "a; k=1; K=2; m=3", "attachment; filename*=UTF-8''%E2%82%AC%20rates", "a; f*0*=UTF-8''a%20; f*1=\"b c\"", ""]:
    print(f"parse_options_header({text!r}) = {parse_options_header(text)!r}")
for accept in ["", "text/html", "application/json", "*/*", "application/json, text/html;q=0.9",
               "text/html;q=0.5, application/json;q=0.5", "application/json;q=0", "*/*;q=0.1, application/json;q=0",
               "text/*, application/*;q=0.9", "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8",
               "application/*;q=0.9, */*", "TEXT/HTML;q=0.2, Application/JSON;q=0.3", "text/html;q=1.5, application/json;q=abc",
               "text/html;level=1, application/json", "application/json;q=0.9, text/html;q=0.9, */*", "x, */json",
               "*/*;q=0.9, text/html;q=0.1", "application/json;q=0.1, application/json;q=0.8, text/html;q=0.5"]:
    best = parse_accept_header(accept, MIMEAccept).best_match(["text/html", "application/json"], "fallback")
    print(f"MIMEAccept({accept!r}).best_match(['text/html', 'application/json'], 'fallback') = {best!r}")
