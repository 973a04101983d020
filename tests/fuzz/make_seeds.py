#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target: tests/fuzz/corpus/<target>/.

Seeds are where fuzzing starts: one input per feature the target's input
format has (see each *_fuzzer.cpp for the layout), valid and invalid. The
fuzzer's own finds stay in the build tree; a find worth keeping for good is
added here (a seed) or to regressions/<target>/ (a failure, never deleted).

    tests/fuzz/make_seeds.py        # rewrites corpus/ from this file
"""
import pathlib
import re
import shutil
import struct

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def text(b: bytes) -> bytes:
    """FuzzInput::text(): a length byte, then the bytes."""
    assert len(b) < 256
    return bytes([len(b)]) + b


RULES = [
    b"/", b"/users/<int:id>", b"/users/<int:id>/posts/", b"/post/<slug>/edit",
    b"/<path:p>/raw", b"/v<int(fixed_digits=3, signed=True):n>", b"/number/<float(signed=True):x>",
    b"/lang/<any(en, de, 'zh hant'):lang>", b"/thing/<uuid:id>", b"/code/<string(length=3):c>",
    b"/s/<string(minlength=2, maxlength=5):s>", b"/<int(min=1, max=10):page>", b"/a//b", b"/v<int:a>.<int:b>",
    b"/caf\xc3\xa9/<name>", b"/static/<path:filename>",
    # mistakes: every diagnostic has a seed
    b"users", b"/<", b"/<>", b"/<int:>", b"/<:x>", b"/<foo:x>", b"/<int(:x>", b"/<int(a=1:x>", b"/<int(=1):x>",
    b"/<int:x>/<int:x>", b"/<any():x>", b"/<x y>", b"/<int(fixed_digits=-1):x>", b"/<float(min='a'):x>",
    b"/\xff<x>", b"/<int:x", b"/x>", b"/<<x>>",
]

TARGETS = [
    b"/", b"", b"/a%20b", b"/%zz", b"/%", b"/%4", b"/%c0%af", b"/%C3%A9?x=1#frag", b"/caf\xc3\xa9", b"/\xff\xfe",
    b"/a+b?c+d=e+f", b"//double//slash", b"x", b"/%2e%2e/%2f", b"/?", b"/#", b"/\xed\xa0\x80", b"/\xf4\x90\x80\x80",
    b"/%F0%9F%98%80", b"/a?" + b"q" * 40, b"/" + b"a" * 9000,
]

QUERIES = [
    b"", b"a=1&b=2", b"a=%20+b", b"%zz=1", b"=x&&y", b"a=%C3%A9&a=2", b"\xff=\xfe", b"a", b"a=b=c", b"&&&",
    b"%2B=%2b+", b"k%00=v%0d%0a",
]

METHODS = {"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4, "HEAD": 5, "OPTIONS": 6}


def github_seeds():
    views = (ROOT / "bench/routesets/github_views.cpp").read_text()
    seeds = []
    for method, rule in re.findall(r'RETORT_(GET|POST|PUT|PATCH|DELETE)\("([^"]*)"\)', views):
        path = re.sub(r"<([^>]*)>", lambda m: m.group(1), rule).encode()
        seeds.append(bytes([METHODS[method]]) + path)
    seeds += [bytes([0]) + b"/repos/a//b", bytes([0]) + b"/missing", bytes([6]) + b"/user",
              bytes([1]) + b"/user/repos/", bytes([0]) + b"/users/%2F", bytes([9]) + b"/user"]
    return seeds


def http_requests():
    limits = bytes([64, 64, 10, 64, 7])  # target 257, headers 513 bytes, 10 fields, body 256, split seed
    requests = [
        b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        b"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nTrailer: x\r\n\r\n",
        b"PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
        b"GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        b"GET / HTTP/1.1\nHost: bare-lf\n\n",
        b"GET / HTTP/2.0\r\n\r\n", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", b"GET  / HTTP/1.1\r\n\r\n",
        b"GET /\x00 HTTP/1.1\r\n\r\n", b"G\xc3\xa9T / HTTP/1.1\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        b"POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        b"GET / HTTP/1.1\r\n folded: x\r\n\r\n", b"GET / HTTP/1.1\r\nName : v\r\n\r\n",
        b"GET / HTTP/1.1\r\nX: \x00\r\n\r\n", b"GET /" + b"a" * 300 + b" HTTP/1.1\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
    ]
    return [limits + r for r in requests]


def multipart_seeds():
    body = (b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
            b"--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\n"
            b"Content-Type: text/plain\r\n\r\nfile\r\n--B--\r\n")
    raw = [
        body, body.replace(b"\r\n", b"\n"), b"--B\r\n\r\n", b"--B--", b"--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--",
        b"--B\r\nContent-Disposition: form-data; name=a\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n\xe9\r\n--B--",
        b"preamble\r\n--B\r\nContent-Disposition: form-data; name=\"a\"\r\n continued\r\n\r\nv\r\n--B--\r\nepilogue",
    ]
    seeds = [bytes([1]) + text(b"B") + bytes([10]) + b for b in raw]
    seeds.append(bytes([1]) + text(b"") + bytes([10]) + body)
    # Round trip: boundary number, part count, then per part name, is_file,
    # filename, [has type], data.
    def part(name, is_file, filename, data, typed=0):
        out = text(name) + bytes([is_file]) + text(filename)
        if is_file:
            out += bytes([typed])
        return out + text(data)
    seeds.append(bytes([0]) + struct.pack(">I", 7) + bytes([3]) + bytes([1]) +
                 part(b"title", 0, b"", b"hello") + part(b"up", 1, b"a.bin", b"\x00\xff\r\n--x", 1) +
                 part(b"e", 0, b"", b""))
    seeds.append(bytes([0]) + struct.pack(">I", 1) + bytes([2]) + bytes([0]) +
                 part(b"a b", 0, b"", b"\r\n\r\n") + part(b"f", 1, b"", b"\r"))
    return seeds


def cookie_seeds():
    headers = [b"a=1; b=2", b"session=\"x y\"; k=v", b"a=\"\\073\\\"\"", b"=skipped; a", b"a=\xff", b" ; ;=;",
               b"a=1, b=2", b"\"quoted\"=1"]
    seeds = [bytes([1]) + h for h in headers]
    # format: name, value, flags (1 max_age, 2 secure, 4 httponly, 8 partitioned, >>4 samesite), [max_age], path, domain
    seeds.append(bytes([0]) + text(b"session") + text(b"abc") + bytes([0x17]) + struct.pack(">q", 3600) +
                 text(b"/") + text(b""))
    seeds.append(bytes([0]) + text(b"id") + text(b"a b;c\r\nSet-Cookie: x=y") + bytes([0x2E]) + text(b"/a b;") +
                 text(b".example.com:8000"))
    seeds.append(bytes([0]) + text(b"n") + text(b"\xe2\x82\xac\"\\") + bytes([0x31]) + struct.pack(">q", -5) +
                 text(b"") + text(b"a..b"))
    return seeds


def url_for_seeds():
    seeds = []
    def seed(endpoint, *values, extras=()):
        out = bytes([endpoint]) + b"".join(values) + bytes([len(extras)])
        for k, v in extras:
            out += text(k) + text(v)
        seeds.append(out)
    q = struct.pack
    seed(0, text(b"hello world"), extras=[(b"tab", b"posts"), (b"q", b"a&b=c")])
    seed(0, text(b"a/b"))
    seed(1, text(b"caf\xc3\xa9"), text(b"?#%"))
    seed(2, text(b"abc"))
    seed(2, text(b"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"))
    seed(3, text(b"dir/file.txt"))
    seed(4, q(">Q", 42))
    seed(5, q(">q", -7))
    seed(6, q(">Q", 7))
    seed(6, q(">Q", 123456))
    seed(7, q(">d", 1.5))
    seed(7, q(">d", -0.25))
    seed(7, q(">d", 1e20))
    seed(8, bytes(range(16)))
    seed(9, bytes([1]))
    seed(9, bytes([3]))
    seed(10, q(">Q", 1), q(">Q", 2))
    seed(11, text(b"x"))
    seed(12, q(">Q", 1))
    seed(12, q(">Q", 2), extras=[(b"page", b"3")])
    return seeds


def corpora():
    form = [bytes([255, 1]) + b for b in QUERIES] + [bytes([1, 0]) + b"a=1&b=" + b"x" * 10, bytes([255, 0]) + b"\xff=1"]
    return {
        "rule_parser": RULES,
        "path": TARGETS,
        "github_match": github_seeds(),
        "query_string": QUERIES,
        "form_urlencoded": form,
        "multipart": multipart_seeds(),
        "cookies": cookie_seeds(),
        "http_request": http_requests(),
        "url_for": url_for_seeds(),
    }


def main():
    for target, seeds in corpora().items():
        folder = HERE / "corpus" / target
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for i, seed in enumerate(seeds):
            (folder / f"seed-{i:03}").write_bytes(seed)
        print(f"{target}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()
