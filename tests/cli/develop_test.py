#!/usr/bin/env python3
"""`hello develop`: the development server and its reloader.

A copy of the hello binary is served with `develop` while a client keeps
requesting pages on new connections. The file is then replaced, as a
linker does (a new file renamed over the old), by another build (the api
example's binary), by a build that cannot start, and by hello again. The
new behaviour must be served each time a good build arrives, the previous
build must keep serving when a bad one arrives, and no request may fail.
Along the way: Werkzeug's request log and the debug page.

usage: develop_test.py HELLO_BINARY API_BINARY
"""

import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time

from clilib import Server, check, finish, refuses_connections, request

hello, api = sys.argv[1], sys.argv[2]
workdir = tempfile.mkdtemp(prefix="retort-develop-")
app = os.path.join(workdir, "app")


def install(source):
    """Replaces `app` the way a linker does: write a new file, rename it over."""
    staged = app + ".new"
    if isinstance(source, bytes):
        with open(staged, "wb") as f:
            f.write(source)
        os.chmod(staged, 0o755)
    else:
        shutil.copy2(source, staged)
    os.replace(staged, app)


def wait_until(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def answers(path, status_wanted):
    try:
        return request(port, path, timeout=10)[0] == status_wanted
    except OSError:
        return False


install(hello)
server = Server([app, "develop", "--port", "0", "--threads", "2"])
try:
    port = server.wait_serving()
    check(server.wait_for(r"Reloading when .*app is rebuilt", 1) is not None, "no reloader line in the banner")
    status, _, body = request(port, "/user/5")
    check(status == 200 and body == "Hello, user 5!\n", f"hello did not serve: {status} {body!r}")

    # Werkzeug's request log on stderr, uncoloured when stderr is no terminal.
    line = server.wait_for(r'"GET /user/5 HTTP/1.1" 200 -$', 5)
    check(line is not None and re.match(r'^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4} \d\d:\d\d:\d\d\] "GET', line)
          and "\x1b[" not in line, f"request log line: {line!r}")

    # The debug page: exception type and message, endpoint, rule, request.
    status, headers, body = request(port, "/boom", headers={"X-Probe": "debug-page"})
    check(status == 500, f"/boom answered {status}")
    for needle in ("std::runtime_error", "the /boom page always fails", "Endpoint", "Rule", "GET /boom",
                   "X-Probe", "debug-page"):
        check(needle in body, f"the debug page lacks {needle!r}")
    status, _, _ = request(port, "/user/6")
    check(status == 200, "develop stopped serving after an exception")

    # A client that never stops, on new connections, through every reload.
    stop = threading.Event()
    log = {"answers": [], "failures": []}

    def client():
        while not stop.is_set():
            try:
                status, _, _ = request(port, "/user/1", timeout=30)
                log["answers"].append(status)
                if status >= 500:
                    log["failures"].append(status)
            except OSError as e:
                log["failures"].append(repr(e))
            time.sleep(0.005)

    clients = [threading.Thread(target=client) for _ in range(2)]
    for t in clients:
        t.start()
    time.sleep(0.5)

    # A new build: the api example. Its routes replace hello's.
    mark = len(server.err_lines)
    install(api)
    check(wait_until(lambda: answers("/api/items", 200)), "the new build (api) is not served")
    check(server.wait_for(r"Detected a new build of app, reloading", 5, start=mark) is not None,
          "no 'Detected a new build' line")
    check(server.wait_for(r"Serving the new build \(pid \d+\)", 5, start=mark) is not None,
          "no 'Serving the new build' line")
    check(wait_until(lambda: answers("/user/1", 404), 10), "the old build still answers /user/1")

    # A build that cannot start: the api build keeps serving.
    mark = len(server.err_lines)
    install(b"#!/bin/sh\necho 'this build is broken' >&2\nexit 3\n")
    check(server.wait_for(r"The build did not start \(exit status 3\)", 30, start=mark) is not None,
          "a broken build was not reported")
    check(server.wait_for(r"Still serving the previous build", 5, start=mark) is not None,
          "no 'Still serving the previous build' line")
    check(answers("/api/items", 200), "the previous build stopped serving after a broken one")

    # A build that hangs before serving, replaced while it starts: the
    # supervisor gives up on it for the newer one (and api serves meanwhile).
    mark = len(server.err_lines)
    install(b"#!/bin/sh\nexec sleep 100\n")
    check(server.wait_for(r"Detected a new build of app, reloading", 10, start=mark) is not None,
          "the hanging build was not picked up")
    check(answers("/api/items", 200), "the previous build stopped serving while a build hung")

    # A good build again: hello.
    install(hello)
    check(wait_until(lambda: answers("/user/1", 200)), "hello is not served again after the broken build")
    check(server.wait_for(r"A newer build arrived while this one was starting", 5, start=mark) is not None,
          "the hanging build was not given up for the newer one")
    time.sleep(0.5)
    stop.set()
    for t in clients:
        t.join(30)

    check(not log["failures"], f"requests failed across reloads: {log['failures'][:5]}")
    check(log["answers"].count(200) > 20 and 404 in log["answers"],
          f"the client did not see both builds: {len(log['answers'])} answers")

    server.signal(signal.SIGINT)
    check(server.wait(30) == 0, "develop did not exit 0 on SIGINT")
    check(refuses_connections(port), "the port is still open after develop exited")
finally:
    server.kill()

# A killed supervisor takes its build with it: nothing keeps the port.
server = Server([app, "develop", "--port", "0"])
try:
    port = server.wait_serving()
    check(wait_until(lambda: answers("/user/1", 200), 30), "develop did not serve after a restart")
    os.kill(server.process.pid, signal.SIGKILL)
    server.wait(10)
    check(wait_until(lambda: refuses_connections(port), 10), "a build still holds the port after SIGKILL of develop")
finally:
    server.kill()
    shutil.rmtree(workdir, ignore_errors=True)

finish()
