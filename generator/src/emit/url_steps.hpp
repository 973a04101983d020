// url_steps: walking a rule as URL building writes it (for the url_for
// tables), and the UrlBuilder calls of Werkzeug's default redirects.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/converter.hpp"
#include "model/rule.hpp"

namespace retortc {

// Walks `rule` as URL building writes it: `on_text` receives runs of static
// text, percent-encoded as Werkzeug encodes a rule's text; `on_variable`
// each variable part and its index among the rule's variables.
void for_each_url_piece(const Rule& rule, const std::function<void(const std::string&)>& on_text,
                        const std::function<void(const RulePart&, std::size_t)>& on_variable);

// `append_integer(id, 0)`: the UrlBuilder call that writes `value` (an
// expression of the converter's value type) as the converter's to_url does.
std::string to_url_call(const Converter& converter, const std::string& value);

// The UrlBuilder calls that build `rule` (Werkzeug's default redirects):
// its static text in `append_encoded("…")` runs, and each variable as
// `variable_call` says (the part and its index among the rule's variables).
std::vector<std::string> url_build_calls(
    const Rule& rule, const std::function<std::string(const RulePart&, std::size_t)>& variable_call);

}  // namespace retortc
