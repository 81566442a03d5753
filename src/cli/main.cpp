// The `scrutineer` command. CLI11 is slow to compile, so it lives in this one file.
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "scrutineer/dataset_builder.hpp"
#include "scrutineer/indicator_table.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/police_uk_import.hpp"
#include "scrutineer/series_render.hpp"

namespace fs = std::filesystem;
using namespace scrutineer;

namespace {

std::string data_dir() {
    if (const char* env = std::getenv("SCRUTINEER_DATA_DIR")) return env;
    return SCRUTINEER_DATA_DIR;
}

// Inputs shared by `indicators` and `series`.
struct InputOptions {
    std::string areas;
    std::vector<std::string> police_uk;
    std::string counts, breaks, population, indicators, lsoa_lookup;
    unsigned threads = 0;
    bool quiet = false;

    void add_to(CLI::App* cmd) {
        cmd->add_option("--areas", areas,
                        "Force area: a name under data/areas (norfolk, city-of-london), a path to "
                        "an area file, or from-data (every force and district in the files)")
            ->required();
        cmd->add_option("--police-uk", police_uk,
                        "police.uk street-level files: .csv, .csv.gz, directories of them, or the "
                        "police.uk archive .zip");
        cmd->add_option("--counts", counts, "Monthly counts CSV: area_code,indicator,month,value");
        cmd->add_option("--breaks", breaks, "Recording breaks CSV: indicator,break_month,reason");
        cmd->add_option("--population", population,
                        "ONS MYE2 population by single year of age (for rates)");
        cmd->add_option("--indicators", indicators,
                        "Indicator catalogue (JSON): composites, rates, percentages, snapshots");
        cmd->add_option("--lsoa-lookup", lsoa_lookup,
                        "LSOA code -> district lookup CSV that overrides the LSOA name prefix");
        cmd->add_option("--threads", threads,
                        "Threads for reading police.uk files (default: all cores)");
        cmd->add_flag("--quiet", quiet, "No import summary on standard error");
    }
};

std::string area_file_path(const std::string& areas) {
    if (areas.find('/') != std::string::npos || areas.ends_with(".json")) return areas;
    std::string p = data_dir() + "/areas/" + areas + ".json";
    if (!fs::exists(p)) {
        std::string known;
        std::error_code ec;
        for (auto& e : fs::directory_iterator(data_dir() + "/areas", ec))
            if (e.path().extension() == ".json")
                known += (known.empty() ? "" : ", ") + e.path().stem().string();
        throw std::runtime_error(
            fmt::format("--areas: no area file named '{}' (known: {}, or "
                        "from-data, or a path to a .json file)",
                        areas, known));
    }
    return p;
}

void print_report(const PoliceUkImportReport& r) {
    std::cerr << fmt::format("Read {} files, {:.1f} MB, {} rows.\n", r.files, r.bytes / 1e6,
                             r.rows);
    for (const auto& d : r.duplicates)
        std::cerr << fmt::format("  skipped {}: the same rows as a file already read\n", d);
    for (const auto& f : r.forces) {
        if (f.months.empty()) {
            std::cerr << fmt::format("  {}: no rows in the files\n", f.force);
            continue;
        }
        std::cerr << fmt::format("  {}: {} rows, {} months ({} to {}); {} with no location",
                                 f.force, f.rows, f.months.size(), to_string(f.months.front()),
                                 to_string(f.months.back()), f.rows_no_location);
        std::cerr << fmt::format(", {} outside its districts", f.rows_outside);
        if (!f.outside_places.empty()) {
            std::vector<std::pair<uint64_t, std::string>> top;
            for (auto& [p, n] : f.outside_places) top.emplace_back(n, p);
            std::sort(top.rbegin(), top.rend());
            std::cerr << " (";
            for (size_t i = 0; i < top.size() && i < 5; ++i)
                std::cerr << (i ? ", " : "") << top[i].second << " " << top[i].first;
            if (top.size() > 5) std::cerr << fmt::format(", and {} more places", top.size() - 5);
            std::cerr << ")";
        }
        std::cerr << "; these count for the force only.\n";
    }
    for (const auto& [force, rows] : r.other_forces)
        std::cerr << fmt::format("  {} rows of {} not counted: not the force of --areas\n", rows,
                                 force);
}

Dataset load_dataset(const InputOptions& in) {
    DatasetSources src;
    PoliceUkImportOptions opt;
    opt.threads = in.threads;
    if (in.areas == "from-data") {
        opt.from_data = true;
        std::string codes = data_dir() + "/lookups/lad17-csp17-pfa17.csv";
        if (fs::exists(codes)) opt.district_codes = read_district_codes(codes);
    } else {
        src.forces.push_back(read_area_file(area_file_path(in.areas)));
        opt.forces = src.forces;
    }
    LsoaLookup lookup;
    if (!in.lsoa_lookup.empty()) {
        lookup = read_lsoa_lookup(in.lsoa_lookup);
        opt.lookup = &lookup;
    }
    PoliceUkData police;
    if (!in.police_uk.empty()) {
        std::vector<std::string> skipped;
        auto inputs = list_inputs(in.police_uk, &skipped);
        if (inputs.empty())
            throw std::runtime_error("--police-uk: no .csv, .csv.gz or .zip files found in " +
                                     fmt::format("{}", fmt::join(in.police_uk, " ")));
        bool tty = isatty(STDERR_FILENO) && !in.quiet;
        auto last = std::chrono::steady_clock::now();
        if (tty)
            opt.progress = [&](size_t done, size_t total, uint64_t bytes) {
                auto now = std::chrono::steady_clock::now();
                if (done != total && now - last < std::chrono::milliseconds(100)) return;
                last = now;
                std::cerr << fmt::format("\rReading police.uk files: {}/{} ({:.0f} MB)", done,
                                         total, bytes / 1e6)
                          << (done == total ? "\n" : "") << std::flush;
            };
        police = import_police_uk(inputs, opt);
        if (!in.quiet) {
            print_report(police.report);
            if (!skipped.empty())
                std::cerr << fmt::format("  {} other files ignored (not .csv/.csv.gz), e.g. {}\n",
                                         skipped.size(), skipped.front());
        }
        src.police_uk = &police;
    } else if (opt.from_data) {
        throw std::runtime_error("--areas from-data needs --police-uk files to find the areas in");
    }
    if (!in.counts.empty()) src.counts = read_monthly_counts(in.counts);
    if (!in.breaks.empty()) src.breaks = read_breaks(in.breaks);
    if (!in.population.empty()) src.population = read_population(in.population);
    if (!in.indicators.empty()) src.catalogue = read_indicator_catalogue(in.indicators);
    return build_dataset(src);
}

Month period_end(const Dataset& data, const std::string& month) {
    if (!month.empty()) {
        auto m = parse_month(month);
        if (!m)
            throw std::runtime_error(fmt::format("--month: '{}' is not a month (YYYY-MM)", month));
        return *m;
    }
    auto latest = data.latest_month();
    if (!latest) throw std::runtime_error("no data: give --police-uk or --counts files");
    return *latest;
}

void write_output(const std::string& text, const std::string& path) {
    if (path.empty() || path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    // Written beside the target and renamed, so a failure never leaves half a file.
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out) throw std::runtime_error("cannot write " + path);
    }
    fs::rename(tmp, path);
}

