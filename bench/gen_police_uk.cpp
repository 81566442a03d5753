// gen_police_uk: writes a synthetic national set of police.uk street-level files, laid out like
// the police.uk archive unpacked (DIR/YYYY-MM/YYYY-MM-<force>-street.csv), plus
//   DIR/truth.tsv            rows per force, month and crime type (what scrutineer must count)
//   DIR/gen_police_uk.args   the arguments and totals; a rerun with the same arguments reuses
//                            the files instead of writing them again.
// Neither extra file ends in .csv, so scrutineer skips them when given DIR.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "synthetic_rows.hpp"

namespace fs = std::filesystem;

namespace {

// Bump when the generated text changes, so old data sets are not reused by mistake.
constexpr int kFormatVersion = 1;

struct Options {
    std::string out;
    int forces = 40, months = 60;
    synth::YearMonth first{2020, 1};
    uint64_t rows = 20'000'000, seed = 1;
    unsigned threads = 0;
    bool force = false;
};

[[noreturn]] void usage(const std::string& problem) {
    std::fprintf(stderr,
                 "gen_police_uk: %s\n"
                 "usage: gen_police_uk --out DIR [--forces N (40)] [--months N (60)]\n"
                 "                     [--first-month YYYY-MM (2020-01)] [--rows N (20000000)]\n"
                 "                     [--seed N (1)] [--threads N (all cores)] [--force]\n",
                 problem.c_str());
    std::exit(2);
}

uint64_t parse_number(const std::string& flag, const std::string& text) {
    try {
        size_t used = 0;
        unsigned long long v = std::stoull(text, &used);
        if (used == text.size() && text[0] != '-') return v;
    } catch (const std::exception&) {
    }
    usage(flag + ": '" + text + "' is not a non-negative integer");
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--force") {
            o.force = true;
            continue;
        }
        if (a == "-h" || a == "--help") usage("synthetic police.uk street-level files");
        if (i + 1 >= argc) usage(a + " needs a value");
        std::string v = argv[++i];
        if (a == "--out")
            o.out = v;
        else if (a == "--forces")
            o.forces = static_cast<int>(parse_number(a, v));
        else if (a == "--months")
            o.months = static_cast<int>(parse_number(a, v));
        else if (a == "--rows")
            o.rows = parse_number(a, v);
        else if (a == "--seed")
            o.seed = parse_number(a, v);
        else if (a == "--threads")
            o.threads = static_cast<unsigned>(parse_number(a, v));
        else if (a == "--first-month") {
            auto m = synth::YearMonth::parse(v);
            if (!m) usage("--first-month: '" + v + "' is not YYYY-MM");
            o.first = *m;
        } else
            usage("unknown argument " + a);
    }
    if (o.out.empty()) usage("--out is required");
    if (o.forces < 1 || o.forces > 1000) usage("--forces must be 1 to 1000");
    if (o.months < 1 || o.months > 1200) usage("--months must be 1 to 1200");
    return o;
}

std::string marker_key(const Options& o) {
    std::ostringstream s;
    s << "gen_police_uk v" << kFormatVersion << " --forces " << o.forces << " --months " << o.months
      << " --first-month " << o.first.text() << " --rows " << o.rows << " --seed " << o.seed;
    return s.str();
}

void write_all(const std::string& path, const std::string& text) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create " + path);
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) {
            ::close(fd);
            throw std::runtime_error("cannot write " + path);
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) throw std::runtime_error("cannot write " + path);
}

// Removes what an earlier run with other arguments left: month folders of *-street.csv files
// and the two extra files. Anything else in DIR is left alone.
void remove_previous(const fs::path& dir) {
    static const std::regex month_dir(R"(\d{4}-\d{2})");
    for (const auto& e : fs::directory_iterator(dir)) {
        if (!e.is_directory() || !std::regex_match(e.path().filename().string(), month_dir))
            continue;
        for (const auto& f : fs::directory_iterator(e.path()))
            if (f.path().filename().string().ends_with("-street.csv")) fs::remove(f.path());
        if (fs::is_empty(e.path())) fs::remove(e.path());
    }
    fs::remove(dir / "truth.tsv");
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse(argc, argv);
    const fs::path dir(o.out);
    const fs::path marker = dir / "gen_police_uk.args";
    const std::string key = marker_key(o);
    try {
        if (!o.force && fs::exists(marker)) {
            std::ifstream in(marker);
            std::string first, totals;
            std::getline(in, first);
            std::getline(in, totals);
            if (first == key) {
                std::printf("gen_police_uk: reusing %s (%s); --force to regenerate\n", dir.c_str(),
                            totals.c_str());
                return 0;
            }
        }
        fs::create_directories(dir);
        fs::remove(marker);  // first, so an interrupted run is never mistaken for a whole one
        remove_previous(dir);

        auto t0 = std::chrono::steady_clock::now();
        synth::Nation nation(o.forces, o.seed);
        const auto& forces = nation.forces();
        std::vector<uint64_t> rows = nation.allocate_rows(o.first, o.months, o.rows);
        for (int m = 0; m < o.months; ++m) fs::create_directories(dir / o.first.plus(m).text());

        const size_t n_files = rows.size();
        std::vector<synth::FileStats> stats(n_files);
        std::atomic<size_t> next{0};
        std::atomic<bool> failed{false};
        std::string error;
        auto work = [&] {
            std::string text;  // reused: one allocation per thread, not per file
            for (;;) {
                size_t k = next.fetch_add(1);
                if (k >= n_files || failed) return;
                size_t f = k % forces.size();
                synth::YearMonth month = o.first.plus(static_cast<int>(k / forces.size()));
                nation.write_file(f, month, rows[k], text, stats[k]);
                std::string name = month.text() + "-" + forces[f].slug + "-street.csv";
                try {
                    write_all((dir / month.text() / name).string(), text);
                } catch (const std::exception& e) {
                    if (!failed.exchange(true)) error = e.what();
                }
            }
        };
        unsigned threads =
            o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        if (failed) throw std::runtime_error(error);

        // truth.tsv: one line per force, month and crime type, in file order.
        std::string truth = "force\tmonth\tcrime_type\trows\n";
        uint64_t total_rows = 0, total_bytes = 0;
        for (size_t k = 0; k < n_files; ++k) {
            const std::string force = forces[k % forces.size()].name;
            const std::string month = o.first.plus(static_cast<int>(k / forces.size())).text();
            for (size_t t = 0; t < synth::kTypes; ++t)
                truth += force + "\t" + month + "\t" + std::string(synth::kCrimeTypes[t]) + "\t" +
                         std::to_string(stats[k].by_type[t]) + "\n";
            total_rows += stats[k].rows;
            total_bytes += stats[k].bytes;
        }
        write_all((dir / "truth.tsv").string(), truth);
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        char totals[200];
        std::snprintf(totals, sizeof totals, "%zu files, %llu rows, %llu bytes", n_files,
                      static_cast<unsigned long long>(total_rows),
                      static_cast<unsigned long long>(total_bytes));
        write_all(marker.string(), key + "\n" + totals + "\n");
        std::printf("gen_police_uk: wrote %s to %s in %.2f s (%.0f MB/s, %u threads)\n", totals,
                    dir.c_str(), seconds, total_bytes / 1e6 / seconds, threads);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gen_police_uk: %s\n", e.what());
        return 1;
    }
    return 0;
}
