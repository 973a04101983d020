#!/usr/bin/env python3
"""Every benchmark of retort, in one run, into bench/results.json and a chart.

Usage: bench/run.py [--build DIR] [--quick] [--skip STEP ...]

Steps, in order (docs/performance.md explains each figure):
  router   bench/router_bench: retort's generated matcher next to Pistache's
           router and RESTinio's express router, in one binary (Google
           Benchmark, median of repetitions), for every route set of
           bench/routesets in file order, shuffled and as misses
  scripts  the same lookups in find-my-way (node) and Werkzeug (python3),
           for scale
  url_for  bench/url_for.py: typed and by-name url_for next to Flask's
  e2e      bench/e2e/run_e2e.py: wrk against examples/hello, a hand-written
           Pistache handler and nginx, interleaved, keep-alive and close

Writes bench/results.json (every figure, the ratios, the targets of issue #7
and whether each is met) and bench/results.svg (ns per lookup, per router,
per route set); the file is rewritten after each step, so a failing step
keeps the figures before it. --quick shortens every step (a smoke run:
figures are not worth keeping). Needs what `scripts/install-deps --bench`
installs, and Werkzeug and Flask 3.1 in python3 (Debian's are 2.2).
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SETS = ["github", "parse", "gplus", "static", "path_tree"]
ORDERS = ["file_order", "shuffled", "misses"]
STEPS = ["router", "scripts", "url_for", "e2e"]
TARGET_NS = 15.0       # issue #7: below 15 ns per lookup on the GitHub set
TARGET_FACTOR = 8.0    # ... and at least 8x faster than the fastest baseline
TARGET_E2E = 0.95      # end to end: at least 95% of the raw Pistache handler's requests/s


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run_json(command, **kwargs):
    log("$", " ".join(command))
    out = subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout
    return json.loads(out)


def configure(build_dir):
    """Configures (again: the bench targets appear once their packages are
    installed) and returns the build's type and compiler from its cache."""
    log("$ cmake -S", ROOT, "-B", build_dir)
    subprocess.run(["cmake", "-S", ROOT, "-B", build_dir], check=True, stdout=subprocess.DEVNULL)
    cache = {}
    with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
        for line in f:
            if "=" in line and ":" in line.split("=", 1)[0] and not line.startswith(("//", "#")):
                key, value = line.rstrip("\n").split("=", 1)
                cache[key.split(":", 1)[0]] = value
    build_type = cache.get("CMAKE_BUILD_TYPE", "")
    if build_type not in ("Release", "RelWithDebInfo"):
        sys.exit("bench/run.py: %s is a %s build; benchmarks need Release or RelWithDebInfo"
                 % (build_dir, build_type or "no-type"))
    compiler = cache.get("CMAKE_CXX_COMPILER", "c++")
    version = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return {"build_type": build_type, "compiler": version}


def check_prerequisites(steps):
    """Stops early, with the fix, rather than after minutes of measuring."""
    import importlib.metadata
    needed = {"scripts": ["werkzeug"], "url_for": ["flask"]}
    for step, packages in needed.items():
        for package in packages if step in steps else []:
            try:
                version = importlib.metadata.version(package)
            except importlib.metadata.PackageNotFoundError:
                version = None
            if version is None or not version.startswith("3."):
                sys.exit("bench/run.py: the %s step needs %s 3.1 in %s (found %s): pip install '%s==3.1.*'"
                         % (step, package, sys.executable, version, package))
    if "scripts" in steps:
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        if not node or int(node.lstrip("v").split(".")[0]) < 20:
            sys.exit("bench/run.py: find-my-way 9 needs node 20 or later (found %s)" % (node or "none"))
    if "e2e" in steps:
        for tool in ("wrk", "nginx"):
            if subprocess.run(["sh", "-c", "command -v %s || test -x /usr/sbin/%s" % (tool, tool)],
                              stdout=subprocess.DEVNULL).returncode != 0:
                sys.exit("bench/run.py: the e2e step needs %s: scripts/install-deps --bench" % tool)


def build(build_dir, targets):
    log("$ cmake --build", build_dir, "--target", " ".join(targets))
    subprocess.run(["cmake", "--build", build_dir, "--target", *targets], check=True, stdout=subprocess.DEVNULL)


def router_step(build_dir, quick):
    build(build_dir, ["router_bench"])
    binary = os.path.join(build_dir, "bench", "router_bench")
    subprocess.run([binary, "--check"], check=True)
    repetitions = 1 if quick else 5
    report = run_json([binary, "--benchmark_format=json", "--benchmark_repetitions=%d" % repetitions,
                       "--benchmark_min_time=%s" % ("0.01" if quick else "0.3"),
                       "--benchmark_report_aggregates_only=%s" % ("false" if quick else "true")])
    routers = {}
    for b in report["benchmarks"]:
        if repetitions > 1 and b.get("aggregate_name") != "median":
            continue
        router, set_name, order = b["run_name"].split("/")
        assert b["time_unit"] == "ns"
        routers.setdefault(router, {}).setdefault(set_name, {})[order] = {
            "ns_per_lookup": round(b["cpu_time"] / b["lookups"], 2),
            "allocs_per_lookup": round(b["allocs_per_lookup"], 2),
            "lookups": int(b["lookups"]),
            "disagreements": int(b["disagreements"]),
        }
    return {"context": report["context"], "routers": routers}