size_t find_area(const Dataset& data, const std::string& wanted) {
    for (size_t a = 0; a < data.areas.size(); ++a)
        if (data.areas[a].code == wanted || data.areas[a].name == wanted) return a;
    std::string known;
    for (auto& a : data.areas) known += (known.empty() ? "" : ", ") + a.name;
    throw std::runtime_error(fmt::format("--area: '{}' is not an area (known: {})", wanted, known));
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "scrutineer: performance monitoring and scrutiny for policing and community "
        "safety plans"};
    app.require_subcommand(1);

    InputOptions in;
    std::string month, format = "table", output;
    auto* indicators = app.add_subcommand("indicators", "The indicator tables for a period");
    in.add_to(indicators);
    indicators->add_option("--month", month,
                           "Period end YYYY-MM (default: latest month in the data)");
    indicators->add_option("--format", format, "table, markdown, html or csv")
        ->check(CLI::IsMember({"table", "markdown", "html", "csv"}));
    indicators->add_option("--output,-o", output, "Write to this file instead of standard output");

    InputOptions sin;
    std::string s_indicator, s_area, s_from, s_to, s_output;
    auto* series = app.add_subcommand("series", "The monthly series behind one cell, as CSV");
    sin.add_to(series);
    series->add_option("--indicator", s_indicator, "Indicator name")->required();
    series->add_option("--area", s_area, "Area code or name")->required();
    series->add_option("--from", s_from, "First month (default: the series' first)");
    series->add_option("--to", s_to, "Last month (default: the series' last)");
    series->add_option("--output,-o", s_output, "Write to this file instead of standard output");

    CLI11_PARSE(app, argc, argv);
    try {
        if (*indicators) {
            Dataset data = load_dataset(in);
            Month end = period_end(data, month);
            TableFormat f;
            parse_table_format(format, f);
            write_output(render_indicator_tables(data, compute_tables(data, end), f), output);
        } else if (*series) {
            Dataset data = load_dataset(sin);
            size_t area = find_area(data, s_area);
            const IndicatorDefinition* ind = data.find_indicator(s_indicator);
            if (!ind)
                throw std::runtime_error("--indicator: no indicator named '" + s_indicator + "'");
            std::string why;
            auto s = indicator_series(data, area, *ind, &why);
            if (!s)
                throw std::runtime_error(fmt::format("{} for {}: {}", s_indicator, s_area, why));
            Month from = s->first, to = s->last_present().value_or(s->first);
            if (!s_from.empty()) from = period_end(data, s_from);
            if (!s_to.empty()) to = period_end(data, s_to);
            write_output(render_series_csv(*s, from, to), s_output);
        }
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\nNothing was imported.\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
