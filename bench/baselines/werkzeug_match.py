#!/usr/bin/env python3
"""Werkzeug 3.1's URL matcher on retort's router benchmark route sets, for scale.

Usage: bench/baselines/werkzeug_match.py [--quick | --check] [ROUTE_SETS_JSON]

ROUTE_SETS_JSON defaults to ../routesets/route_sets.json next to this script.
For each set (github, parse, gplus, static, path_tree) the routes become a
Map of Rule(pattern with `:x` turned into `<x>`, endpoint=index,
methods=[method]) -- the Map bench/routesets/make_route_sets.py built to
decide each lookup's expected `rule` -- bound with .bind("localhost").

For each order (file_order = the set's `lookups`, shuffled, misses) every
lookup is first checked against `rule` (-1 for a 404) and the disagreements
counted, then timed with timeit: a warm-up that also sizes a run to about
0.2 s of whole passes over the list, then 7 timed runs, reporting the
median ns per lookup.

The timed operation is adapter.match(path, method). A miss raises NotFound
(or MethodNotAllowed), which the loop catches: raising and catching that
exception is part of what a 404 costs in Werkzeug, so it is timed too. The
loop around the calls (a Python for and try) is timed as well; it is small
next to match itself.

Prints one JSON document to stdout. --quick: short runs, for a smoke test.
--check: only the agreement check (ns_per_lookup null); exits non-zero only
if something fails to run, not for disagreements.
"""
import json
import os
import re
import statistics
import sys
import timeit
from importlib.metadata import version

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule

ORDERS = {"file_order": "lookups", "shuffled": "shuffled", "misses": "misses"}


def shuffled(data):
    """route_sets.json holds the shuffled order as indices into `lookups`."""
    return [data["lookups"][i] for i in data["shuffled_order"]]
PARAM = re.compile(r":([A-Za-z_][A-Za-z0-9_]*)")


def build_adapter(routes):
    rules = [Rule(PARAM.sub(r"<\1>", r["pattern"]), endpoint=i, methods=[r["method"]])
             for i, r in enumerate(routes)]
    return Map(rules).bind("localhost")


def rule_of(adapter, method, path):
    try:
        return adapter.match(path, method)[0]
    except (NotFound, MethodNotAllowed):
        return -1
    except Exception as e:  # e.g. RequestRedirect: a disagreement, shown as such
        return "%s(%s)" % (type(e).__name__, e)


def one_pass(adapter, lookups):
    """A function that matches every lookup once: what timeit times."""
    match = adapter.match
    pairs = [(lookup["path"], lookup["method"]) for lookup in lookups]

    def run():
        for path, method in pairs:
            try:
                match(path, method)
            except (NotFound, MethodNotAllowed):
                pass
    return run


def measure(label, adapter, lookups, run_s, repeats):
    timer = timeit.Timer(one_pass(adapter, lookups))
    # Warm-up and sizing: double the passes until a run takes a tenth of
    # run_s, scale to run_s, then run that and rescale.
    passes = 1
    while (seconds := timer.timeit(passes)) < run_s / 10:
        passes *= 2
    for _ in range(2):
        passes = max(1, round(passes * run_s / seconds))
        seconds = timer.timeit(passes)
    per_lookup = [t / (passes * len(lookups)) * 1e9 for t in timer.repeat(repeat=repeats, number=passes)]
    median = statistics.median(per_lookup)
    print("%s: %.1f ns/lookup (runs %.1f..%.1f, %d passes each)" % (label, median, min(per_lookup),
                                                                   max(per_lookup), passes), file=sys.stderr)
    return median


def main():
    args = sys.argv[1:]
    quick, check_only = "--quick" in args, "--check" in args
    files = [a for a in args if not a.startswith("--")]
    path = files[0] if files else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                               "..", "routesets", "route_sets.json")
    run_s, repeats = (0.02, 3) if quick else (0.2, 7)
    with open(path, encoding="utf-8") as f:
        sets = json.load(f)
    out = {"router": "werkzeug", "version": version("werkzeug"),
           "runtime": "python %d.%d.%d" % sys.version_info[:3], "sets": {}}
    for name, data in sets.items():
        adapter = build_adapter(data["routes"])
        out["sets"][name] = {}
        for order, key in ORDERS.items():
            lookups = shuffled(data) if key == "shuffled" else data[key]
            wrong = [(lk, got) for lk in lookups
                     if (got := rule_of(adapter, lk["method"], lk["path"])) != lk["rule"]]
            for lk, got in wrong[:5]:
                print("%s/%s: %s %s -> %s, expected %d" % (name, order, lk["method"], lk["path"], got,
                                                          lk["rule"]), file=sys.stderr)
            out["sets"][name][order] = {
                "ns_per_lookup": None if check_only else measure("%s/%s" % (name, order), adapter, lookups,
                                                                      run_s, repeats),
                "lookups": len(lookups), "disagreements": len(wrong)}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
