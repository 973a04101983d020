#!/usr/bin/env python3
"""url_for build time: retort (typed and by name) next to Flask, same run.

Usage: bench/url_for.py [BUILD_DIR] [--out FILE]

Builds bench/url_for_bench in BUILD_DIR (default: build; configure it first
as the README says), runs it with Google Benchmark (median of 5
repetitions), then times Flask 3.1's url_for on the same three rules with
timeit inside a request context (median of 5 repeats), and prints both
with the ratio Flask / retort. Writes every figure to FILE (default:
bench/url_for_results.json).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import timeit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = [  # (name, Flask rule, endpoint, values) — bench/url_for_views.cpp has the same rules
    ("0_variables", "/about", "about", {}),
    ("1_variable", "/user/<int:id>", "user", {"id": 42}),
    ("3_variables", "/repos/<owner>/<repo>/issues/<int:number>", "issue",
     {"owner": "pallets", "repo": "werkzeug", "number": 2417}),
]


def retort_times(build):
    subprocess.run(["cmake", "--build", build, "--target", "url_for_bench"], check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run(
        [os.path.join(build, "bench", "url_for_bench"), "--benchmark_format=json",
         "--benchmark_repetitions=5", "--benchmark_report_aggregates_only=true"],
        check=True, capture_output=True, text=True).stdout
    times = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            assert b["time_unit"] == "ns"
            times[b["run_name"]] = b["cpu_time"]
    return times


def flask_times():
    from flask import Flask, url_for
    app = Flask(__name__, static_folder=None)
    for _, rule, endpoint, _ in CASES:
        app.add_url_rule(rule, endpoint, lambda **kw: "")
    times = {}
    with app.test_request_context():
        for name, _, endpoint, values in CASES:
            call = lambda: url_for(endpoint, **values)
            number = 20000
            runs = timeit.repeat(call, number=number, repeat=5)
            times[name] = statistics.median(runs) / number * 1e9
    return times


def measure(build):
    """Both sides' figures per case, and the ratios, as one dict."""
    import importlib.metadata
    retort = retort_times(build)
    flask = flask_times()
    results = {"unit": "ns per call", "flask_version": importlib.metadata.version("flask"), "cases": []}
    for name, rule, _, _ in CASES:
        typed, by_name = retort["typed_" + name], retort["by_name_" + name]
        results["cases"].append({
            "case": name, "rule": rule, "retort_typed_ns": round(typed, 1),
            "retort_by_name_ns": round(by_name, 1), "flask_ns": round(flask[name], 1),
            "flask_over_typed": round(flask[name] / typed, 1),
            "flask_over_by_name": round(flask[name] / by_name, 1)})
    return results


def print_table(results):
    print("| rule | retort typed | retort by name | Flask url_for | Flask / typed | Flask / by name |")
    print("|---|---|---|---|---|---|")
    for row in results["cases"]:
        print("| `%s` | %.0f ns | %.0f ns | %.0f ns | %.1f× | %.1f× |" % (
            row["rule"], row["retort_typed_ns"], row["retort_by_name_ns"], row["flask_ns"],
            row["flask_over_typed"], row["flask_over_by_name"]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "url_for_results.json"))
    args = parser.parse_args()

    results = measure(args.build)
    print_table(results)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print("\nwritten to", os.path.relpath(args.out, ROOT))


if __name__ == "__main__":
    sys.exit(main())
