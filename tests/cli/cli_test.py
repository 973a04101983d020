#!/usr/bin/env python3
"""The command line itself, on examples/hello: the overview, per-command help,
usage errors, unknown commands, and the app's own command.

usage: cli_test.py HELLO_BINARY
"""

import sys

from clilib import check, finish, run

hello = sys.argv[1]

status, out, err = run([hello, "--help"])
check(status == 0, f"--help: status {status}")
for name in ("develop", "serve", "routes", "config", "deploy", "url-for"):
    check(f"\n  {name} " in out, f"--help does not list {name}: {out}")
check("the app's commands:" in out and "Print the URL url_for builds" in out, f"app command help line: {out}")

status, out, err = run([hello])
check(status == 2 and "usage:" in err and "commands:" in err, f"no command: {status} {err}")

status, out, err = run([hello, "frobnicate"])
check(status == 2 and "no command 'frobnicate'" in err, f"unknown command: {status} {err}")

for command in ("develop", "serve", "routes", "config", "deploy"):
    status, out, err = run([hello, command, "--help"])
    check(status == 0 and out.startswith(f"usage: {hello} {command}") and "options:" in out,
          f"{command} --help: {status} {out}")

status, out, err = run([hello, "serve", "--bogus"])
check(status == 2 and "unknown option '--bogus'" in err and "usage:" in err, f"unknown option: {status} {err}")
status, out, err = run([hello, "serve", "--port"])
check(status == 2 and "option '--port' needs a value (PORT)" in err, f"missing value: {status} {err}")
status, out, err = run([hello, "serve", "--port", "http"])
check(status == 2 and "'--port' must be a whole number from 0 to 65535, not 'http'" in err, f"bad port: {err}")
status, out, err = run([hello, "config", "--intent", "staging"])
check(status == 2 and "'--intent' must be 'development', 'testing' or 'production', not 'staging'" in err,
      f"bad intent: {status} {err}")

# The app's own command: url_for from the command line.
status, out, err = run([hello, "url-for", "admin.member", "name=ada lovelace"])
check(status == 0 and out == "/admin/members/ada%20lovelace\n", f"url-for: {status} {out!r} {err}")
status, out, err = run([hello, "url-for", "user"])
check(status == 1 and "error:" in err and "id" in err, f"url-for without id: {status} {err}")
status, out, err = run([hello, "url-for", "--intent=production", "user", "id=7"])
check(status == 0 and out == "/user/7\n" and "production intent entered" in err, f"--intent=NAME: {status} {err}")
status, out, err = run([hello, "url-for", "--intent"])
check(status == 2 and "'--intent' needs a value" in err, f"--intent without a value: {status} {err}")
status, out, err = run([hello, "url-for", "--help"])
check(status == 0 and "usage:" in out and "url_for builds" in out, f"app command --help: {status} {out}")

# A taken port is a clear error, not a crash.
import socket
taken = socket.socket()
taken.bind(("127.0.0.1", 0))
taken.listen()
port = taken.getsockname()[1]
status, out, err = run([hello, "serve", "--port", str(port)], env={"RETORT_SECRET_KEY": "x-secret"})
check(status == 1 and f"cannot serve on 127.0.0.1:{port}" in err, f"taken port (serve): {status} {err}")
status, out, err = run([hello, "develop", "--port", str(port)])
check(status == 1 and f"cannot serve on 127.0.0.1:{port}" in err, f"taken port (develop): {status} {err}")
taken.close()

finish()
