"""What the command-line tests share: running an app binary, finding the
port it serves on, and plain HTTP/1.1 requests on fresh connections."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

_failures = []


def check(condition, message):
    """Records a failed expectation (the test goes on, and fails at the end)."""
    if not condition:
        _failures.append(message)
        print("FAIL:", message, file=sys.stderr)
    return condition


def finish():
    if _failures:
        print(f"{len(_failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all checks passed")


def run(argv, env=None, input=None, timeout=30):
    """Runs a command to completion: (status, stdout, stderr)."""
    full_env = dict(os.environ, **(env or {}))
    done = subprocess.run(argv, env=full_env, input=input, capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


class Server:
    """A serving command (`serve`, `develop`) in its own process group, with
    its output collected; `port` is read from its banner."""

    PORT = re.compile(r"http://[^/\s]+:(\d+)/")

    def __init__(self, argv, env=None, cwd=None):
        self.argv = argv
        self.process = subprocess.Popen(argv, env=dict(os.environ, **(env or {})), cwd=cwd,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        start_new_session=True)
        self.out_lines, self.err_lines = [], []
        self._changed = threading.Condition()
        self._readers = [threading.Thread(target=self._read, args=(self.process.stdout, self.out_lines), daemon=True),
                         threading.Thread(target=self._read, args=(self.process.stderr, self.err_lines), daemon=True)]
        for reader in self._readers:
            reader.start()
        self.port = None

    def _read(self, stream, lines):
        for line in stream:
            with self._changed:
                lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def wait_for(self, pattern, timeout=30, stream="err", start=0):
        """The first line (from index `start`) matching `pattern`, waiting for it."""
        lines = self.err_lines if stream == "err" else self.out_lines
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in lines[start:]:
                    if regex.search(line):
                        return line
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None and not self._any_reader_alive():
                    return None
                self._changed.wait(min(left, 0.2))

    def _any_reader_alive(self):
        return any(reader.is_alive() for reader in self._readers)

    def wait_serving(self, timeout=30):
        line = self.wait_for(r"http://[^/\s]+:\d+/", timeout)
        if line is None:
            raise RuntimeError(f"{self.argv} did not start:\n" + "\n".join(self.err_lines))
        self.port = int(self.PORT.search(line).group(1))
        return self.port

    def signal(self, signum=signal.SIGTERM):
        self.process.send_signal(signum)

    def wait(self, timeout=30):
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        for reader in self._readers:
            reader.join(5)
        return status

    def kill(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def request(port, path, method="GET", headers=None, body=None, timeout=30):
    """One request on a new connection: (status, headers dict, body text);
    raises OSError/HTTPException when the connection fails."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def refuses_connections(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return False
    except OSError:
        return True