def scripts_step(quick):
    flags = ["--quick"] if quick else []
    baselines = os.path.join(HERE, "baselines")
    installed = os.path.join(baselines, "node_modules", ".package-lock.json")
    if (not os.path.exists(installed) or
            os.path.getmtime(installed) < os.path.getmtime(os.path.join(baselines, "package-lock.json"))):
        log("$ npm ci (bench/baselines)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=baselines, check=True,
                       stdout=subprocess.DEVNULL)
    results = {}
    for command in (["node", os.path.join(baselines, "find_my_way.js")],
                    [sys.executable, os.path.join(baselines, "werkzeug_match.py")]):
        r = run_json(command + flags)
        results[r["router"]] = r
    return results


def url_for_step(build_dir):
    sys.path.insert(0, HERE)
    import url_for
    return url_for.measure(build_dir)


def e2e_step(build_dir, quick):
    build(build_dir, ["hello", "raw_pistache"])
    command = [sys.executable, os.path.join(HERE, "e2e", "run_e2e.py"),
               "--hello", os.path.join(build_dir, "examples", "hello", "hello"),
               "--raw", os.path.join(build_dir, "bench", "raw_pistache")]
    return run_json(command + (["--quick"] if quick else []))


def router_table(router, scripts):
    """{router: {set: {order: figures}}} for every router measured."""
    table = dict(router["routers"]) if router else {}
    for name, r in (scripts or {}).items():
        table[name] = r["sets"]
    return table


def ratios(table):
    """Per set and order: each baseline's time over retort's (unrounded: the
    targets are judged on these), the fastest baseline, and how many of each
    baseline's answers differ from Werkzeug's."""
    out = {}
    for set_name in SETS:
        for order in ORDERS:
            mine = table.get("retort", {}).get(set_name, {}).get(order)
            if not mine:
                continue
            row, disagreements = {}, {}
            for router, sets in table.items():
                theirs = sets.get(set_name, {}).get(order)
                if router != "retort" and theirs:
                    row[router] = theirs["ns_per_lookup"] / mine["ns_per_lookup"]
                    disagreements[router] = theirs.get("disagreements", 0)
            if row:
                fastest = min(row, key=row.get)
                out["%s/%s" % (set_name, order)] = {"baseline_over_retort": row, "fastest_baseline": fastest,
                                                    "fastest_over_retort": row[fastest],
                                                    "baseline_disagreements": disagreements}
    return out


def rounded(value):
    """Figures for the file: ratios and times to 3 significant digits."""
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, float):
        return float("%.3g" % value) if abs(value) < 1000 else round(value, 1)
    return value


def targets(table, ratio_table, e2e):
    out = {}
    github = table.get("retort", {}).get("github", {})
    for order in ("file_order", "shuffled"):
        if order in github:
            ns = github[order]["ns_per_lookup"]
            out["github_%s_below_%g_ns" % (order, TARGET_NS)] = {"value": ns, "met": ns < TARGET_NS}
            allocs = github[order]["allocs_per_lookup"]
            out["github_%s_zero_allocations" % order] = {"value": allocs, "met": allocs == 0}
        r = ratio_table.get("github/" + order)
        if r:
            out["github_%s_%gx_fastest_baseline" % (order, TARGET_FACTOR)] = {
                "value": r["fastest_over_retort"], "baseline": r["fastest_baseline"],
                "met": r["fastest_over_retort"] >= TARGET_FACTOR}
    if e2e:
        for mode, ratio in e2e.get("ratios", {}).items():
            value = ratio.get("hello/raw_pistache", {}).get("requests_per_s")
            if value is not None:
                out["e2e_%s_%d_percent_of_raw_pistache" % (mode, TARGET_E2E * 100)] = {
                    "value": value, "met": value >= TARGET_E2E}
    return out


# ---------------------------------------------------------------------------
# The chart: ns per lookup (log scale) per route set, one bar per router, in
# file order. Plain SVG, no plotting library.

COLOURS = {"retort": "#d9480f", "pistache_tree": "#1c7ed6", "pistache": "#4dabf7", "restinio": "#7048e8",
           "find-my-way": "#2b8a3e", "werkzeug": "#868e96"}


