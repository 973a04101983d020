#!/usr/bin/env python3
"""End-to-end HTTP benchmark: examples/hello (retort) against a hand-written
Pistache server (raw_pistache.cpp, the same work without retort) and nginx
(the practical ceiling), all answering GET /user/7 with "Hello, user 7!\\n".

  run_e2e.py --hello build/examples/hello/hello --raw build/bench/raw_pistache
             [--nginx /usr/sbin/nginx] [--rounds 3] [--duration 10] [--quick]

Runs wrk against each server in turn, round after round (hello, raw, nginx,
hello, raw, nginx, ...) so that drift on the machine hits all three alike, in
two modes: keep-alive (one connection carries many requests) and close (a new
TCP connection per request). Prints one JSON document to stdout and a table
to stderr. Every server it starts is stopped on the way out, error or not.
"""
import argparse
import http.client
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = "/user/7"
BODY = b"Hello, user 7!\n"
CONTENT_TYPE = "text/html; charset=utf-8"

# The load, chosen for a 2-core machine where wrk and the server share the
# cores (measured with --rounds 1 --duration 3 over -c 8..128 and -t 1..2):
# - Server: 1 reactor thread. It is hello's default (retort::ServerOptions::
#   threads; hello has no option to change it), so raw_pistache gets
#   --threads 1 and nginx worker_processes 1. The Pistache servers also have
#   an accept thread, which is busy only in close mode; nginx's master is idle.
# - wrk: 1 thread, which has the other core. A second wrk thread competes
#   with the server for its core and gained nothing (less, for hello).
# - 16 connections: req/s is flat from 8 connections up to 128 for all three
#   servers (one server thread is already always busy at 8), while p50 grows
#   in proportion to the connections (queueing: 0.06 ms at 8, 0.74 ms at 128
#   for hello); 16 keeps a 2x margin over saturation with little queueing,
#   and in close mode fewer connections in flight means fewer half-closed
#   sockets at any time.
WRK_THREADS = 1
WRK_CONNECTIONS = 16
SERVER_THREADS = 1
MODES = {"keep_alive": "keep-alive", "close": "close"}  # mode -> Connection header


def free_port():
    # The kernel's choice for port 0, released at once for the server to
    # take; nothing else on this machine races for loopback ports.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server process, in its own process group so that stopping it also
    stops its children (nginx's workers)."""

    def __init__(self, name, argv, port, log_path):
        self.name, self.argv, self.port, self.log_path = name, argv, port, log_path
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)

    def url(self, path=PATH):
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_ready(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                with open(self.log_path, errors="replace") as f:
                    output = f.read()[-2000:]  # the log goes with the temporary directory
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}: {shlex.join(self.argv)}\n{output}")
            try:
                with urllib.request.urlopen(self.url(), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not answer on port {self.port} within {timeout} s")

    def cpu_seconds(self):
        # User + system CPU time of every process in the group (nginx's
        # master and workers; the Pistache servers are one process).
        ticks = 0
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == self.proc.pid:  # fields[2] is the pgid
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        # Whatever is left of the group (a worker whose master died first).
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.log.close()


def nginx_config(prefix, port, workers):
    with open(os.path.join(HERE, "nginx.conf.in")) as f:
        text = f.read()
    # As root, nginx would run its workers as "nobody"; keep them ours.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    for key, value in {"@USER@": user, "@WORKERS@": str(workers), "@PREFIX@": prefix,
                       "@PORT@": str(port)}.items():
        text = text.replace(key, value)
    path = os.path.join(prefix, "nginx.conf")
    with open(path, "w") as f:
        f.write(text)
    return path


