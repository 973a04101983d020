#include "emit/depfile.hpp"

namespace retortc {
namespace {

// Make's escaping: spaces and `#` with a backslash, `$` doubled.
std::string escape(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

}  // namespace

std::string make_depfile(const std::vector<std::string>& targets, const std::vector<std::string>& dependencies) {
  std::string out;
  for (const std::string& target : targets) out += (out.empty() ? "" : " ") + escape(target);
  out += ":";
  for (const std::string& dependency : dependencies) out += " \\\n  " + escape(dependency);
  return out + "\n";
}

}  // namespace retortc
