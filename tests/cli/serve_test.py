#!/usr/bin/env python3
"""`hello serve`: the production server, driven as an operator would.

- it refuses the development secret key;
- a request in flight when SIGTERM arrives completes, under load, and the
  process then exits 0 and stops listening;
- the access log is the Combined Log Format;
- X-Forwarded-* count only as far as PROXY_FIX trusts them;
- the production intent's hooks run for serve (and not for routes/config).

usage: serve_test.py HELLO_BINARY
"""

import re
import signal
import sys
import threading
import time

from clilib import Server, check, finish, refuses_connections, request, run

hello = sys.argv[1]
SECRET = {"RETORT_SECRET_KEY": "a-production-secret"}

# The development key is refused, from the environment or anywhere else.
status, out, err = run([hello, "serve", "--port", "0"], env={"RETORT_SECRET_KEY": "development-only-not-secret"})
check(status == 1 and "refusing to serve with the development SECRET_KEY" in err, f"dev key accepted: {status} {err}")
status, out, err = run([hello, "serve", "--port", "0"], env={"RETORT_SECRET_KEY": "dev"})
check(status == 1 and "development SECRET_KEY" in err, f"'dev' key accepted: {status} {err}")
check("production intent entered" not in err, "the production hook ran although serve refused to start")

# Usage errors are status 2 and name the option.
status, out, err = run([hello, "serve", "--threads", "0"], env=SECRET)
check(status == 2 and "'--threads' must be a whole number from 1" in err, f"--threads 0: {status} {err}")

# ---------------------------------------------------------------------------
# Graceful shutdown under load.
server = Server([hello, "serve", "--port", "0", "--threads", "2"], env=SECRET)
try:
    port = server.wait_serving()
    check(server.wait_for("production intent entered", 5) is not None, "the production on_enter hook did not run")
    check(server.wait_for(r"with 2 threads", 1) is not None, "the banner does not give the thread count")

    stop_load = threading.Event()
    results = {"ok": 0, "bad": [], "refused": 0}
    lock = threading.Lock()
    signalled = threading.Event()

    def load(n):
        while not stop_load.is_set():
            try:
                status, _, body = request(port, f"/user/{n}", headers={"User-Agent": "load/1"})
                with lock:
                    if status == 200 and body == f"Hello, user {n}!\n":
                        results["ok"] += 1
                    else:
                        results["bad"].append((status, body))
            except OSError:
                with lock:
                    if signalled.is_set():
                        results["refused"] += 1  # after SIGTERM: the listener is closed
                    else:
                        results["bad"].append("connection failed before SIGTERM")
                time.sleep(0.01)

    loaders = [threading.Thread(target=load, args=(n,)) for n in range(4)]
    for t in loaders:
        t.start()

    slow = {}

    def slow_request():
        try:
            slow["answer"] = request(port, "/slow/3.0")
        except Exception as e:  # noqa: BLE001 - recorded and checked below
            slow["error"] = repr(e)

    time.sleep(0.5)  # load is running
    slow_thread = threading.Thread(target=slow_request)
    slow_thread.start()
    time.sleep(1.0)  # the slow request is in its handler now (it takes 3 s)
    signalled.set()
    server.signal(signal.SIGTERM)
    slow_thread.join(20)
    time.sleep(0.3)
    stop_load.set()
    for t in loaders:
        t.join(20)
    exit_status = server.wait(30)

    check("answer" in slow, f"the request in flight at SIGTERM failed: {slow.get('error')}")
    if "answer" in slow:
        status, headers, body = slow["answer"]
        check(status == 200 and body.startswith("Slept 3.0"), f"in-flight request answered {status} {body!r}")
    check(results["ok"] > 50, f"too little load got through: {results['ok']} requests")
    check(not results["bad"], f"failed requests under load: {results['bad'][:5]}")
    check(exit_status == 0, f"serve exited with {exit_status} after SIGTERM")
    check(server.wait_for("Received SIGTERM: finishing the requests in flight", 1) is not None,
          "no shutdown message")
    check(refuses_connections(port), "the port still accepts connections after serve exited")

    # The access log: Combined Log Format, one line per request, on stdout.
    combined = re.compile(r'^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000\] '
                          r'"GET /user/(\d) HTTP/1\.1" 200 15 "-" "load/1"$')
    user_lines = [line for line in server.out_lines if "/user/" in line]
    check(user_lines and all(combined.match(line) for line in user_lines),
          f"access log lines not in the Combined Log Format: {user_lines[:3]}")
    check(len(user_lines) == results["ok"], f"{len(user_lines)} log lines for {results['ok']} answered requests")
    check(any('"GET /slow/3.0 HTTP/1.1" 200' in line for line in server.out_lines),
          "the in-flight request is not in the access log")