def check_response(server):
    """The same body and Content-Type as expected; returns the header lines
    (of a plain HTTP/1.1 request: http.client sends no Connection header,
    unlike urllib)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request("GET", PATH)
        response = connection.getresponse()
        body, status = response.read(), response.status
        headers = [f"{k}: {v}" for k, v in response.getheaders()]
        content_type = response.getheader("Content-Type")
    finally:
        connection.close()
    if status != 200 or body != BODY or content_type != CONTENT_TYPE:
        raise RuntimeError(f"{server.name}: GET {PATH} gave {status} {content_type!r} {body!r}")
    return headers


# wrk prints times as "1.23ms", "456.78us", "1.02s" (also "m", "h").
TIME_UNITS_MS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def parse_wrk(text):
    def time_ms(percent):
        m = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M)
        return round(float(m.group(1)) * TIME_UNITS_MS[m.group(2)], 6)

    m = re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)", text, re.M)
    result = {
        "requests_per_s": float(re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M).group(1)),
        "requests": int(m.group(1)),
        "p50_ms": time_ms(50),
        "p99_ms": time_ms(99),
        "non_2xx": 0,
        "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        result["non_2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        result["socket_errors"] = dict(zip(["connect", "read", "write", "timeout"], map(int, m.groups())))
    result["errors"] = result["non_2xx"] + sum(result["socket_errors"].values())
    return result


def run_wrk(server, connection, args):
    command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
               "-H", f"Connection: {connection}", server.url()]
    cpu_before = server.cpu_seconds()
    wrk = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60)
    if wrk.returncode != 0:
        raise RuntimeError(f"{shlex.join(command)} failed ({wrk.returncode}):\n{wrk.stdout}{wrk.stderr}")
    out = wrk.stdout
    cpu = server.cpu_seconds() - cpu_before
    try:
        result = parse_wrk(out)
    except (AttributeError, KeyError) as e:
        raise RuntimeError(f"cannot parse wrk output ({e}):\n{out}")
    # Server CPU per request: how much work each costs, which the req/s
    # figures blur because wrk and the server share the cores.
    result["server_cpu_us_per_request"] = cpu * 1e6 / max(result["requests"], 1)
    result["command"] = shlex.join(command)
    return result


def summarize(runs):
    median = lambda key: statistics.median(run[key] for run in runs)
    return {"requests_per_s": median("requests_per_s"), "p50_ms": median("p50_ms"),
            "p99_ms": median("p99_ms"),
            "server_cpu_us_per_request": median("server_cpu_us_per_request"),
            "errors": sum(run["errors"] for run in runs), "runs": runs}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hello", required=True, help="examples/hello binary")
    parser.add_argument("--raw", required=True, help="raw_pistache binary")
    parser.add_argument("--nginx", default="/usr/sbin/nginx")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--wrk-threads", type=int, default=WRK_THREADS)
    parser.add_argument("--connections", type=int, default=WRK_CONNECTIONS)
    parser.add_argument("--quick", action="store_true", help="smoke test: 1 round of 2 s")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.duration = 1, 2

    # SIGTERM and SIGHUP would end Python without running the finally below,
    # leaving the servers (in their own sessions) running: make them exit.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))

    workdir = tempfile.mkdtemp(prefix="retort-e2e-")
    servers = []
    try:
        ports = {name: free_port() for name in ("hello", "raw_pistache", "nginx")}
        argv = {
            "hello": [args.hello, "serve", "--host", "127.0.0.1", "--port", str(ports["hello"]),
                      "--threads", str(SERVER_THREADS), "--access-log", "off"],
            "raw_pistache": [args.raw, "--host", "127.0.0.1", "--port", str(ports["raw_pistache"]),
                             "--threads", str(SERVER_THREADS)],
            "nginx": [args.nginx, "-p", workdir, "-e", os.path.join(workdir, "error.log"), "-c",
                      nginx_config(workdir, ports["nginx"], SERVER_THREADS)],
        }
        for name, command in argv.items():
            servers.append(Server(name, command, ports[name], os.path.join(workdir, f"{name}.log")))
        info = {}
        for server in servers:
            server.wait_ready()
            info[server.name] = {"command": shlex.join(server.argv),
                                 "response_headers": check_response(server)}

        modes = {mode: {server.name: [] for server in servers} for mode in MODES}
        for round_number in range(1, args.rounds + 1):
            for mode, connection in MODES.items():
                for server in servers:
                    print(f"round {round_number}/{args.rounds} {mode:10} {server.name:12}",
                          end=" ", file=sys.stderr, flush=True)
                    run = run_wrk(server, connection, args)
                    modes[mode][server.name].append(run)
                    print(f"{run['requests_per_s']:10.0f} req/s  p99 {run['p99_ms']:7.2f} ms"
                          f"  errors {run['errors']}", file=sys.stderr)
                    time.sleep(1)  # let the last connections close before the next run
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    summary = {mode: {name: summarize(runs) for name, runs in by_server.items()}
               for mode, by_server in modes.items()}
    # hello's median over the other's: above 1 for req/s, hello is faster;
    # above 1 for p99 and CPU per request, hello is slower / costlier.
    ratios = {}
    for mode, by_server in summary.items():
        hello = by_server["hello"]
        for other in ("raw_pistache", "nginx"):
            ratios.setdefault(mode, {})[f"hello/{other}"] = {
                key: hello[key] / by_server[other][key]
                for key in ("requests_per_s", "p99_ms", "server_cpu_us_per_request")}
    report = {"wrk": {"threads": args.wrk_threads, "connections": args.connections,
                      "duration_s": args.duration, "rounds": args.rounds},
              "server_threads": SERVER_THREADS, "servers": info, "modes": summary, "ratios": ratios}

    print(f"\nmedian of {args.rounds} round(s) of {args.duration} s, wrk -t{args.wrk_threads} "
          f"-c{args.connections}, {SERVER_THREADS} server thread(s)", file=sys.stderr)
    print(f"{'mode':10} {'server':12} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'cpu us/req':>10} "
          f"{'errors':>6}", file=sys.stderr)
    for mode, by_server in summary.items():
        for name, s in by_server.items():
            print(f"{mode:10} {name:12} {s['requests_per_s']:9.0f} {s['p50_ms']:8.3f} {s['p99_ms']:8.3f}"
                  f" {s['server_cpu_us_per_request']:10.1f} {s['errors']:6}", file=sys.stderr)
        for pair, r in ratios[mode].items():
            print(f"{mode:10} {pair:18} req/s x{r['requests_per_s']:.2f}  p99 x{r['p99_ms']:.2f}"
                  f"  cpu/req x{r['server_cpu_us_per_request']:.2f}", file=sys.stderr)
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
