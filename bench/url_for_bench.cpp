// url_for build time per call: typed (url_for::…) and by name
// (App::url_for), for rules with 0, 1 and 3 variables. bench/url_for.py
// runs this next to Flask's url_for on the same rules.
#include <benchmark/benchmark.h>
#include <retort/app.hpp>

#include "bench_routes.hpp"

namespace {

void typed_0_variables(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(url_for::about());
}
BENCHMARK(typed_0_variables);

void typed_1_variable(benchmark::State& state) {
  int id = 42;
  for (auto _ : state) {
    benchmark::DoNotOptimize(id);
    benchmark::DoNotOptimize(url_for::user(id));
  }
}
BENCHMARK(typed_1_variable);

void typed_3_variables(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(url_for::issue("pallets", "werkzeug", 2417));
}
BENCHMARK(typed_3_variables);

void by_name_0_variables(benchmark::State& state) {
  retort::App app;
  register_routes(app);
  for (auto _ : state) benchmark::DoNotOptimize(app.url_for("about"));
}
BENCHMARK(by_name_0_variables);

void by_name_1_variable(benchmark::State& state) {
  retort::App app;
  register_routes(app);
  for (auto _ : state) benchmark::DoNotOptimize(app.url_for("user", {{"id", 42}}));
}
BENCHMARK(by_name_1_variable);

void by_name_3_variables(benchmark::State& state) {
  retort::App app;
  register_routes(app);
  for (auto _ : state)
    benchmark::DoNotOptimize(app.url_for("issue", {{"owner", "pallets"}, {"repo", "werkzeug"}, {"number", 2417}}));
}
BENCHMARK(by_name_3_variables);

}  // namespace

BENCHMARK_MAIN();
