// The floors scripts/bench compares collab with: the least work any YAML validator must do.
//   bench_floor read DIR THREADS       read every .yaml file's bytes once
//   bench_floor yaml-cpp DIR THREADS   and parse each with yaml-cpp's event API (no tree)
// Prints the number of files and bytes so a run can be checked against the store.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Nothing : YAML::EventHandler {
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: bench_floor read|yaml-cpp DIR THREADS\n");
        return 2;
    }
    const bool parse = std::strcmp(argv[1], "yaml-cpp") == 0;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(argv[2])) {
        if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
    }
    const unsigned threads = static_cast<unsigned>(std::stoul(argv[3]));
    std::atomic<std::size_t> next{0}, bytes{0};
    const auto work = [&] {
        for (std::size_t i; (i = next++) < files.size();) {
            const std::string text = slurp(files[i]);
            bytes += text.size();
            if (!parse) continue;
            std::istringstream in(text);
            YAML::Parser parser(in);
            Nothing handler;
            try {
                while (parser.HandleNextDocument(handler)) {
                }
            } catch (const YAML::Exception&) {
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    std::printf("%zu files, %zu bytes\n", files.size(), bytes.load());
    return 0;
}
