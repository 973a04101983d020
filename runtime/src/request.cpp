#include "retort/request.hpp"

#include "percent_decode.hpp"

namespace retort {

QueryArgs QueryArgs::parse(std::string_view query) {
  QueryArgs args;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    args.items_.emplace_back(detail::percent_decode(key, detail::PlusMeans::space),
                             detail::percent_decode(value, detail::PlusMeans::space));
  }
  return args;
}

std::optional<std::string_view> QueryArgs::get(std::string_view key) const {
  for (const auto& [k, v] : items_)
    if (k == key) return std::string_view(v);
  return std::nullopt;
}

std::vector<std::string_view> QueryArgs::get_all(std::string_view key) const {
  std::vector<std::string_view> values;
  for (const auto& [k, v] : items_)
    if (k == key) values.emplace_back(v);
  return values;
}

Request::Request(std::string_view method, std::string_view target)
    : method_name_(method), method_(parse_method(method)) {
  // Werkzeug upper-cases the method (`get` is GET).
  for (char& c : method_name_)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (target.size() > kMaxTargetLength) {
    target_error_ = 414;
    path_ = "/";
    return;
  }
  target = target.substr(0, target.find('#'));  // a fragment is never sent; a client may still
  std::size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  if (question != std::string_view::npos) query_string_ = std::string(target.substr(question + 1));
  bool malformed = false;
  path_ = detail::percent_decode(raw_path, detail::PlusMeans::plus, &malformed);
  if (malformed) target_error_ = 400;
  // An empty path stays empty: Werkzeug matches it as no segments at all, so
  // the root rule answers it with a redirect to `/`.
  if (!path_.empty() && path_[0] != '/') path_.insert(path_.begin(), '/');
  args_ = QueryArgs::parse(query_string_);
}

}  // namespace retort
