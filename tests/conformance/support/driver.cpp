// driver.cpp: runs conformance cases through retort::TestClient.
//
//   conformance_driver CASES_FILE      (or `-` for stdin)
//
// Input, one case a line, either a request
//   `SET_INDEX \t HEX(METHOD) \t HEX(TARGET)`
// or a url_for case: build URL number K of the set with its typed
// url_for::… call (generated url_cases.cpp), then request it:
//   `url \t SET_INDEX \t K \t HEX(METHOD)`.
// Output, one line per case, in order, flushed as it goes:
//   `STATUS \t HEX(Location)|- \t HEX(Allow)|- \t HEX(body)` for a request,
//   `URL \t HEX(built URL) \t STATUS \t HEX(Location)|- \t HEX(Allow)|- \t HEX(body)`
// for a url_for case, or `ERROR \t HEX(message)` when the case cannot run
// (url_for threw, for instance). Each set gets a fresh retort::App,
// registered once and reused for all its cases. The sets come from the
// generated sets.cpp (kSets[i] is null for a set that was not built,
// kUrlSets[i] for a set without url_for cases).
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <retort/app.hpp>
#include <retort/response.hpp>
#include <retort/test_client.hpp>

namespace retort_conformance {
using RegisterRoutes = void (*)(retort::App&);
extern const RegisterRoutes kSets[];
extern const std::size_t kSetCount;
using BuildUrl = std::string (*)(std::size_t k);
extern const BuildUrl kUrlSets[];
}  // namespace retort_conformance

namespace {

std::string hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> unhex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = nibble(text[i]), lo = nibble(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string header(const retort::Response& response, std::string_view name) {
  const auto value = response.headers().get(name);
  return value ? hex(*value) : std::string("-");
}

std::string describe(const retort::Response& response) {
  return std::to_string(response.status()) + "\t" + header(response, "Location") + "\t" +
         header(response, "Allow") + "\t" + hex(response.body());
}

std::optional<std::size_t> index(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::size_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

// The fields of a tab-separated line.
std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  for (;;) {
    const auto tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return fields;
    line.remove_prefix(tab + 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace retort_conformance;
  if (argc != 2) {
    std::cerr << "usage: conformance_driver CASES_FILE|-\n";
    return 2;
  }
  std::ifstream file;
  std::istream* in = &std::cin;
  if (std::string_view(argv[1]) != "-") {
    file.open(argv[1], std::ios::binary);
    if (!file) {
      std::cerr << "conformance_driver: cannot read " << argv[1] << "\n";
      return 2;
    }
    in = &file;
  }

  std::vector<std::unique_ptr<retort::App>> apps(kSetCount);
  const auto app = [&apps](std::size_t set) -> const retort::App& {
    if (!apps[set]) {
      apps[set] = std::make_unique<retort::App>();
      apps[set]->config().set("STATIC_FOLDER", nullptr);  // as the corpus's Flask(static_folder=None)
      apps[set]->set_logger([](std::string_view message) { std::cerr << "app: " << message << "\n"; });
      kSets[set](*apps[set]);
    }
    return *apps[set];
  };
  std::string line;
  while (std::getline(*in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::string out;
    const std::vector<std::string_view> fields = split(line);
    const bool url_case = fields.size() == 4 && fields[0] == "url";
    std::optional<std::size_t> set, k;
    std::optional<std::string> method, target;
    if (url_case) {
      set = index(fields[1]);
      k = index(fields[2]);
      method = unhex(fields[3]);
    } else if (fields.size() == 3) {
      set = index(fields[0]);
      method = unhex(fields[1]);
      target = unhex(fields[2]);
    }
    if (!set || *set >= kSetCount || !method || (url_case ? !k : !target)) {
      out = "ERROR\t" + hex("malformed case line: " + line);
    } else if (kSets[*set] == nullptr) {
      out = "ERROR\t" + hex("set " + std::to_string(*set) + " is not built into the driver");
    } else if (url_case && kUrlSets[*set] == nullptr) {
      out = "ERROR\t" + hex("the url_for cases of set " + std::to_string(*set) + " are not built into the driver");
    } else {
      std::string stage = "url_for";
      try {
        if (url_case) {
          const std::string url = kUrlSets[*set](*k);
          stage = "request";
          out = "URL\t" + hex(url) + "\t" + describe(retort::TestClient(app(*set)).request(*method, url));
        } else {
          stage = "request";
          out = describe(retort::TestClient(app(*set)).request(*method, *target));
        }
      } catch (const std::exception& e) {
        out = "ERROR\t" + hex((stage == "url_for" ? "url_for threw: " : "exception: ") + std::string(e.what()));
      } catch (...) {
        out = "ERROR\t" + hex(stage == "url_for" ? "url_for threw an unknown exception" : "unknown exception");
      }
    }
    std::cout << out << '\n' << std::flush;
  }
  return 0;
}
