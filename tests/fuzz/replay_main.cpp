// replay_main: runs a fuzz target's LLVMFuzzerTestOneInput over files, for
// builds without libFuzzer (GCC, or Clang without RETORT_FUZZ). The normal
// test suite uses it to replay each target's seed corpus and every crash
// ever found (tests/fuzz/regressions), so a fixed bug stays fixed under any
// compiler.
//
//   fuzz_cookies tests/fuzz/corpus/cookies tests/fuzz/regressions/cookies
//
// Each argument is a file or a folder of files; folders are read in name
// order so a failure is reproducible. Prints the file it is on before
// running it, so a crash names its input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int run_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
    return 1;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::fprintf(stderr, "replay: %s\n", file.c_str());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg = argv[i];
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(arg);
    }
    for (const auto& file : files) {
      status |= run_file(file);
      ++count;
    }
  }
  std::fprintf(stderr, "replay: %zu inputs, no failure\n", count);
  return count == 0 ? 1 : status;  // an empty corpus would prove nothing
}