finally:
    server.kill()

# ---------------------------------------------------------------------------
# A handler that outlives --shutdown-timeout does not hold the process: it
# ends (status 1) a few seconds after the timeout, not when the handler does.
server = Server([hello, "serve", "--port", "0", "--threads", "1", "--shutdown-timeout", "1"], env=SECRET)
try:
    port = server.wait_serving()
    def stuck_request():
        try:
            request(port, "/slow/30.0", timeout=60)
        except Exception:  # noqa: BLE001 - the connection is cut on purpose
            pass

    threading.Thread(target=stuck_request, daemon=True).start()
    time.sleep(1.0)
    started = time.monotonic()
    server.signal(signal.SIGTERM)
    status = server.wait(25)
    took = time.monotonic() - started
    check(status == 1, f"serve with a stuck handler exited with {status}")
    check(took < 20, f"serve waited {took:.1f} s for a stuck handler (timeout 1 s)")
    check(server.wait_for("did not finish within the shutdown timeout", 1) is not None,
          f"no message about the stuck request: {server.err_lines[-3:]}")
finally:
    server.kill()

# ---------------------------------------------------------------------------
# X-Forwarded-*: hello's production config trusts one proxy for For, Proto
# and Host; the environment can take that trust away.
FORWARDED = {"X-Forwarded-For": "198.51.100.1, 203.0.113.9", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "shop.example.org"}


def whoami(env):
    server = Server([hello, "serve", "--port", "0", "--threads", "1"], env=dict(SECRET, **env))
    try:
        port = server.wait_serving()
        status, _, body = request(port, "/whoami", headers=FORWARDED)
        server.signal(signal.SIGTERM)
        server.wait(30)
        import json
        return status, json.loads(body), server.out_lines, port
    finally:
        server.kill()


status, seen, log, port = whoami({})
check(status == 200 and seen["remote_addr"] == "203.0.113.9" and seen["scheme"] == "https"
      and seen["host"] == "shop.example.org" and seen["url"] == "https://shop.example.org/whoami",
      f"trusted proxy headers not applied: {seen}")
check(any(line.startswith("203.0.113.9 - - ") for line in log), f"the access log does not show the client: {log}")

status, seen, log, port = whoami({"RETORT_PROXY_FIX__X_FOR": "0", "RETORT_PROXY_FIX__X_PROTO": "0",
                                  "RETORT_PROXY_FIX__X_HOST": "0"})
check(status == 200 and seen["remote_addr"] == "127.0.0.1" and seen["scheme"] == "http"
      and seen["host"] == f"127.0.0.1:{port}", f"untrusted proxy headers were applied: {seen}")

status, seen, log, port = whoami({"RETORT_PROXY_FIX__X_FOR": "2"})
check(seen["remote_addr"] == "198.51.100.1", f"X_FOR=2 did not take the second address from the right: {seen}")

# ---------------------------------------------------------------------------
# Intent hooks run only where the intent is entered.
status, out, err = run([hello, "routes", "--intent", "production"])
check("production intent entered" not in err, "routes entered the production intent")
status, out, err = run([hello, "config", "--intent", "production"])
check("production intent entered" not in err, "config entered the production intent")
status, out, err = run([hello, "url-for", "--intent", "production", "user", "id=7"])
check(status == 0 and out == "/user/7\n" and "production intent entered" in err,
      f"an app command with --intent production: {status} {out!r} {err!r}")

finish()
