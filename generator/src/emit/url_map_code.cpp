#include "emit/url_map_code.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "emit/names.hpp"
#include "emit/url_steps.hpp"
#include "model/endpoint.hpp"
#include "model/join.hpp"

namespace retortc {
namespace {

using kainjow::mustache::data;

std::size_t parameter_index(const Endpoint& endpoint, const std::string& name) {
  auto found = std::find_if(endpoint.parameters.begin(), endpoint.parameters.end(),
                            [&](const UrlParameter& p) { return p.name == name; });
  return static_cast<std::size_t>(found - endpoint.parameters.begin());
}

std::string converter_kind(const Converter& c) {
  switch (c.kind) {
    case Converter::Kind::integer: return "integer";
    case Converter::Kind::floating: return "floating";
    case Converter::Kind::uuid: return "uuid";
    case Converter::Kind::any: return "any";
    default: return "text";
  }
}

std::string value_literal(const ArgValue& value) {
  switch (value.type) {
    case ArgValue::Type::integer: return "std::int64_t{" + integer_literal(value.integer) + "}";
    case ArgValue::Type::floating: return double_literal(value.floating);
    default:
      return "std::string_view(" + cpp_string_literal(value.text) + ", " + std::to_string(value.text.size()) + ")";
  }
}

class UrlMapWriter {
 public:
  explicit UrlMapWriter(const RouteTable& table) : table_(table), endpoints_(endpoints_of(table)) {}

  void write(data& context) {
    std::vector<std::size_t> endpoint_of(table_.routes.size());
    for (std::size_t e = 0; e < endpoints_.size(); ++e) {
      line("// " + endpoints_[e].name + ": its rules in Werkzeug's build order.");
      for (std::size_t r : endpoints_[e].build_order) {
        endpoint_of[r] = e;
        write_rule_data(endpoints_[e], r);
      }
      write_endpoint_data(e);
      line("");
    }
    line("constexpr rd::UrlEndpoint kUrlEndpoints[] = {");
    for (std::size_t e = 0; e < endpoints_.size(); ++e) {
      const Endpoint& endpoint = endpoints_[e];
      line("    {" + cpp_string_literal(endpoint.name) + ", " +
           (endpoint.parameters.empty() ? "{}" : "kUrlVariables" + std::to_string(e)) + ", kUrlRules" +
           std::to_string(e) + "},");
    }
    line("};");
    // Werkzeug's Map._rules, where BuildError looks for the closest rule:
    // endpoints in the order they were first registered, each endpoint's
    // rules in build order.
    line("// Every rule as Werkzeug's Map lists them: BuildError suggests the closest.");
    std::vector<std::string> refs;
    std::vector<bool> listed(endpoints_.size(), false);
    for (std::size_t r = 0; r < table_.routes.size(); ++r) {
      const std::size_t e = endpoint_of[r];
      if (listed[e]) continue;
      listed[e] = true;
      for (std::size_t i = 0; i < endpoints_[e].build_order.size(); ++i)
        refs.push_back("{" + std::to_string(e) + ", " + std::to_string(i) + "}");
    }
    line("constexpr rd::UrlRuleRef kUrlRegistration[] = {" + join(refs, ", ") + "};");
    line("constexpr rd::UrlMap kUrlMap{kUrlEndpoints, kUrlRegistration};");
    line("");
    context.set("url_map", lines_);
    context.set("url_for_groups", function_groups());
  }

 private:
  void line(std::string text) { lines_ << data(std::move(text)); }

