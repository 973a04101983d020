#include "parse/converter_args.hpp"

#include <charconv>
#include <cstdlib>
#include <functional>

namespace retortc {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Python's `\w` on str: letters, digits, `_`, and (approximately) any non-ASCII.
bool is_word(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::size_t run(std::string_view s, std::size_t i, bool (*pred)(char)) {
  while (i < s.size() && pred(s[i])) ++i;
  return i;
}

// One item of Werkzeug's `_converter_args_re`, tried at exactly `start`:
//   \s* ((?P<name>\w+)\s*=\s*)? (?P<value>True|False|\d+.\d+|\d+.|\d+|[\w\d_.]+|
//   [urUR]?(?P<stringval>"[^"]*?"|'[^']*'))\s*,
struct Item {
  std::size_t end = 0;  // after the `,`
  std::string name;
  std::string value;
  bool quoted = false;
};

// Calls `accept(value_end, quoted_begin)` for each way the value can match,
// in the order Python's regex engine tries them; stops at the first true.
bool each_value(std::string_view s, std::size_t i, const std::function<bool(std::size_t, std::size_t)>& accept) {
  constexpr std::size_t kUnquoted = std::string_view::npos;
  for (std::string_view word : {"True", "False"})
    if (s.substr(i).starts_with(word) && accept(i + word.size(), kUnquoted)) return true;
  const std::size_t digits_end = run(s, i, is_digit);
  // \d+.\d+   (the `.` is any character but a newline)
  for (std::size_t d1 = digits_end; d1 > i; --d1) {
    if (d1 >= s.size() || s[d1] == '\n') continue;
    const std::size_t d2_end = run(s, d1 + 1, is_digit);
    for (std::size_t e = d2_end; e > d1 + 1; --e)
      if (accept(e, kUnquoted)) return true;
  }
  // \d+.
  for (std::size_t d1 = digits_end; d1 > i; --d1)
    if (d1 < s.size() && s[d1] != '\n' && accept(d1 + 1, kUnquoted)) return true;
  // \d+
  for (std::size_t e = digits_end; e > i; --e)
    if (accept(e, kUnquoted)) return true;
  // [\w.]+
  const std::size_t word_end = run(s, i, [](char c) { return is_word(c) || c == '.'; });
  for (std::size_t e = word_end; e > i; --e)
    if (accept(e, kUnquoted)) return true;
  // [urUR]?("[^"]*?"|'[^']*')
  for (std::size_t q : {i + 1, i}) {
    if (q == i + 1 && !(i < s.size() && std::string_view("urUR").find(s[i]) != std::string_view::npos)) continue;
    if (q >= s.size() || (s[q] != '"' && s[q] != '\'')) continue;
    std::size_t close = s.find(s[q], q + 1);
    if (close != std::string_view::npos && accept(close + 1, q)) return true;
  }
  return false;
}

std::optional<Item> match_item(std::string_view s, std::size_t start) {
  const std::size_t i = run(s, start, is_space);
  auto value_at = [&](std::size_t at, Item& item) {
    return each_value(s, at, [&](std::size_t end, std::size_t quoted_begin) {
      std::size_t comma = run(s, end, is_space);
      if (comma >= s.size() || s[comma] != ',') return false;
      item.end = comma + 1;
      item.quoted = quoted_begin != std::string_view::npos;
      item.value = std::string(item.quoted ? s.substr(quoted_begin, end - quoted_begin) : s.substr(at, end - at));
      return true;
    });
  };
  // With a name first (the optional group is greedy), then without.
  const std::size_t name_end = run(s, i, is_word);
  if (name_end > i) {
    std::size_t eq = run(s, name_end, is_space);
    if (eq < s.size() && s[eq] == '=') {
      Item item;
      item.name = std::string(s.substr(i, name_end - i));
      if (value_at(run(s, eq + 1, is_space), item)) return item;
    }
  }
  Item item;
  if (value_at(i, item)) return item;
  return std::nullopt;
}

bool all_digits(std::string_view s) {
  return !s.empty() && run(s, 0, is_digit) == s.size();
}

// Werkzeug's `_pythonize`.
ArgValue pythonize(const Item& item) {
  ArgValue v;
  v.text = item.value;
  std::string_view s = item.value;
  if (item.quoted) {
    v.type = ArgValue::Type::text;
    v.text = std::string(s.substr(1, s.size() - 2));
    return v;
  }
  if (s == "None") return v;
  if (s == "True" || s == "False") {
    v.type = ArgValue::Type::boolean;
    v.boolean = s == "True";
    return v;
  }
  if (all_digits(s)) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v.integer);
    if (ec == std::errc()) {
      v.type = ArgValue::Type::integer;
      return v;
    }
  }
  // float(): `1.5`, `3.`, `.5`, `1e5` (a word cannot hold a sign).
  std::size_t p = run(s, 0, is_digit);
  const bool int_part = p > 0;
  bool frac_part = false;
  if (p < s.size() && s[p] == '.') {
    std::size_t q = run(s, p + 1, is_digit);
    frac_part = q > p + 1;
    p = q;
  }
  if ((int_part || frac_part) && p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
    std::size_t q = run(s, p + 1, is_digit);
    if (q > p + 1) p = q;
  }
  if ((int_part || frac_part) && p == s.size()) {
    v.type = ArgValue::Type::floating;
    v.floating = std::strtod(std::string(s).c_str(), nullptr);
    return v;
  }
  v.type = ArgValue::Type::text;
  return v;
}

