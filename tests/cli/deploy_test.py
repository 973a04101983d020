#!/usr/bin/env python3
"""`hello deploy` end to end.

    deploy_test.py HELLO WORKDIR            the files: options, overwriting,
                                            `nginx -t`, the unit's form
    deploy_test.py --serve HELLO WORKDIR    the files at work: two `hello serve`
                                            processes started as the unit says,
                                            behind a real nginx with the
                                            generated server block

nginx must be installed (scripts/install-deps: nginx-light). `nginx -t`
binds the listen ports, so the tests' copies of the server block listen on
a free loopback port instead of 80; nothing else in the block changes.
"""
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STATIC = os.path.realpath(os.path.join(HERE, "..", "..", "examples", "hello", "static"))


def fail(message):
    sys.exit(f"deploy_test: {message}")


def run(args, env, status=0):
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != status:
        fail(f"{shlex.join(args)}: exit status {result.returncode}, expected {status}\n"
             f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def expect(what, got, want):
    if got != want:
        fail(f"{what}: got {got!r}, expected {want!r}")


def contains(what, text, *pieces):
    for piece in pieces:
        if piece not in text:
            fail(f"{what} lacks {piece!r}:\n{text}")


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def clean_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("RETORT_")}
    env["RETORT_SECRET_KEY"] = secrets.token_hex(24)
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(count):
    """`count` consecutive free loopback ports."""
    for _ in range(200):
        first = 20000 + secrets.randbelow(40000)
        sockets = []
        try:
            for port in range(first, first + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    fail("found no free ports")


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not found:
        fail("nginx is not installed (scripts/install-deps installs nginx-light)")
    return found


def nginx_setup(prefix, server_block, port):
    """A whole nginx.conf under `prefix` that includes a copy of
    `server_block` listening on 127.0.0.1:`port`; returns its path."""
    os.makedirs(prefix, exist_ok=True)
    os.chmod(prefix, 0o755)  # nginx's workers run as nobody when the master is root
    block = read(server_block)
    if block.count("\n    listen 80;\n") != 1:
        fail(f"{server_block} does not listen on 80 once:\n{block}")
    site = os.path.join(prefix, "site.conf")
    write(site, block.replace("\n    listen 80;\n", f"\n    listen 127.0.0.1:{port};\n"))
    mime = "    include /etc/nginx/mime.types;\n" if os.path.exists("/etc/nginx/mime.types") else ""
    conf = os.path.join(prefix, "nginx.conf")
    write(conf, f"""worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 64; }}
http {{
{mime}    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
""")
    return conf


def nginx_check(prefix, server_block, env):
    conf = nginx_setup(prefix, server_block, free_port())
    run([nginx_binary(), "-t", "-q", "-p", prefix, "-e", os.path.join(prefix, "error.log"), "-c", conf], env)


def parse_unit(text):
    """{section: [(key, value)]} of a systemd unit file; fails on anything
    that is not a comment, a [Section] or a Key=Value line."""
    sections, current = {}, None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith(("#", ";")):
            continue
        if re.fullmatch(r"\[[A-Za-z]+\]", line):
            current = line[1:-1]
            if current in sections:
                fail(f"unit line {number}: section [{current}] again")
            sections[current] = []
        elif current and re.fullmatch(r"[A-Za-z][A-Za-z0-9]*=\S.*", line):
            key, value = line.split("=", 1)
            sections[current].append((key, value))
        else:
            fail(f"unit line {number} is malformed: {line!r}")
    return sections


def check_unit(path, hello, env, user=None):
    text = read(path)
    sections = parse_unit(text)
    expect("unit sections", sorted(sections), ["Install", "Service", "Unit"])
    service = dict(sections["Service"])
    expect("unit keys are not repeated", len(service), len(sections["Service"]))
    expect("ExecStart", shlex.split(service["ExecStart"]),
           [os.path.realpath(hello), "serve", "--host", "127.0.0.1", "--port", "%i"])
    if not os.path.isdir(service["WorkingDirectory"]):
        fail(f"WorkingDirectory {service['WorkingDirectory']} is no folder")
    expect("EnvironmentFile", service["EnvironmentFile"], "-/etc/hello/env")
    expect("Restart", service["Restart"], "on-failure")
    expect("KillSignal", service["KillSignal"], "SIGTERM")
    timeout = int(service["TimeoutStopSec"].rstrip("s"))
    if not 30 < timeout <= 60:
        fail(f"TimeoutStopSec {timeout} is not a bit above serve's 30 s")
    for hardening in ("NoNewPrivileges", "PrivateTmp", "ProtectSystem"):
        if hardening not in service:
            fail(f"the unit lacks {hardening}")
    if user:
        expect("User", service.get("User"), user)
        expect("DynamicUser", service.get("DynamicUser"), None)
    else:
        expect("DynamicUser", service.get("DynamicUser"), "yes")
    expect("WantedBy", dict(sections["Install"])["WantedBy"], "multi-user.target")

    analyze = shutil.which("systemd-analyze")
    if analyze:
        # A template is verified through an instance of it.
        instance = os.path.join(os.path.dirname(path), "hello@8000.service")
        os.symlink(os.path.basename(path), instance)
        try:
            result = subprocess.run([analyze, "verify", instance], capture_output=True, text=True, env=env,
                                    timeout=120)
        finally:
            os.unlink(instance)
        if result.returncode != 0 or "hello@" in result.stderr + result.stdout:
            fail(f"systemd-analyze verify: status {result.returncode}\n{result.stdout}{result.stderr}")


def test_files(hello, work):
    env = clean_environment()
    out = os.path.join(work, "out")
    result = run([hello, "deploy", "--output", out, "--processes", "3"], env)
    nginx_file, unit_file = os.path.join(out, "hello.nginx.conf"), os.path.join(out, "hello@.service")
    expect("files written", sorted(os.listdir(out)), ["hello.nginx.conf", "hello@.service"])  # no temporaries
    for path in (nginx_file, unit_file):
        expect(f"{path} mode", stat.S_IMODE(os.stat(path).st_mode), 0o644)
    contains("stdout", result.stdout, "systemctl enable --now hello@8000 hello@8001 hello@8002\n", nginx_file,
             unit_file, "/etc/hello/env", "RETORT_SECRET_KEY=")
    for output in (result.stdout, result.stderr, read(nginx_file), read(unit_file)):
        if env["RETORT_SECRET_KEY"] in output:
            fail("the secret key is in deploy's output")
    if "note: PROXY_FIX" in result.stderr:
        fail(f"hello's production section trusts one proxy, yet:\n{result.stderr}")

    block = read(nginx_file)
    expect("upstream servers", re.findall(r"\n    server (127\.0\.0\.1:\d+);", block),
           ["127.0.0.1:8000", "127.0.0.1:8001", "127.0.0.1:8002"])
    contains("server block", block, "upstream hello {", "\n    keepalive ", "\n    listen 80;\n",
             "\n    server_name _;\n", "proxy_pass http://hello;", "proxy_http_version 1.1;",
             "proxy_set_header Host $host;",
             "proxy_set_header X-Forwarded-For $remote_addr;",
             "proxy_set_header X-Forwarded-Proto $scheme;", "proxy_set_header X-Forwarded-Host $host;",
             "\n    location /static/ {\n", f"\n        alias {STATIC}/;\n", "\n        expires 3600s;\n")
    if "client_max_body_size" in block:
        fail("client_max_body_size without MAX_CONTENT_LENGTH")
    nginx_check(os.path.join(work, "nginx-check"), nginx_file, env)
    check_unit(unit_file, hello, env)

    # Existing files stay unless --force; a refused run changes nothing.
    write(nginx_file, "# edited by hand\n")
    result = run([hello, "deploy", "--output", out, "--processes", "3"], env, status=1)
    contains("refusal", result.stderr, "--force overwrites", nginx_file, unit_file)
    expect("the edited file", read(nginx_file), "# edited by hand\n")
    run([hello, "deploy", "--output", out, "--processes", "3", "--force"], env)
    expect("the file rewritten by --force", read(nginx_file), block)
    expect("files after --force", sorted(os.listdir(out)), ["hello.nginx.conf", "hello@.service"])

    # The other options, and settings from the config.
    env2 = dict(env, RETORT_MAX_CONTENT_LENGTH="1048576", RETORT_SERVER_NAME="example.org:8080",
                RETORT_PROXY_FIX__X_FOR="0", RETORT_SEND_FILE_MAX_AGE_DEFAULT="null")
    out2 = os.path.join(work, "out2")
    result = run([hello, "deploy", "--output", out2, "--processes", "1", "--port", "9000", "--user", "www-data"],
                 env2)
    contains("stderr", result.stderr, "note: PROXY_FIX.X_FOR is 0")
    contains("stdout", result.stdout, "systemctl enable --now hello@9000\n")
    block = read(os.path.join(out2, "hello.nginx.conf"))
    expect("upstream servers", re.findall(r"\n    server (127\.0\.0\.1:\d+);", block), ["127.0.0.1:9000"])
    contains("server block", block, "\n    server_name example.org;\n", "\n    client_max_body_size 1048576;\n",
             "\n        add_header Cache-Control no-cache;\n")
    nginx_check(os.path.join(work, "nginx-check2"), os.path.join(out2, "hello.nginx.conf"), env)
    check_unit(os.path.join(out2, "hello@.service"), hello, env, user="www-data")
    run([hello, "deploy", "--output", os.path.join(work, "out3"), "--server-name", "example.net www.example.net"],
        env2)
    contains("server block", read(os.path.join(work, "out3", "hello.nginx.conf")),
             "\n    server_name example.net www.example.net;\n")

    # Usage errors write nothing.
    for args in (["--processes", "2"], ["--output", out2, "--processes", "0"],
                 ["--output", os.path.join(work, "never"), "--port", "65535", "--processes", "2"],
                 ["--output", out2, "extra"]):
        run([hello, "deploy", *args], env, status=2)
    if os.path.exists(os.path.join(work, "never")):
        fail("a usage error made the output folder")
    result = run([hello, "deploy", "--output", os.path.join(work, "bad"), "--server-name", "a;b"], env, status=1)
    contains("stderr", result.stderr, "server name 'a;b'")
    print("deploy_test: files ok")


class Http:
    """Requests from a loopback address of our own (127.0.0.5), so the app's
    remote_addr shows whether X-Forwarded-For made it through nginx."""

    def __init__(self, port, source="127.0.0.5"):
        self.port, self.source = port, source

    def get(self, path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                source_address=(self.source, 0))
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            headers = {}
            for name, value in response.getheaders():  # repeated fields joined, as HTTP reads them
                headers[name.lower()] = f"{headers[name.lower()]}, {value}" if name.lower() in headers else value
            return response.status, headers, response.read()
        finally:
            connection.close()


def wait_for_port(port, process, log, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = read(log)
            fail(f"hello serve on {port} exited with {process.returncode}:\n{text}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    fail(f"nothing listens on {port} after {seconds} s:\n{read(log)}")


def stop(process, sig=signal.SIGTERM, seconds=45):
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve(hello, work):
    env = clean_environment()
    first = free_ports(2)
    out = os.path.join(work, "serve")
    run([hello, "deploy", "--output", out, "--processes", "2", "--port", str(first)], env)
    unit = dict(parse_unit(read(os.path.join(out, "hello@.service")))["Service"])
    processes = []
    try:
        for port in (first, first + 1):
            # The unit's own command line, as systemd would run it.
            command = [word.replace("%i", str(port)) for word in shlex.split(unit["ExecStart"])]
            log = os.path.join(work, f"serve-{port}.log")
            with open(log, "w") as f:
                process = subprocess.Popen(command, cwd=unit["WorkingDirectory"], env=env, stdout=f,
                                           stderr=subprocess.STDOUT)
            processes.append(process)
            wait_for_port(port, process, log)

        nginx_port = free_port()
        prefix = os.path.join(work, "nginx")
        conf = nginx_setup(prefix, os.path.join(out, "hello.nginx.conf"), nginx_port)
        nginx = subprocess.Popen([nginx_binary(), "-p", prefix, "-e", os.path.join(prefix, "error.log"), "-c", conf,
                                  "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        processes.append(nginx)
        wait_for_port(nginx_port, nginx, os.path.join(prefix, "error.log"))
        via_nginx, direct = Http(nginx_port), Http(first)

        # X-Forwarded-* as nginx sets them: whatever the client claims, the
        # app (trusting one proxy) sees the client's address, nginx's scheme
        # and the Host the client asked nginx for.
        spoofed = {"Host": "example.test", "X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https",
                   "X-Forwarded-Host": "evil.example"}
        status, _, body = via_nginx.get("/whoami", spoofed)
        expect("/whoami through nginx", (status, json.loads(body)),
               (200, {"remote_addr": "127.0.0.5", "scheme": "http", "host": "example.test",
                      "url": "http://example.test/whoami"}))
        # A client's X-Forwarded-For with an unclosed quote would make
        # ProxyFix ignore the whole header if nginx appended to it, and the
        # client would pass for nginx (127.0.0.1): nginx replaces it.
        status, _, body = via_nginx.get("/whoami", {"Host": "example.test", "X-Forwarded-For": '"'})
        expect("/whoami through nginx, an unclosed quote", json.loads(body)["remote_addr"], "127.0.0.5")
        # ... while the app straight away believes one hop of them.
        status, _, body = direct.get("/whoami", dict(spoofed, **{"X-Forwarded-Host": "direct.example"}))
        expect("/whoami without nginx", (status, json.loads(body)),
               (200, {"remote_addr": "198.51.100.7", "scheme": "https", "host": "direct.example",
                      "url": "https://direct.example/whoami"}))

        status, _, body = via_nginx.get("/", {"Host": "example.test"})
        expect("/ through nginx", status, 200)
        contains("/", body.decode(), "/static/style.css")

        # Static files come from nginx (its ETag form: hex mtime-size), with
        # the app's max age.
        status, headers, body = via_nginx.get("/static/style.css", {"Host": "example.test"})
        expect("/static/style.css status", status, 200)
        with open(os.path.join(STATIC, "style.css"), "rb") as f:
            expect("/static/style.css body", body, f.read())
        contains("Cache-Control", headers.get("cache-control", ""), "max-age=3600", "public")
        if not re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', headers.get("etag", "")) or "expires" not in headers:
            fail(f"/static/style.css was not served by nginx: {headers}")
        status, _, _ = via_nginx.get("/static/missing.css", {"Host": "example.test"})
        expect("a missing static file", status, 404)

        # Production: a plain 500, never the debug page.
        status, _, body = via_nginx.get("/boom", {"Host": "example.test"})
        expect("/boom status", status, 500)
        if b"debug page" in body or b"runtime_error" in body:
            fail(f"/boom shows the debug page in production:\n{body.decode()}")

        # One process stops (a rolling restart): nginx sends every request
        # to the other one.
        stop(processes[0])
        for _ in range(4):
            status, _, body = via_nginx.get("/user/7", {"Host": "example.test"})
            expect("/user/7 with one process stopped", (status, body), (200, b"Hello, user 7!\n"))
    finally:
        for process in reversed(processes):
            stop(process, signal.SIGQUIT if process.args[0].endswith("nginx") else signal.SIGTERM)
    print("deploy_test: nginx and serve ok")


def main():
    args = sys.argv[1:]
    serve = args[:1] == ["--serve"]
    if serve:
        args = args[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    hello, work = args
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    (test_serve if serve else test_files)(hello, work)


if __name__ == "__main__":
    main()