def chart_svg(table, order="file_order"):
    import math
    routers = [r for r in COLOURS if r in table] + sorted(r for r in table if r not in COLOURS)
    sets = [s for s in SETS if any(s in table[r] for r in routers)]
    values = [table[r][s][order]["ns_per_lookup"] for r in routers for s in sets
              if s in table[r] and order in table[r][s]]
    if not values:
        return None
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    left, width, bar, gap, top = 90, 560, 11, 12, 40
    group = bar * len(routers) + gap
    height = top + group * len(sets) + 60
    x = lambda v: left + width * (math.log10(v) - math.log10(low)) / (math.log10(high) - math.log10(low))
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
           'font-size="11">' % (left + width + 150, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="20" font-size="13" font-weight="bold">Router lookup time, ns per lookup '
           '(log scale, %s, lower is better)</text>' % (left, order.replace("_", " "))]
    decade = low
    while decade <= high:
        for m in (1, 2, 5):
            v = decade * m
            if v > high:
                break
            out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="%s"/>' % (
                x(v), x(v), top - 5, height - 50, "#adb5bd" if m == 1 else "#e9ecef"))
            out.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#495057">%s</text>' % (
                x(v), height - 36, ("%g" % v) if v < 1000 else "%gk" % (v / 1000)))
        decade *= 10
    for i, s in enumerate(sets):
        y0 = top + i * group
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (left - 6, y0 + group / 2, s))
        for j, r in enumerate(routers):
            figures = table[r].get(s, {}).get(order)
            if not figures:
                continue
            v = figures["ns_per_lookup"]
            out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s %s: %s ns</title></rect>' % (
                left, y0 + j * bar, max(x(v) - left, 1), bar - 2, COLOURS.get(r, "#000"), r, s, v))
            out.append('<text x="%.1f" y="%d" font-size="9" fill="#212529">%s</text>' % (
                x(v) + 3, y0 + j * bar + bar - 3, ("%.1f" % v) if v < 100 else "%.0f" % v))
    for j, r in enumerate(routers):
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>' % (
            left + width + 20, top + j * 16, COLOURS.get(r, "#000"), left + width + 34, top + j * 16 + 9, r))
    out.append('<text x="%d" y="%d" fill="#495057">ns per lookup</text>' % (left + width / 2 - 30, height - 18))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def machine(build_info):
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    packages = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", "libpistache-dev",
                               "librestinio-dev", "libbenchmark-dev", "wrk", "nginx-light"],
                              capture_output=True, text=True).stdout.split("\n")
    return dict({"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(), "commit": commit,
                 "date": datetime.datetime.now().isoformat(timespec="seconds"),
                 "packages": dict(p.split(" ", 1) for p in packages if " " in p)}, **build_info)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--quick", action="store_true", help="a smoke run: every step, shortened")
    parser.add_argument("--skip", action="append", choices=STEPS, default=[])
    parser.add_argument("--out", default=os.path.join(HERE, "results.json"))
    parser.add_argument("--chart", default=os.path.join(HERE, "results.svg"))
    args = parser.parse_args()

    steps = [step for step in STEPS if step not in args.skip]
    check_prerequisites(steps)
    results = {"machine": machine(configure(args.build)), "quick": args.quick}
    router = scripts = None

    def save():
        table = router_table(router, scripts)
        ratio_table = ratios(table)
        results["router"] = {
            "unit": "ns per lookup: CPU time / lookups (Google Benchmark, median of %s) for the C++ routers, "
                    "wall time (median of 7 runs) for the scripts; allocations per lookup (C++ only)"
                    % ("1 repetition" if args.quick else "5 repetitions"),
            "google_benchmark_context": router["context"] if router else None,
            "versions": {name: {k: r[k] for k in ("version", "runtime") if k in r}
                         for name, r in (scripts or {}).items()},
            "results": table,
            "ratios": ratio_table,
        }
        results["targets"] = targets(table, ratio_table, results.get("e2e"))
        with open(args.out, "w") as f:
            json.dump(rounded(results), f, indent=1)
            f.write("\n")
        return table

    if "router" in steps:
        router = router_step(args.build, args.quick)
        save()
    if "scripts" in steps:
        scripts = scripts_step(args.quick)
        save()
    if "url_for" in steps:
        results["url_for"] = url_for_step(args.build)
        save()
    if "e2e" in steps:
        results["e2e"] = e2e_step(args.build, args.quick)
    table = save()
    svg = chart_svg(table)
    if svg:
        with open(args.chart, "w") as f:
            f.write(svg)
    summarize(results)
    log("written:", os.path.relpath(args.out, ROOT), "and", os.path.relpath(args.chart, ROOT))


def summarize(results):
    table = results["router"]["results"]
    routers = [r for r in COLOURS if r in table] + sorted(r for r in table if r not in COLOURS)
    log("\nns per lookup (allocations per lookup)")
    log("%-22s" % "set/order" + "".join("%18s" % r for r in routers))
    for s in SETS:
        for order in ORDERS:
            cells = []
            for r in routers:
                f = table[r].get(s, {}).get(order)
                cells.append("%18s" % ("%.1f (%g)" % (f["ns_per_lookup"], f.get("allocs_per_lookup", "-"))
                                       if f and "allocs_per_lookup" in f else ("%.1f" % f["ns_per_lookup"] if f else "-")))
            log("%-22s" % ("%s/%s" % (s, order)) + "".join(cells))
    for name, t in results["targets"].items():
        log("%-48s %-10.3g %s" % (name, t["value"], "met" if t["met"] else "MISSED"))


if __name__ == "__main__":
    main()