// Python's call rules for `Converter(map, *args, **kwargs)`.
class Binder {
 public:
  Binder(std::string_view converter, std::vector<std::string_view> parameters, const ConverterArgs& args,
         std::string& error)
      : converter_(converter), parameters_(std::move(parameters)), values_(parameters_.size()), error_(error) {
    if (args.positional.size() > parameters_.size()) {
      fail("takes at most " + std::to_string(parameters_.size()) + " argument" +
           (parameters_.size() == 1 ? "" : "s") + " (" + std::to_string(args.positional.size()) + " given)");
      return;
    }
    for (std::size_t i = 0; i < args.positional.size(); ++i) values_[i] = &args.positional[i];
    for (const auto& [name, value] : args.keyword) {
      std::size_t i = 0;
      while (i < parameters_.size() && parameters_[i] != name) ++i;
      if (i == parameters_.size()) {
        fail("got an unexpected keyword argument '" + name + "'");
        return;
      }
      if (values_[i] != nullptr) {
        fail("got multiple values for argument '" + name + "'");
        return;
      }
      values_[i] = &value;
    }
  }

  bool ok() const { return error_.empty(); }

  // The argument for `parameter` when given and not None.
  const ArgValue* get(std::string_view parameter) const {
    for (std::size_t i = 0; i < parameters_.size(); ++i)
      if (parameters_[i] == parameter && values_[i] != nullptr && values_[i]->type != ArgValue::Type::none)
        return values_[i];
    return nullptr;
  }

  template <class T>
  void integer(std::string_view parameter, T& out) {
    if (const ArgValue* v = get(parameter)) {
      if (v->type != ArgValue::Type::integer) return fail("'" + std::string(parameter) + "' must be an integer, not '" + v->text + "'");
      out = static_cast<T>(v->integer);
    }
  }
  void number(std::string_view parameter, std::optional<double>& out) {
    if (const ArgValue* v = get(parameter)) {
      if (v->type == ArgValue::Type::integer) out = static_cast<double>(v->integer);
      else if (v->type == ArgValue::Type::floating) out = v->floating;
      else fail("'" + std::string(parameter) + "' must be a number, not '" + v->text + "'");
    }
  }
  void boolean(std::string_view parameter, bool& out) {
    if (const ArgValue* v = get(parameter)) {
      if (v->type != ArgValue::Type::boolean) return fail("'" + std::string(parameter) + "' must be True or False, not '" + v->text + "'");
      out = v->boolean;
    }
  }

  void fail(const std::string& message) {
    if (error_.empty()) error_ = std::string(converter_) + "() " + message;
  }

 private:
  std::string_view converter_;
  std::vector<std::string_view> parameters_;
  std::vector<const ArgValue*> values_;
  std::string& error_;
};

}  // namespace

std::optional<ConverterArgs> parse_converter_args(std::string_view text, ArgError& error) {
  std::string s(text);
  s += ',';
  ConverterArgs args;
  std::size_t position = 0;
  // Like re.finditer: the next item may start anywhere, but text skipped to
  // reach it is an error; text after the last item is ignored (Werkzeug).
  for (std::size_t start = 0; start < s.size(); ++start) {
    std::optional<Item> item = match_item(s, start);
    if (!item) continue;
    if (start != position) {
      error = {"cannot parse converter argument '" + s.substr(position, start - position) + "'", position};
      return std::nullopt;
    }
    ArgValue value = pythonize(*item);
    if (item->name.empty()) args.positional.push_back(std::move(value));
    else args.keyword.emplace_back(item->name, std::move(value));
    position = item->end;
    start = item->end - 1;
  }
  return args;
}

std::optional<Converter> bind_converter(std::string_view name, const ConverterArgs& args, std::string& error) {
  Converter c;
  c.name = std::string(name);
  error.clear();
  if (name == "default" || name == "string") {
    Binder b(name, {"minlength", "maxlength", "length"}, args, error);
    c.kind = Converter::Kind::string;
    std::size_t length = 0, max_length = 0;
    if (b.ok()) b.integer("minlength", c.min_length);
    if (b.ok() && b.get("maxlength")) { b.integer("maxlength", max_length); c.max_length = max_length; }
    if (b.ok() && b.get("length")) { b.integer("length", length); c.length = length; }
  } else if (name == "int") {
    Binder b(name, {"fixed_digits", "min", "max", "signed"}, args, error);
    c.kind = Converter::Kind::integer;
    std::int64_t min = 0, max = 0;
    if (b.ok()) b.integer("fixed_digits", c.fixed_digits);
    if (b.ok() && b.get("min")) { b.integer("min", min); c.int_min = min; }
    if (b.ok() && b.get("max")) { b.integer("max", max); c.int_max = max; }
    if (b.ok()) b.boolean("signed", c.is_signed);
  } else if (name == "float") {
    Binder b(name, {"min", "max", "signed"}, args, error);
    c.kind = Converter::Kind::floating;
    if (b.ok()) b.number("min", c.float_min);
    if (b.ok()) b.number("max", c.float_max);
    if (b.ok()) b.boolean("signed", c.is_signed);
  } else if (name == "path" || name == "uuid") {
    Binder b(name, {}, args, error);
    c.kind = name == "path" ? Converter::Kind::path : Converter::Kind::uuid;
  } else if (name == "any") {
    c.kind = Converter::Kind::any;
    if (!args.keyword.empty()) {
      error = "any() got an unexpected keyword argument '" + args.keyword.front().first + "'";
    }
    for (const ArgValue& item : args.positional) {
      if (item.type != ArgValue::Type::text) {
        error = "any() items must be strings, not '" + item.text + "'";
        break;
      }
      c.items.push_back(item.text);
    }
  } else {
    error = "unknown converter";
  }
  if (!error.empty()) return std::nullopt;
  return c;
}

}  // namespace retortc
