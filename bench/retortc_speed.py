#!/usr/bin/env python3
"""retortc's wall time next to the compiler's, on a synthetic project, same run.

Usage: bench/retortc_speed.py [BUILD_DIR] [--repeat N] [--out FILE]

Generates a project of 1,000 handlers across 50 files: every converter,
blueprints (nested ones too), POST handlers taking the request, and bodies
that call url_for::. Installs BUILD_DIR (default: build) into a private
prefix, configures the project with find_package(retort) the way a user
would (RelWithDebInfo, the default build type, Ninja) and builds it once,
which also proves it compiles. Then, N times each (default 3), it times:

  - retortc over the 50 files, exactly as the build runs it (-p with the
    project's compilation database, writing its outputs), and
  - the compiler on the same 50 files, one after the other, with the
    commands of the compilation database,

and prints the medians and their ratio (target: retortc <= 25% of the
compile). Both are single-threaded, so the ratio is what a build on any
number of cores sees. Writes every figure to FILE (default:
bench/retortc_results.json).
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES, HANDLERS_PER_FILE = 50, 20


def handler(f, h, blueprint):
    """The rule, declaration and body of handler h of file f."""
    name, base = "h%d_%d" % (f, h), "/f%d/r%d" % (f, h)
    kind = h % 10
    if kind == 0:
        return ['RETORT_GET("%s/items/<int:id>")' % base, "std::string %s(long id) {" % name,
                '  return "item " + std::to_string(id) + " of " + std::to_string(id * 2);', "}"]
    if kind == 1:
        return ['RETORT_GET("%s/users/<name>/posts/<int(min=1):page>")' % base,
                "std::string %s(std::string_view name, int page) {" % name,
                '  std::string out = "posts of ";', "  out += name;",
                '  out += " page " + std::to_string(page);', "  return out;", "}"]
    if kind == 2:
        return ['RETORT_GET("%s/files/<path:p>")' % base, "std::string %s(std::string_view p) {" % name,
                '  return "file " + std::string(p);', "}"]
    if kind == 3:
        return ['RETORT_GET("%s/things/<uuid:u>")' % base, "std::string %s(const retort::Uuid& u) {" % name,
                '  return "thing " + u.to_string();', "}"]
    if kind == 4:
        return ['RETORT_GET("%s/price/<float:x>")' % base, "std::string %s(double x) {" % name,
                '  return "price " + std::to_string(x * 1.2);', "}"]
    if kind == 5:
        return ['RETORT_GET("%s/kind/<any(a, b, c):k>/")' % base, "std::string %s(std::string_view k) {" % name,
                '  return std::string("kind ") + std::string(k);', "}"]
    if kind == 6:
        return ['RETORT_GET("%s/code/<string(length=2):cc>")' % base,
                "std::string %s(std::string cc) {" % name, '  return "code " + cc;', "}"]
    if kind == 7:
        return ['RETORT_GET("%s/list/", defaults(page = 1))' % base, 'RETORT_GET("%s/list/<int:page>")' % base,
                "std::string %s(int page) {" % name, '  return "list page " + std::to_string(page);', "}"]
    if kind == 8:
        target = "%sh%d_%d" % (blueprint, f, h - 8)
        return ['RETORT_GET("%s/about")' % base, "std::string %s() {" % name,
                '  return "see " + url_for::%s(7) + " and " + url_for::%sh%d_%d(3);'
                % (target, blueprint, f, h - 1), "}"]
    return ['RETORT_POST("%s/submit/<int:id>")' % base,
            "retort::Response %s(const retort::Request& request, long id) {" % name,
            "  retort::Response response{std::string(request.body()) + std::to_string(id), 201,",
            '                            "text/plain; charset=utf-8"};', "  return response;", "}"]


def write_project(src):
    src.mkdir(parents=True, exist_ok=True)
    sources = []
    for f in range(FILES):
        lines = ["// Synthetic handlers for bench/retortc_speed.py, file %d." % f, "#include <string>",
                 "#include <string_view>", "", "#include <retort/request.hpp>", "#include <retort/response.hpp>",
                 "#include <retort/route.hpp>", "#include <retort/uuid.hpp>", "", '#include "synth_routes.hpp"', ""]
        # Files 0-9 at the top level, then a blueprint per file, nested
        # under a parent blueprint for files 30 and up.
        blueprint = ""
        if f >= 10:
            lines.append('namespace RETORT_BLUEPRINT("/api%d") api%d {' % (f, f))
            blueprint = "api%d::" % f
        if f >= 30:
            lines.append('namespace RETORT_BLUEPRINT("/v2") v2 {')
            blueprint += "v2::"
        for h in range(HANDLERS_PER_FILE):
            lines += handler(f, h, blueprint) + [""]
        if f >= 30:
            lines.append("}  // namespace v2")
        if f >= 10:
            lines.append("}  // namespace api%d" % f)
        name = "views_%02d.cpp" % f
        (src / name).write_text("\n".join(lines) + "\n")
        sources.append(name)
    (src / "main.cpp").write_text('#include <retort/app.hpp>\n#include "synth_routes.hpp"\n\n'
                                  "int main() {\n  retort::App app;\n  synth_routes::register_routes(app);\n}\n")
    (src / "CMakeLists.txt").write_text("\n".join([
        "cmake_minimum_required(VERSION 3.20)",
        "project(retortc_speed CXX)",
        "find_package(retort CONFIG REQUIRED)",
        "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)",
        "add_executable(synth main.cpp %s)" % " ".join(sources),
        "target_compile_features(synth PRIVATE cxx_std_20)",
        "target_link_libraries(synth PRIVATE retort::runtime)",
        "retort_add_routes(synth NAME synth SOURCES %s)" % " ".join(sources),
    ]) + "\n")
    return sources


def run(cmd, **kwargs):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(map(str, cmd)), r.stdout[-4000:]))
    return r.stdout


def timed(cmd, **kwargs):
    start = time.perf_counter()
    run(cmd, **kwargs)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=str(ROOT / "build"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench" / "retortc_results.json"))
    args = parser.parse_args()
    build = Path(args.build).resolve()
    work = build / "bench" / "retortc_speed"
    shutil.rmtree(work, ignore_errors=True)
    prefix, src, bld = work / "prefix", work / "src", work / "build"

    run(["cmake", "--build", str(build), "--target", "retortc", "retort_runtime"])
    run(["cmake", "--install", str(build), "--prefix", str(prefix)])
    sources = write_project(src)
    run(["cmake", "-S", str(src), "-B", str(bld), "-G", "Ninja", "-DCMAKE_PREFIX_PATH=%s" % prefix,
         "-DCMAKE_BUILD_TYPE=RelWithDebInfo"])
    print("building the synthetic project once (%d handlers, %d files)..." % (FILES * HANDLERS_PER_FILE, FILES))
    run(["cmake", "--build", str(bld), "-j2"])

    retortc = prefix / "bin" / "retortc"
    scan = [str(retortc), "-p", str(bld), "--out-dir", str(work / "out"), "--name", "synth"] + \
        [str(src / s) for s in sources]
    database = {Path(e["file"]).name: e for e in json.loads((bld / "compile_commands.json").read_text())}
    compiles = [(shlex.split(database[s]["command"]), database[s]["directory"]) for s in sources]

    retortc_times, compile_times = [], []
    for i in range(args.repeat):
        shutil.rmtree(work / "out", ignore_errors=True)
        retortc_times.append(timed(scan))
        compile_times.append(sum(timed(cmd, cwd=cwd) for cmd, cwd in compiles))
        print("  run %d: retortc %.2f s, compiler %.2f s" % (i + 1, retortc_times[-1], compile_times[-1]))

    retortc_s, compile_s = statistics.median(retortc_times), statistics.median(compile_times)
    compiler = database[sources[0]]["command"].split()[0]
    version = run([compiler, "--version"]).splitlines()[0]
    result = {
        "project": {"handlers": FILES * HANDLERS_PER_FILE, "files": FILES,
                    "build_type": "RelWithDebInfo",
                    "compile_command": database[sources[0]]["command"].replace(str(work), "$WORK")},
        "compiler": version,
        "repeat": args.repeat,
        "retortc_seconds": round(retortc_s, 3),
        "compile_seconds": round(compile_s, 3),
        "retortc_per_file_ms": round(1000 * retortc_s / FILES, 1),
        "compile_per_file_ms": round(1000 * compile_s / FILES, 1),
        "ratio": round(retortc_s / compile_s, 4),
        "target_ratio": 0.25,
        "all_runs": {"retortc_seconds": [round(t, 3) for t in retortc_times],
                     "compile_seconds": [round(t, 3) for t in compile_times]},
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print("\n| | wall time (median of %d) | per file |\n|---|---|---|" % args.repeat)
    print("| retortc, 50 files | %.2f s | %.0f ms |" % (retortc_s, result["retortc_per_file_ms"]))
    print("| %s, same 50 files | %.2f s | %.0f ms |" % (version.split()[0], compile_s, result["compile_per_file_ms"]))
    print("\nretortc = %.1f%% of the compile (target: at most 25%%); figures in %s"
          % (100 * result["ratio"], args.out))
    return 0 if result["ratio"] <= result["target_ratio"] else 1


if __name__ == "__main__":
    sys.exit(main())
