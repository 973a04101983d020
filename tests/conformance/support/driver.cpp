// driver.cpp: runs conformance cases through retort::TestClient.
//
//   conformance_driver CASES_FILE      (or `-` for stdin)
//
// Input, one case a line: `SET_INDEX \t HEX(METHOD) \t HEX(TARGET)`.
// Output, one line per case, in order, flushed as it goes:
//   `STATUS \t HEX(Location)|- \t HEX(Allow)|- \t HEX(body)`
// or `ERROR \t HEX(message)` when the case cannot run. Each set gets a fresh
// retort::App, registered once and reused for all its cases. The sets come
// from the generated sets.cpp (kSets[i] is null for a set that was not built).
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <retort/app.hpp>
#include <retort/response.hpp>
#include <retort/test_client.hpp>

namespace retort_conformance {
using RegisterRoutes = void (*)(retort::App&);
extern const RegisterRoutes kSets[];
extern const std::size_t kSetCount;
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
  std::string line;
  while (std::getline(*in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::string out;
    const auto tab1 = line.find('\t');
    const auto tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    std::optional<std::string> method, target;
    std::size_t set = kSetCount;
    if (tab2 != std::string::npos) {
      try {
        set = std::stoul(line.substr(0, tab1));
      } catch (...) {
      }
      method = unhex(std::string_view(line).substr(tab1 + 1, tab2 - tab1 - 1));
      target = unhex(std::string_view(line).substr(tab2 + 1));
    }
    if (!method || !target || set >= kSetCount) {
      out = "ERROR\t" + hex("malformed case line: " + line);
    } else if (kSets[set] == nullptr) {
      out = "ERROR\t" + hex("set " + std::to_string(set) + " is not built into the driver");
    } else {
      try {
        if (!apps[set]) {
          apps[set] = std::make_unique<retort::App>();
          apps[set]->set_logger([](std::string_view message) {
            std::cerr << "app: " << message << "\n";
          });
          kSets[set](*apps[set]);
        }
        const retort::Response response = retort::TestClient(*apps[set]).request(*method, *target);
        out = std::to_string(response.status()) + "\t" + header(response, "Location") + "\t" +
              header(response, "Allow") + "\t" + hex(response.body());
      } catch (const std::exception& e) {
        out = "ERROR\t" + hex(std::string("exception: ") + e.what());
      } catch (...) {
        out = "ERROR\t" + hex("unknown exception");
      }
    }
    std::cout << out << '\n' << std::flush;
  }
  return 0;
}
