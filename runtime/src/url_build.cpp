// build_url: Werkzeug 3.1's MapAdapter.build and Rule.build, plus what
// Flask's url_for adds (_anchor, _external, _scheme), over the tables
// retortc generates. Every quoting rule here is Werkzeug's or the Python
// standard library's that Werkzeug calls; the comments name them.
#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "python_text.hpp"
#include "retort/detail/percent_encoding.hpp"
#include "retort/detail/url_map.hpp"

namespace retort::detail {
namespace {

constexpr std::size_t kMaxVariables = 64;  // UrlRule::arguments is a 64-bit mask

// urllib.parse.quote(text, safe): always-safe characters are ASCII letters,
// digits and `_.-~`.
constexpr bool always_safe(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-' || c == '~';
}

template <class Out>
void quote(Out& out, std::string_view text, std::string_view safe, bool space_as_plus = false) {
  constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (always_safe(c) || safe.find(ch) != std::string_view::npos) {
      out += ch;
    } else if (space_as_plus && ch == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
}

// werkzeug.urls._urlencode: urlencode(items, safe="!$'()*,/:;?@"), which
// quotes keys and values with quote_plus.
constexpr std::string_view kQuerySafe = "!$'()*,/:;?@";
// Flask's url_for: quote(_anchor, safe="%!#$&'()*+,/:;=?@").
constexpr std::string_view kAnchorSafe = "%!#$&'()*+,/:;=?@";

template <class Out>
void append_uuid(Out& out, const Uuid& uuid) {
  char text[36];
  uuid.write(text);
  out += std::string_view(text, sizeof text);
}

template <class Out, class T>
void append_number(Out& out, T value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// str(value) for one (non-list) value, as Python prints it.
template <class Out>
void append_str(Out& out, const UrlValue& value) {
  switch (value.kind()) {
    case UrlValue::Kind::text: out += value.text(); break;
    case UrlValue::Kind::integer: append_number(out, value.integer()); break;
    case UrlValue::Kind::unsigned_integer: append_number(out, value.unsigned_integer()); break;
    case UrlValue::Kind::boolean: out += value.integer() != 0 ? "True" : "False"; break;
    case UrlValue::Kind::floating: {
      char buffer[32];
      out.append(buffer, buffer + format_python_float(value.floating(), buffer));
      break;
    }
    case UrlValue::Kind::uuid: append_uuid(out, value.uuid()); break;
    case UrlValue::Kind::absent: out += "None"; break;
    case UrlValue::Kind::list: throw std::invalid_argument("a list cannot be written into a URL path");
  }
}

// An upper bound on what str(value) writes, before quoting.
std::size_t str_bound(const UrlValue& value) {
  switch (value.kind()) {
    case UrlValue::Kind::text: return value.text().size();
    case UrlValue::Kind::floating: return 330;  // int() of a float may print all 309 digits
    case UrlValue::Kind::uuid: return 36;
    default: return 24;
  }
}

std::string str_of(const UrlValue& value) {
  std::string out;
  append_str(out, value);
  return out;
}

// `['a', 'b']`: Python's repr of a list of str.
std::string repr_list(std::vector<std::string_view> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += python_repr(names[i]);
  }
  return out + "]";
}

// Python's `==` between a rule default (int, float or str) and a value.
bool python_equal(const UrlValue& constant, const UrlValue& value) {
  using K = UrlValue::Kind;
  const auto is_int = [](const UrlValue& v) { return v.kind() == K::integer || v.kind() == K::boolean; };
  const auto as_double = [&](const UrlValue& v) {
    if (v.kind() == K::floating) return v.floating();
    if (v.kind() == K::unsigned_integer) return static_cast<double>(v.unsigned_integer());
    return static_cast<double>(v.integer());
  };
  const bool constant_number = constant.kind() != K::text;
  const bool value_number = is_int(value) || value.kind() == K::unsigned_integer || value.kind() == K::floating;
  if (!constant_number) return value.kind() == K::text && value.text() == constant.text();
  if (!value_number) return false;
  if (constant.kind() == K::integer && is_int(value)) return constant.integer() == value.integer();
  if (constant.kind() == K::integer && value.kind() == K::unsigned_integer)
    return constant.integer() >= 0 && static_cast<std::uint64_t>(constant.integer()) == value.unsigned_integer();
  return as_double(constant) == as_double(value);
}

// The converter's to_url(value), appended to `out`.
template <class Out>
void append_converted(Out& out, const UrlValue& value, const UrlConverter& converter) {
  using K = UrlValue::Kind;
  switch (converter.kind) {
    case UrlConverter::Kind::text: {  // BaseConverter: quote(str(value), safe="!$&'()*+,/:;=@")
      if (value.kind() == K::text)
        append_path_encoded(out, value.text());
      else
        append_str(out, value);  // numbers, True/False, uuids: nothing to encode
      return;
    }
    case UrlConverter::Kind::any: {  // `value in items`, else ValueError; not encoded
      for (std::string_view item : converter.items) {
        if (value.kind() == K::text && value.text() == item) {
          out += item;
          return;
        }
      }
      std::vector<std::string_view> items(converter.items.begin(), converter.items.end());
      std::sort(items.begin(), items.end());
      std::string message = "'" + str_of(value) + "' is not one of ";
      for (std::size_t i = 0; i < items.size(); ++i) message += (i > 0 ? ", '" : "'") + std::string(items[i]) + "'";
      throw std::invalid_argument(message);
    }
    case UrlConverter::Kind::uuid:  // str(value)
      append_str(out, value);
      return;
    case UrlConverter::Kind::floating: {  // str(float(value))
      double number = 0;
      switch (value.kind()) {
        case K::floating: number = value.floating(); break;
        case K::integer:
        case K::boolean: number = static_cast<double>(value.integer()); break;
        case K::unsigned_integer: number = static_cast<double>(value.unsigned_integer()); break;
        case K::text: {
          std::optional<double> parsed = python_float(value.text());
          if (!parsed) throw std::invalid_argument("could not convert string to float: " + python_repr(value.text()));
          number = *parsed;
          break;
        }
        default: throw std::invalid_argument("float() argument must be a string or a real number");
      }
      char buffer[32];
      out.append(buffer, buffer + format_python_float(number, buffer));
      return;
    }
    case UrlConverter::Kind::integer: {  // str(int(value)).zfill(fixed_digits)
      const std::size_t start = out.size();
      switch (value.kind()) {
        case K::integer:
        case K::boolean: append_number(out, value.integer()); break;
        case K::unsigned_integer: append_number(out, value.unsigned_integer()); break;
        case K::floating: {
          const double number = value.floating();
          if (std::isnan(number)) throw std::invalid_argument("cannot convert float NaN to integer");
          if (std::isinf(number)) throw std::overflow_error("cannot convert float infinity to integer");
          char buffer[400];
          const auto result = std::to_chars(buffer, buffer + sizeof buffer, std::trunc(number) + 0.0,
                                            std::chars_format::fixed, 0);
          out.append(buffer, result.ptr);
          break;
        }
        case K::text: {
          std::optional<std::string> digits = python_int(value.text());
          if (!digits)
            throw std::invalid_argument("invalid literal for int() with base 10: " + python_repr(value.text()));
          out += std::string_view(*digits);
          break;
        }
        default: throw std::invalid_argument("int() argument must be a string or a real number");
      }
      // Python's zfill: zeros after the sign, up to the width.
      const std::size_t width = out.size() - start;
      if (converter.fixed_digits > width) {
        const std::size_t at = start + (out[start] == '-' || out[start] == '+' ? 1 : 0);
        out.insert(at, converter.fixed_digits - width, '0');
      }
      return;
    }
  }
}

// A URL short enough to build on the stack (most are): written here first,
// it becomes a std::string of exactly its size, which for short URLs is no
// allocation at all. Implements the parts of std::string the writers use.
template <std::size_t N>
class StackText {
 public:
  void operator+=(char c) { grow(1)[0] = c; }
  void operator+=(std::string_view text) { std::copy(text.begin(), text.end(), grow(text.size())); }
  void append(std::size_t count, char c) { std::fill_n(grow(count), count, c); }
  void append(const char* first, const char* last) { *this += std::string_view(first, static_cast<std::size_t>(last - first)); }
  void insert(std::size_t at, std::size_t count, char c) {
    grow(count);
    std::copy_backward(data_ + at, data_ + size_ - count, data_ + size_);
    std::fill_n(data_ + at, count, c);
  }
  void erase(std::size_t at, std::size_t count) {
    std::copy(data_ + at + count, data_ + size_, data_ + at);
    size_ -= count;
  }
  void replace(std::size_t at, std::size_t count, std::string_view with) {
    erase(at, count);
    grow(with.size());
    std::copy_backward(data_ + at, data_ + size_ - with.size(), data_ + size_);
    std::copy(with.begin(), with.end(), data_ + at);
  }
  std::size_t size() const { return size_; }
  char& operator[](std::size_t i) { return data_[i]; }
  std::string_view view() const { return {data_, size_}; }

 private:
  char* grow(std::size_t count) {
    // build_url sizes the buffer from an upper bound; this guards the bound.
    if (size_ + count > N) throw std::length_error("retort: URL longer than its computed bound");
    size_ += count;
    return data_ + size_ - count;
  }
  char data_[N];
  std::size_t size_ = 0;
};

// The arguments of one build: each endpoint variable's value, and the
// items that are not variables (or not the chosen rule's).
class BuildValues {
 public:
  BuildValues(const UrlEndpoint& endpoint, std::span<const UrlArg> values, std::span<const UrlArg> query)
      : endpoint_(endpoint), lists_{values, query} {
    if (endpoint.variables.size() > kMaxVariables) throw std::length_error("too many URL variables");
    std::fill_n(variables_, endpoint.variables.size(), nullptr);
    for_each_present([&](const UrlArg& arg) {
      const std::size_t v = variable_of(arg.name);
      if (v < endpoint_.variables.size() && variables_[v] == nullptr) variables_[v] = &arg.value;
    });
  }

  const UrlValue* variable(std::size_t index) const { return variables_[index]; }

  // The index of the endpoint variable called `name`, or variables.size().
  std::size_t variable_of(std::string_view name) const {
    const auto& names = endpoint_.variables;
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  }

  // Werkzeug drops None values before anything else looks at them.
  template <class F>
  void for_each_present(F&& f) const {
    for (std::span<const UrlArg> list : lists_)
      for (const UrlArg& arg : list)
        if (!arg.value.absent()) f(arg);
  }

  std::vector<std::string_view> present_names() const {
    std::vector<std::string_view> names;
    for_each_present([&](const UrlArg& arg) { names.push_back(arg.name); });
    return names;
  }

 private:
  const UrlEndpoint& endpoint_;
  std::span<const UrlArg> lists_[2];
  const UrlValue* variables_[kMaxVariables];  // the first variables.size() are set
};

const UrlValue* find_default(const UrlRule& rule, std::size_t variable) {
  for (const UrlDefault& d : rule.defaults)
    if (d.variable == variable) return &d.value;
  return nullptr;
}

// Rule.suitable_for.
bool suitable(const UrlRule& rule, const BuildValues& values, std::optional<Method> method) {
  if (method && !rule.methods.contains(*method)) return false;
  for (std::uint64_t bits = rule.arguments; bits != 0; bits &= bits - 1) {
    const auto v = static_cast<std::size_t>(std::countr_zero(bits));
    if (values.variable(v) == nullptr && find_default(rule, v) == nullptr) return false;
  }
  for (const UrlDefault& d : rule.defaults) {
    const UrlValue* given = values.variable(d.variable);
    if (given != nullptr && !python_equal(d.value, *given)) return false;
  }
  return true;
}

// MapAdapter._partial_build: the first suitable rule in build order, trying
// the default method (GET) first when no method was asked for.
const UrlRule* choose_rule(const UrlEndpoint& endpoint, const BuildValues& values, std::optional<Method> method) {
  if (!method) {
    for (const UrlRule& rule : endpoint.rules)
      if (suitable(rule, values, Method::get)) return &rule;
  }
  for (const UrlRule& rule : endpoint.rules)
    if (suitable(rule, values, method)) return &rule;
  return nullptr;
}

std::vector<std::string_view> argument_names(const UrlEndpoint& endpoint, const UrlRule& rule) {
  std::vector<std::string_view> names;
  for (std::size_t v = 0; v < endpoint.variables.size(); ++v)
    if (rule.arguments >> v & 1) names.push_back(endpoint.variables[v]);
  return names;
}

std::vector<std::string_view> method_names(MethodSet methods) {
  std::vector<std::string_view> names;
  for (std::uint16_t bit = 1; bit != 0 && bit <= static_cast<std::uint16_t>(Method::connect); bit <<= 1)
    if (methods.contains(static_cast<Method>(bit))) names.push_back(method_name(static_cast<Method>(bit)));
  return names;
}

// BuildError.__str__, with closest_rule's suggestion over every rule in
// registration order.
std::string build_error_message(const UrlMap& map, std::string_view endpoint_name,
                                const std::vector<std::string_view>& value_names, std::optional<Method> method) {
  std::string message = "Could not build url for endpoint " + python_repr(endpoint_name);
  if (method) message += " (" + python_repr(method_name(*method)) + ")";
  if (!value_names.empty()) message += " with values " + repr_list(value_names);
  message += ".";

  const UrlRuleRef* best = nullptr;
  double best_score = -1;
  for (const UrlRuleRef& ref : map.registration) {
    const UrlEndpoint& e = map.endpoints[ref.endpoint];
    const UrlRule& rule = e.rules[ref.rule];
    const std::vector<std::string_view> arguments = argument_names(e, rule);
    const bool subset = std::all_of(value_names.begin(), value_names.end(), [&](std::string_view n) {
      return std::find(arguments.begin(), arguments.end(), n) != arguments.end();
    });
    const bool takes_method = method && rule.methods.contains(*method);
    double score = 0;
    score += 0.98 * sequence_ratio(e.name, endpoint_name);
    score += 0.01 * (subset ? 1 : 0);
    score += 0.01 * (takes_method ? 1 : 0);
    if (score > best_score) {
      best_score = score;
      best = &ref;
    }
  }
  if (best == nullptr) return message;
  const UrlEndpoint& suggested = map.endpoints[best->endpoint];
  const UrlRule& rule = suggested.rules[best->rule];
  if (suggested.name != endpoint_name) return message + " Did you mean " + python_repr(suggested.name) + " instead?";
  if (method && !rule.methods.contains(*method))
    message += " Did you mean to use methods " + repr_list(method_names(rule.methods)) + "?";
  std::vector<std::string_view> missing;
  for (std::string_view name : argument_names(suggested, rule))
    if (std::find(value_names.begin(), value_names.end(), name) == value_names.end()) missing.push_back(name);
  if (!missing.empty()) message += " Did you forget to specify values " + repr_list(missing) + "?";
  return message;
}

// Rule.build for the chosen rule, then MapAdapter.build's and url_for's
// additions: origin, query string, `/` + path.lstrip("/"), anchor.
struct UrlWriter {
  const UrlEndpoint& endpoint;
  const BuildValues& args;
  const UrlRule& rule;
  const UrlOptions& options;

  // Items that are not the chosen rule's arguments become the query string.
  bool in_query(const UrlArg& arg) const {
    const std::size_t v = args.variable_of(arg.name);
    return v >= endpoint.variables.size() || (rule.arguments >> v & 1) == 0;
  }
  const UrlValue& step_value(const UrlStep& step) const {
    // Werkzeug bakes a rule's own default into its builder.
    const UrlValue* constant = find_default(rule, step.variable);
    return constant != nullptr ? *constant : *args.variable(step.variable);
  }

  // An upper bound on the URL's length (percent-encoding at most triples a
  // byte of text; numbers are never encoded but for `+`).
  std::size_t bound() const {
    std::size_t bound = 2;
    if (options.external) bound += 8 + options.external->host.size();
    for (const UrlStep& step : rule.steps)
      bound += step.variable == UrlStep::kText ? step.text.size() : value_bound(step_value(step)) + step.converter.fixed_digits;
    args.for_each_present([&](const UrlArg& arg) {
      if (!in_query(arg)) return;
      const std::size_t key = 3 * arg.name.size() + 2;
      if (arg.value.kind() != UrlValue::Kind::list) {
        bound += key + value_bound(arg.value);
        return;
      }
      struct Sum {
        std::size_t key, total;
      } sum{key, 0};
      arg.value.for_each_item(
          [](void* context, const UrlValue& item) {
            auto* s = static_cast<Sum*>(context);
            s->total += s->key + value_bound(item);
          },
          &sum);
      bound += sum.total;
    });
    if (options.anchor) bound += 1 + 3 * options.anchor->size();
    return bound;
  }

  static std::size_t value_bound(const UrlValue& value) {
    // Text may also go through int() or float(): their output is at most
    // the text's length, or a float's repr.
    return value.kind() == UrlValue::Kind::text ? 3 * value.text().size() + kMaxPythonFloatLength : 3 + str_bound(value);
  }

  template <class Out>
  void write(Out& url) const {
    if (options.external) {
      // MapAdapter.build: any scheme but https/wss is written as http; an
      // empty one gives a scheme-relative `//host/…`.
      const std::string_view scheme = options.scheme ? *options.scheme : options.external->scheme;
      if (!scheme.empty()) url += scheme == "https" || scheme == "wss" ? "https:" : "http:";
      url += "//";
      url += options.external->host;
    }
    const std::size_t path_start = url.size();
    for (const UrlStep& step : rule.steps) {
      if (step.variable == UrlStep::kText)
        url += step.text;
      else
        append_converted(url, step_value(step), step.converter);
    }

    struct Query {
      Out* url;
      std::string_view name;
      bool first = true;
      void add(const UrlValue& value) {
        *url += first ? '?' : '&';
        first = false;
        quote(*url, name, kQuerySafe, true);
        *url += '=';
        if (value.kind() == UrlValue::Kind::text) {
          quote(*url, value.text(), kQuerySafe, true);
        } else {
          const std::size_t start = url->size();
          append_str(*url, value);  // digits, signs, `.`, `e`, `-`: only `+` needs quoting
          for (std::size_t i = start; i < url->size(); ++i)
            if ((*url)[i] == '+') url->replace(i, 1, "%2B");
        }
      }
    } query{&url, {}};
    args.for_each_present([&](const UrlArg& arg) {
      if (!in_query(arg)) return;
      query.name = arg.name;
      if (arg.value.kind() != UrlValue::Kind::list) {
        query.add(arg.value);
        return;
      }
      arg.value.for_each_item(
          [](void* context, const UrlValue& item) {
            if (!item.absent()) static_cast<Query*>(context)->add(item);
          },
          &query);
    });

    // `/` + path.lstrip("/"): a value starting with `/` does not make `//`.
    std::size_t slashes = 0;
    while (path_start + slashes < url.size() && url[path_start + slashes] == '/') ++slashes;
    if (slashes > 1) url.erase(path_start + 1, slashes - 1);

    if (options.anchor) {
      url += '#';
      quote(url, *options.anchor, kAnchorSafe);
    }
  }
};

}  // namespace

std::size_t find_endpoint(const UrlMap& map, std::string_view name) noexcept {
  auto found = std::lower_bound(map.endpoints.begin(), map.endpoints.end(), name,
                                [](const UrlEndpoint& e, std::string_view n) { return e.name < n; });
  if (found == map.endpoints.end() || found->name != name) return map.endpoints.size();
  return static_cast<std::size_t>(found - map.endpoints.begin());
}

void throw_unknown_endpoint(const UrlMap& map, std::string_view name, std::span<const UrlArg> values,
                            const UrlOptions& options) {
  std::vector<std::string_view> names;
  for (std::span<const UrlArg> list : {values, options.query.span()})
    for (const UrlArg& arg : list)
      if (!arg.value.absent()) names.push_back(arg.name);
  throw BuildError(build_error_message(map, name, names, options.method));
}

void throw_not_one_of(std::string_view value, const std::string_view* items, std::size_t count) {
  UrlConverter converter{UrlConverter::Kind::any, 0, {items, count}};
  std::string unused;
  append_converted(unused, UrlValue(value), converter);
  throw std::logic_error("unreachable: the value is one of the items");
}

std::string build_url(const UrlMap& map, std::size_t endpoint_index, std::span<const UrlArg> values,
                      const UrlOptions& options) {
  if (options.scheme && !options.external)
    throw std::invalid_argument("When specifying '_scheme', '_external' must be True.");
  const UrlEndpoint& endpoint = map.endpoints[endpoint_index];
  const BuildValues args(endpoint, values, options.query.span());
  const UrlRule* rule = choose_rule(endpoint, args, options.method);
  if (rule == nullptr) throw BuildError(build_error_message(map, endpoint.name, args.present_names(), options.method));

  // One allocation at most: short URLs (most) are written on the stack and
  // copied into a string of their exact size (none, within std::string's
  // inline buffer); longer ones into a string reserved to the bound.
  const UrlWriter writer{endpoint, args, *rule, options};
  const std::size_t bound = writer.bound();
  if (bound <= 256) {
    StackText<256> text;
    writer.write(text);
    return std::string(text.view());
  }
  std::string url;
  url.reserve(bound);
  writer.write(url);
  return url;
}

}  // namespace retort::detail
