#!/usr/bin/env python3
"""`hello config` end to end: the built example, its config.yaml and the
process's environment.

    config_test.py HELLO

Runs `HELLO config --intent production` (text and --json) with
RETORT_SECRET_KEY and another RETORT_ override set, and checks values,
sources and that no character run of the secret reaches the output; then
the development intent's defaults and a usage error.
"""
import json
import os
import re
import subprocess
import sys

SECRET = "Zq8-very-secret-value-7Kp"


def run(hello, *args, env=None, status=0):
    result = subprocess.run([hello, *args], capture_output=True, text=True, env=env, timeout=60)
    if result.returncode != status:
        sys.exit(f"{' '.join(args)}: exit status {result.returncode}, expected {status}\n"
                 f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def table(text):
    """{key: (value, source)} from the aligned table, by the heading's columns."""
    lines = text.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("KEY "))
    value_at, source_at = lines[heading].index("VALUE"), lines[heading].index("SOURCE")
    rows = {}
    for line in lines[heading + 1:]:
        rows[line[:value_at].strip()] = (line[value_at:source_at].strip(), line[source_at:])
    return lines[:heading], rows


def expect(what, got, want):
    if got != want:
        sys.exit(f"{what}: got {got!r}, expected {want!r}")


def main():
    hello = sys.argv[1]
    source_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "hello")
    config_file = os.path.realpath(os.path.join(source_dir, "config.yaml"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("RETORT_")}
    env.update(RETORT_SECRET_KEY=SECRET, RETORT_MAX_CONTENT_LENGTH="2048", RETORT_PROXY_FIX__X_PORT="1")

    result = run(hello, "config", "--intent", "production", env=env)
    for output in (result.stdout, result.stderr):
        # Not the secret, nor any long enough piece of it.
        for piece in {SECRET[i:i + 6] for i in range(len(SECRET) - 5)}:
            if piece in output:
                sys.exit(f"a piece of the secret ({piece!r}) is in the output:\n{output}")
    heading, rows = table(result.stdout)
    # The heading names the intent and the file (as opened: the app's root).
    match = re.fullmatch(r"intent (\w+), config files: (.+)", heading[0])
    if not match:
        sys.exit(f"heading: {heading[0]!r}")
    expect("heading's intent", match[1], "production")
    expect("heading's file", os.path.realpath(match[2]), config_file)
    expect("SECRET_KEY", rows["SECRET_KEY"], ("(hidden, set)", "environment RETORT_SECRET_KEY"))
    expect("MAX_CONTENT_LENGTH", rows["MAX_CONTENT_LENGTH"], ("2048", "environment RETORT_MAX_CONTENT_LENGTH"))
    expect("PROXY_FIX.X_PORT", rows["PROXY_FIX.X_PORT"], ("1", "environment RETORT_PROXY_FIX__X_PORT"))
    expect("PROXY_FIX.X_FOR", rows["PROXY_FIX.X_FOR"], ("1", "config.yaml [production]"))
    expect("PROXY_FIX.X_HOST", rows["PROXY_FIX.X_HOST"], ("1", "config.yaml [production]"))
    expect("SEND_FILE_MAX_AGE_DEFAULT", rows["SEND_FILE_MAX_AGE_DEFAULT"], ("3600", "config.yaml [default]"))
    expect("DEBUG", rows["DEBUG"], ("false", "built-in default"))
    expect("STATIC_URL_PATH", rows["STATIC_URL_PATH"], ('"/static"', "built-in default"))
    expect("keys sorted", list(rows), sorted(rows))

    listing = json.loads(run(hello, "config", "--intent", "production", "--json", env=env).stdout)
    if SECRET in json.dumps(listing):
        sys.exit("the secret is in the --json output")
    expect("--json intent", listing["intent"], "production")
    expect("--json files", [os.path.realpath(f) for f in listing["files"]], [config_file])
    entries = {e["key"]: e for e in listing["entries"]}
    expect("--json keys", sorted(entries), sorted(rows))
    expect("--json SECRET_KEY", entries["SECRET_KEY"],
           {"key": "SECRET_KEY", "masked": "set", "source": "environment RETORT_SECRET_KEY"})
    expect("--json MAX_CONTENT_LENGTH", entries["MAX_CONTENT_LENGTH"],
           {"key": "MAX_CONTENT_LENGTH", "value": 2048, "source": "environment RETORT_MAX_CONTENT_LENGTH"})
    expect("--json PROXY_FIX.X_FOR", entries["PROXY_FIX.X_FOR"],
           {"key": "PROXY_FIX.X_FOR", "value": 1, "source": "config.yaml [production]"})

    # The default intent is development: its own section and DEBUG on; the
    # environment's secret still hidden, an empty one said to be empty.
    env["RETORT_SECRET_KEY"] = ""
    _, rows = table(run(hello, "config", env=env).stdout)
    expect("development DEBUG", rows["DEBUG"], ("true", "built-in default"))
    expect("development SECRET_KEY", rows["SECRET_KEY"], ("(hidden, empty)", "environment RETORT_SECRET_KEY"))
    del env["RETORT_SECRET_KEY"]
    _, rows = table(run(hello, "config", env=env).stdout)
    expect("development SECRET_KEY", rows["SECRET_KEY"], ("(hidden, set)", "config.yaml [development]"))

    error = run(hello, "config", "--intent", "staging", env=env, status=2).stderr
    if "'development', 'testing' or 'production'" not in error:
        sys.exit(f"usage error does not list the intents:\n{error}")
    print("config_test: ok")


if __name__ == "__main__":
    main()