  // kUrlSteps<r> and kUrlDefaults<r>: how rule r writes its URL.
  void write_rule_data(const Endpoint& endpoint, std::size_t r) {
    const Route& route = table_.routes[r];
    std::vector<std::string> steps;
    for_each_url_piece(
        route.rule, [&](const std::string& text) { steps.push_back("{" + cpp_string_literal(text) + ", rd::UrlStep::kText, {}}"); },
        [&](const RulePart& part, std::size_t) {
          std::string items = "{}";
          if (part.conv.kind == Converter::Kind::any) {
            items = "kUrlAny" + std::to_string(any_count_++);
            std::vector<std::string> literals;
            for (const std::string& item : part.conv.items) literals.push_back(cpp_string_literal(item));
            line("constexpr std::string_view " + items + "[] = {" + join(literals, ", ") + "};");
          }
          steps.push_back("{{}, " + std::to_string(parameter_index(endpoint, part.text)) + ", {rd::UrlConverter::Kind::" +
                          converter_kind(part.conv) + ", " + std::to_string(part.conv.fixed_digits) + ", " + items + "}}");
        });
    line("constexpr rd::UrlStep kUrlSteps" + std::to_string(r) + "[] = {" + join(steps, ", ") + "};");
    if (route.defaults.empty()) return;
    std::vector<std::string> defaults;
    for (const DefaultValue& d : route.defaults)
      defaults.push_back("{" + std::to_string(parameter_index(endpoint, d.name)) + ", " + value_literal(d.value) + "}");
    line("constexpr rd::UrlDefault kUrlDefaults" + std::to_string(r) + "[] = {" + join(defaults, ", ") + "};");
  }

  // kUrlVariables<e> and kUrlRules<e>: the endpoint's rules in build order.
  void write_endpoint_data(std::size_t e) {
    const Endpoint& endpoint = endpoints_[e];
    if (!endpoint.parameters.empty()) {
      std::vector<std::string> names;
      for (const UrlParameter& p : endpoint.parameters) names.push_back(cpp_string_literal(p.name));
      line("constexpr std::string_view kUrlVariables" + std::to_string(e) + "[] = {" + join(names, ", ") + "};");
    }
    line("constexpr rd::UrlRule kUrlRules" + std::to_string(e) + "[] = {");
    for (std::size_t r : endpoint.build_order) {
      const Route& route = table_.routes[r];
      std::uint64_t mask = 0;
      for (const std::string& name : rule_arguments(route)) mask |= std::uint64_t{1} << parameter_index(endpoint, name);
      char hex[24];
      std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(mask));
      line("    // " + route_comment(route));
      line("    {" + method_set_expression(route) + ", " + hex + ", " +
           (route.defaults.empty() ? "{}" : "kUrlDefaults" + std::to_string(r)) + ", kUrlSteps" + std::to_string(r) +
           "},");
    }
    line("};");
  }

  // One function per endpoint, grouped by the namespace it lives in.
  data function_groups() const {
    std::map<std::string, data> groups;  // namespace -> functions
    for (std::size_t e = 0; e < endpoints_.size(); ++e) {
      const Endpoint& endpoint = endpoints_[e];
      const Route& first = table_.routes[endpoint.build_order.front()];
      std::vector<std::string> declared, defined, values;
      for (const UrlParameter& p : endpoint.parameters) {
        const std::string type = url_parameter_type(p);
        declared.push_back(type + " " + p.name + (p.required ? "" : " = std::nullopt"));
        defined.push_back(type + " " + p.name);
        values.push_back("{" + cpp_string_literal(p.name) + ", " + p.name + (p.any_items.empty() ? "" : ".value()") + "}");
      }
      declared.push_back("const retort::UrlOptions& retort_options = {}");
      defined.push_back("const retort::UrlOptions& retort_options");

      data comments{data::type::list};
      for (std::size_t r : endpoint.build_order) comments << data(route_comment(table_.routes[r]));
      data f;
      f.set("comments", comments);
      f.set("function", first.function);
      f.set("declared_parameters", join(declared, ", "));
      f.set("defined_parameters", join(defined, ", "));
      f.set("has_values", !values.empty());
      f.set("values", "{" + join(values, ", ") + "}");
      f.set("endpoint_index", std::to_string(e));
      auto [group, fresh] = groups.try_emplace(url_for_namespace(first), data::type::list);
      group->second << f;
    }
    data list{data::type::list};
    for (auto& [ns, functions] : groups) {
      data group;
      group.set("namespace", ns);
      group.set("functions", functions);
      list << group;
    }
    return list;
  }

  const RouteTable& table_;
  std::vector<Endpoint> endpoints_;
  data lines_{data::type::list};
  std::size_t any_count_ = 0;
};

}  // namespace

void add_url_map_code(const RouteTable& table, data& context) { UrlMapWriter(table).write(context); }

}  // namespace retortc
