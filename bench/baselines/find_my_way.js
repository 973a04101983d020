#!/usr/bin/env node
/*
 * find-my-way (the radix-tree router behind Fastify) on retort's router
 * benchmark route sets, for scale.
 *
 * Usage: node find_my_way.js [--quick | --check] [ROUTE_SETS_JSON]
 *   (install first: `npm ci` in this folder; default ROUTE_SETS_JSON is
 *   ../routesets/route_sets.json next to this script)
 *
 * For each set (github, parse, gplus, static, path_tree) every route is
 * registered as `router.on(method, pattern, handler, { rule: index })`; the
 * store is an object because find-my-way turns a falsy store (0) into
 * null. Then for each order (file_order = the set's `lookups`, shuffled,
 * misses) every lookup is first checked against the JSON's `rule`
 * (Werkzeug 3.1's answer; -1 for a 404) and the disagreements counted,
 * then timed: a warm-up that also sizes a run to about RUN_S seconds of
 * whole passes over the list, then REPEATS timed runs (timed with
 * process.hrtime.bigint), reporting the median ns per lookup.
 *
 * The timed operation is router.find(method, path): what router.lookup(req,
 * res) calls internally, after deriving constraints (none here: undefined)
 * and before invoking the handler. lookup needs Node req/res objects and
 * would time calling our handler too; find is the matching alone, which is
 * what the other routers in the benchmark are timed on. Its result (the
 * store, so the params object is made too) is folded into a sink that is
 * printed to stderr, so the call cannot be optimized away.
 *
 * Prints one JSON document to stdout. --quick: short runs, for a smoke test.
 * --check: only the agreement check (ns_per_lookup null); exits non-zero
 * only if something fails to run, not for disagreements.
 */
'use strict'

const fs = require('fs')
const path = require('path')
const FindMyWay = require('find-my-way')

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const checkOnly = args.includes('--check')
const file = args.find((a) => !a.startsWith('--')) ||
  path.join(__dirname, '..', 'routesets', 'route_sets.json')
const RUN_S = quick ? 0.02 : 0.3 // seconds per timed run
const REPEATS = quick ? 3 : 7
const ORDERS = { file_order: 'lookups', shuffled: 'shuffled', misses: 'misses' }
// route_sets.json holds the shuffled order as indices into `lookups`.
const shuffled = (set) => set.shuffled_order.map((i) => set.lookups[i])

let sink = 0

function buildRouter (routes) {
  const router = FindMyWay()
  routes.forEach((r, i) => router.on(r.method, r.pattern, () => i, { rule: i }))
  return router
}

function ruleOf (router, method, p) {
  const found = router.find(method, p)
  return found === null ? -1 : found.store.rule
}

// `passes` whole passes over the list; returns elapsed nanoseconds.
function timeRun (router, methods, paths, passes) {
  const n = paths.length
  let acc = 0
  const start = process.hrtime.bigint()
  for (let k = 0; k < passes; k++) {
    for (let i = 0; i < n; i++) {
      const found = router.find(methods[i], paths[i])
      acc += found === null ? -1 : found.store.rule
    }
  }
  const elapsed = Number(process.hrtime.bigint() - start)
  sink += acc
  return elapsed
}

function median (xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function measure (label, router, lookups) {
  const methods = lookups.map((l) => l.method)
  const paths = lookups.map((l) => l.path)
  // Warm-up and sizing: double the passes until a run takes a tenth of
  // RUN_S, scale to RUN_S, then run that (by now JIT-compiled) and rescale.
  let passes = 1
  let ns = timeRun(router, methods, paths, passes)
  while (ns < RUN_S * 1e8) {
    passes *= 2
    ns = timeRun(router, methods, paths, passes)
  }
  for (let i = 0; i < 2; i++) {
    passes = Math.max(1, Math.round(passes * RUN_S * 1e9 / ns))
    ns = timeRun(router, methods, paths, passes)
  }
  const perLookup = []
  for (let r = 0; r < REPEATS; r++) {
    perLookup.push(timeRun(router, methods, paths, passes) / (passes * lookups.length))
  }
  const m = median(perLookup)
  console.error(`${label}: ${m.toFixed(1)} ns/lookup (runs ${Math.min(...perLookup).toFixed(1)}` +
    `..${Math.max(...perLookup).toFixed(1)}, ${passes} passes each)`)
  return m
}

function main () {
  const sets = JSON.parse(fs.readFileSync(file, 'utf8'))
  const out = {
    router: 'find-my-way',
    version: require('find-my-way/package.json').version,
    runtime: 'node ' + process.version,
    sets: {}
  }
  for (const [name, set] of Object.entries(sets)) {
    const router = buildRouter(set.routes)
    out.sets[name] = {}
    for (const [order, key] of Object.entries(ORDERS)) {
      const lookups = key === 'shuffled' ? shuffled(set) : set[key]
      const wrong = lookups.filter((l) => ruleOf(router, l.method, l.path) !== l.rule)
      for (const l of wrong.slice(0, 5)) {
        console.error(`${name}/${order}: ${l.method} ${l.path} -> ${ruleOf(router, l.method, l.path)}, expected ${l.rule}`)
      }
      out.sets[name][order] = {
        ns_per_lookup: checkOnly ? null : measure(`${name}/${order}`, router, lookups),
        lookups: lookups.length,
        disagreements: wrong.length
      }
    }
  }
  console.error(`(sink ${sink})`)
  console.log(JSON.stringify(out, null, 1))
}

main()
