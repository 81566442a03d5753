// The `scrutineer` command. CLI11 is slow to compile, so it lives in this one file.
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>
#include "scrutineer/accountability_store.hpp"
#include "scrutineer/app.hpp"
#include "scrutineer/backup.hpp"
#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/bulletin_text.hpp"
#include "scrutineer/case_review_application_file.hpp"
#include "scrutineer/case_review_clock.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/client_address.hpp"
#include "scrutineer/commissioned_services_file.hpp"
#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/csv_field.hpp"
#include "scrutineer/dataset_builder.hpp"
#include "scrutineer/funnel_plot.hpp"
#include "scrutineer/funnel_render.hpp"
#include "scrutineer/http.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/indicator_table.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/meeting_documents.hpp"
#include "scrutineer/migrations.hpp"
#include "scrutineer/performance_report.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/police_uk_import.hpp"
#include "scrutineer/questionnaire_file.hpp"
#include "scrutineer/report_formats.hpp"
#include "scrutineer/report_kinds.hpp"
#include "scrutineer/scrutiny_file.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/series_render.hpp"
#include "scrutineer/spc_render.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/work_programme_file.hpp"
#include "scrutineer/working_day_clock.hpp"

namespace fs = std::filesystem;
using namespace scrutineer;

namespace {

std::string env_or(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

std::string data_dir() {
    if (const char* env = std::getenv("SCRUTINEER_DATA_DIR")) return env;
    return SCRUTINEER_DATA_DIR;
}

// The England and Wales bank holidays shipped with scrutineer (data/bank-holidays/SOURCE.txt).
std::string shipped_bank_holidays() {
    return data_dir() + "/bank-holidays/england-and-wales.json";
}

void print_lines(const store::ImportSummary& s) {
    for (const auto& line : s.lines) std::cerr << line << "\n";
}

// A whole number of days for --working-days or --days.
int parse_count(const std::string& option, const std::string& text) {
    bool digits = !text.empty() && text.size() <= 9;
    for (size_t i = 0; i < text.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(text[i])) && !(i == 0 && text[i] == '-'))
            digits = false;
    if (!digits || text == "-")
        throw std::runtime_error(
            fmt::format("{}: '{}' is not a whole number of days", option, text));
    return std::stoi(text);
}

// `spc --values 12,15,11`: numbers separated by commas (spaces around one are allowed), read
// strictly (std::from_chars: the whole item, no "12abc"), finite, at most kMaxSpcValues.
constexpr size_t kMaxSpcValues = 10000;
std::vector<double> parse_spc_values(const std::string& text) {
    std::vector<double> values;
    size_t start = 0, item = 0;
    while (true) {
        size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        ++item;
        if (item > kMaxSpcValues)
            throw std::runtime_error(fmt::format("--values: more than {} values", kMaxSpcValues));
        size_t a = start, b = end;
        while (a < b && text[a] == ' ') ++a;
        while (b > a && text[b - 1] == ' ') --b;
        std::string_view v(text.data() + a, b - a);
        if (v.empty()) throw std::runtime_error(fmt::format("--values: item {} is empty", item));
        double x = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
        if (ec == std::errc::result_out_of_range ||
            (ec == std::errc() && ptr == v.end() && !std::isfinite(x)))
            throw std::runtime_error(
                fmt::format("--values: item {} '{}' is not a finite number", item, v));
        if (ec != std::errc() || ptr != v.data() + v.size())
            throw std::runtime_error(
                fmt::format("--values: item {} '{}' is not a number", item, v));
        values.push_back(x);
        if (end == text.size()) break;
        start = end + 1;
    }
    return values;
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
                        "an area file, or from-data (every force and district in the files)");
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

// District name -> GSS code, for the districts --areas from-data finds (ONS's lookup, in data/).
std::map<std::string, std::string> shipped_district_codes() {
    std::string codes = data_dir() + "/lookups/lad17-csp17-pfa17.csv";
    return fs::exists(codes) ? read_district_codes(codes) : std::map<std::string, std::string>{};
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
        opt.district_codes = shipped_district_codes();
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
        for (const auto& w : police.report.warnings) std::cerr << w << "\n";  // even if --quiet
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

std::unique_ptr<store::Database> open_store(const std::string& target) {
    auto db = store::open_database(target);
    store::migrate(*db);
    return db;
}

std::string current_user() {
    if (const char* u = std::getenv("USER")) return u;
    return "command line";
}

void print_summary(const store::ImportSummary& s) {
    for (const auto& line : s.lines) std::cerr << "  " << line << "\n";
}

// `import`: every kind of input given, each in its own transaction, in dependency order.
void import_into(store::Database& db, const InputOptions& in, const std::string& user) {
    bool from_data = in.areas == "from-data";
    if (!in.areas.empty() && !from_data)
        store::save_force(db, read_area_file(area_file_path(in.areas)));
    if (from_data && in.police_uk.empty())
        throw std::runtime_error("--areas from-data needs --police-uk files to find the areas in");
    if (!in.indicators.empty())
        print_summary(store::import_indicator_catalogue(db, in.indicators, user));
    if (!in.population.empty())
        print_summary(store::import_population_file(db, in.population, user));
    if (!in.breaks.empty()) print_summary(store::import_breaks_file(db, in.breaks, user));
    if (!in.police_uk.empty()) {
        LsoaLookup lookup;
        store::PoliceUkStoreImport how;
        if (!in.lsoa_lookup.empty()) {
            lookup = read_lsoa_lookup(in.lsoa_lookup);
            how.lookup = &lookup;
        }
        how.from_data = from_data;
        if (from_data) how.district_codes = shipped_district_codes();
        how.threads = in.threads;
        auto summary = store::import_police_uk_files(db, in.police_uk, user, how);
        if (in.quiet)
            std::cerr << fmt::format("{} police.uk files imported, {} already in.\n",
                                     summary.files_imported, summary.files_already_in);
        else
            print_summary(summary);
    }
    if (!in.counts.empty()) print_summary(store::import_counts_file(db, in.counts, user));
}

// The Norfolk demo: the area file, population and the real police.uk files shipped in data/.
void load_demo(store::Database& db) {
    InputOptions in;
    in.areas = "norfolk";
    in.population = data_dir() + "/population/MYE2_persons_mid2019_LAD2020.csv";
    for (const char* set : {"norfolk-street-2018-10_2019-02", "norfolk-street-2024-01_2024-04",
                            "norfolk-street-2025"})
        in.police_uk.push_back(data_dir() + "/police-uk/" + set);
    import_into(db, in, "demo");
    // A second force with 60 real consecutive months: the Norfolk months shipped are too few for a
    // Long Term Average (48 months), so the demo shows averages, significance and SPC signals on
    // the City of London's (docs/indicators.md).
    InputOptions city;
    city.areas = "city-of-london";
    city.police_uk.push_back(data_dir() + "/police-uk/city-of-london-street-2017-2021");
    import_into(db, city, "demo");
    load_demo_plans(db, data_dir());
    print_summary(
        store::load_services_file(db, data_dir() + "/demo/commissioned-services.json", "demo"));
    print_lines(store::load_demo_accountability(db, data_dir()));
    print_lines(store::load_demo_panels(db, data_dir()));
    std::cerr << store::load_demo_work_programme(db, data_dir()) << "\n";
    print_lines(store::ensure_bank_holidays(db, shipped_bank_holidays()));
    store::load_case_review_file(db, data_dir() + "/demo/case-reviews.json");
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

    std::string database;
    indicators->add_option("--database", database,
                           "Read from this database (SQLite file or postgresql:// URL) instead "
                           "of files");

    InputOptions iin;
    std::string i_database, i_user = current_user();
    auto* import =
        app.add_subcommand("import", "Import files into a database (one transaction each)");
    iin.add_to(import);
    import
        ->add_option("--database", i_database,
                     "SQLite file (created if missing) or postgresql:// URL")
        ->required();
    import->add_option("--user", i_user, "Who is importing, for the import log");

    std::string l_database;
    auto* imports = app.add_subcommand("imports", "List the import log of a database");
    imports->add_option("--database", l_database, "SQLite file or postgresql:// URL")->required();

    std::string d_database;
    auto* demo = app.add_subcommand("demo", "Create a database with the Norfolk demo data");
    demo->add_option("--database", d_database, "SQLite file or postgresql:// URL")->required();

    std::string bk_database, bk_file;
    auto* backup = app.add_subcommand(
        "backup",
        "Copy a whole database to a backup file, consistent while it is in use (SQLite's online "
        "backup; pg_dump for PostgreSQL)");
    backup->add_option("--database", bk_database, "SQLite file or postgresql:// URL")->required();
    backup->add_option("file", bk_file, "The backup file to write (replaced if it exists)")
        ->required();
    std::string rs_database, rs_file;
    auto* restore = app.add_subcommand(
        "restore",
        "Replace a whole database by a backup: the backup is checked first, and the store is "
        "replaced in one transaction or not at all");
    restore->add_option("--database", rs_database, "SQLite file or postgresql:// URL")->required();
    restore->add_option("file", rs_file, "The backup file (made by scrutineer backup)")->required();

    std::string s_database = "scrutineer.db", s_address = "127.0.0.1";
    unsigned short s_port = 8080;
    unsigned s_threads = 0;
    bool s_demo = false;
    std::vector<std::string> s_trusted_proxies;
    auto* serve = app.add_subcommand("serve", "Run the web application");
    serve
        ->add_option("--database", s_database,
                     "SQLite file (created if missing) or postgresql:// URL")
        ->capture_default_str();
    serve->add_option("--port", s_port, "Port to listen on")->capture_default_str();
    serve->add_option("--address", s_address, "Address to listen on (0.0.0.0 for every interface)")
        ->capture_default_str();
    serve->add_option("--threads", s_threads, "Server threads (default: all cores)");
    serve->add_flag("--demo", s_demo, "Load the Norfolk demo data first if the database is empty");
    serve->add_option("--trusted-proxy", s_trusted_proxies,
                      "A proxy in front of scrutineer whose X-Forwarded-For is believed (an IP "
                      "address; repeat, or separate by commas); without it the header is ignored");
    std::string s_public_url;
    size_t s_max_connections = 1000, s_max_per_address = 100;
    serve->add_option("--public-url", s_public_url,
                      "Where users reach the site, like https://scrutiny.example.gov.uk: the "
                      "start of absolute links (calendar feeds), never taken from requests "
                      "(default: http://localhost:PORT)");
    serve
        ->add_option("--max-connections", s_max_connections,
                     "Connections held at once; at it the longest idle one is closed for a new "
                     "one, or with none idle the new one is answered 503 (lowered to fit the "
                     "open file limit)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    serve
        ->add_option("--max-connections-per-address", s_max_per_address,
                     "Connections held at once from one address, beyond it 503 (0: no limit; "
                     "a --trusted-proxy counts towards the total only)")
        ->capture_default_str();

    std::string u_database, u_username, u_name, u_role;
    auto* user = app.add_subcommand("user", "Manage the users who can sign in");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand(
        "add", "Add a user; the password is read from standard input (one line)");
    user_add->add_option("--database", u_database, "SQLite file or postgresql:// URL")->required();
    user_add->add_option("--username", u_username, "a-z 0-9 . _ -, 3 to 64 characters")->required();
    user_add->add_option("--name", u_name, "The person's full name")->required();
    user_add->add_option("--role", u_role, "panel_member, officer, case_worker or administrator")
        ->required()
        ->check(CLI::IsMember({"panel_member", "officer", "case_worker", "administrator"}));
    auto* user_list = user->add_subcommand("list", "List the users");
    user_list->add_option("--database", u_database, "SQLite file or postgresql:// URL")->required();
    auto* user_role = user->add_subcommand(
        "role", "Change a user's role (written to the audit log; takes effect at once)");
    auto* user_disable = user->add_subcommand(
        "disable", "Stop a user signing in and end their sessions (written to the audit log)");
    auto* user_enable = user->add_subcommand(
        "enable", "Let a disabled user sign in again (written to the audit log)");
    for (auto* sub : {user_role, user_disable, user_enable}) {
        sub->add_option("--database", u_database, "SQLite file or postgresql:// URL")->required();
        sub->add_option("--username", u_username, "The user's username")->required();
    }
    user_role->add_option("--role", u_role, "panel_member, officer, case_worker or administrator")
        ->required()
        ->check(CLI::IsMember({"panel_member", "officer", "case_worker", "administrator"}));

    InputOptions sin;
    std::string s_indicator, s_area, s_from, s_to, s_output;
    auto* series = app.add_subcommand("series", "The monthly series behind one cell, as CSV");
    sin.add_to(series);
    series->add_option("--indicator", s_indicator, "Indicator name")->required();
    series->add_option("--area", s_area, "Area code or name")->required();
    series->add_option("--from", s_from, "First month (default: the series' first)");
    series->add_option("--to", s_to, "Last month (default: the series' last)");
    series->add_option("--output,-o", s_output, "Write to this file instead of standard output");

    std::string spc_values, spc_baseline, spc_improvement = "neither", spc_format = "text";
    auto* spc = app.add_subcommand(
        "spc",
        "An XmR chart (statistical process control) of a list of values (docs/indicators.md)");
    spc->add_option("--values", spc_values, "The values in time order, like 12,15,11")->required();
    spc->add_option("--baseline", spc_baseline,
                    "The first N values set the mean and limits (default: all of them)");
    spc->add_option("--improvement", spc_improvement,
                    "Which way is better: increase, decrease or neither (default: neither, "
                    "which judges nothing)");
    spc->add_option("--format", spc_format, "text (default) or csv")
        ->check(CLI::IsMember({"text", "csv"}));

    InputOptions fin;
    std::string f_database, f_indicator, f_month, f_force, f_format = "text", f_output;
    auto* funnel = app.add_subcommand(
        "funnel", "Districts' rates per 1,000 residents against the force's, with funnel limits");
    fin.add_to(funnel);
    funnel->add_option(
        "--database", f_database,
        "Read from this database (SQLite file or postgresql:// URL) instead of files");
    funnel->add_option("--indicator", f_indicator, "Indicator name (a count or composite)")
        ->required();
    funnel->add_option("--month", f_month,
                       "Period end YYYY-MM (default: the force's latest month in the data)");
    funnel->add_option("--force", f_force,
                       "Force code or name (default: the first force with two or more districts)");
    funnel->add_option("--format", f_format, "text or csv")->check(CLI::IsMember({"text", "csv"}));
    funnel->add_option("--output,-o", f_output, "Write to this file instead of standard output");

    std::string c_from, c_working_days, c_days, c_holidays;
    bool c_beginning_with = false, c_explain = false;
    auto* clock = app.add_subcommand(
        "clock",
        "A deadline: the Nth working day after a date, or the Nth day after it (docs/clocks.md)");
    clock->add_option("--from", c_from, "The date counted from, YYYY-MM-DD (day 0)");
    clock->add_option("--working-days", c_working_days,
                      "Working days after --from (weekdays that are not bank holidays)");
    clock->add_option("--days", c_days, "Calendar days after --from");
    clock->add_flag("--beginning-with", c_beginning_with,
                    "With --days: count --from itself as day 1 (\"N days beginning with\")");
    clock->add_option("--holidays", c_holidays,
                      "Bank holidays file in GOV.UK's format (default: the one shipped)");
    clock->add_flag("--explain", c_explain, "Also print the workings on a second line");

    std::string b_database = "scrutineer.db", b_role = "public";
    int64_t b_meeting = 0;
    auto* bulletin = app.add_subcommand(
        "bulletin", "A Police and Crime Panel meeting's information bulletin as text");
    bulletin->add_option("--database", b_database, "SQLite file or postgresql:// URL");
    bulletin->add_option("--meeting", b_meeting, "The meeting's id")->required();
    bulletin->add_option("--as", b_role,
                         "Show it as this role sees it: public (default), panel_member, officer, "
                         "case_worker or administrator");

    std::string h_database = "scrutineer.db", h_file;
    int h_year = 0;
    auto* holidays = app.add_subcommand("holidays", "The England and Wales bank holidays");
    holidays->require_subcommand(1);
    auto* holidays_import = holidays->add_subcommand(
        "import", "Replace a database's bank holidays with a file in GOV.UK's format");
    holidays_import->add_option("file", h_file, "bank-holidays.json from GOV.UK")->required();
    holidays_import
        ->add_option("--database", h_database,
                     "SQLite file (created if missing) or postgresql:// URL")
        ->capture_default_str();
    std::string hl_database;
    auto* holidays_list = holidays->add_subcommand(
        "list", "List the bank holidays of a database (or, without one, of the shipped file)");
    holidays_list->add_option("--database", hl_database, "SQLite file or postgresql:// URL");
    holidays_list->add_option("--year", h_year, "Only this year");

    std::string sv_database, sv_file;
    int64_t sv_service = 0;
    auto* services = app.add_subcommand("services", "Commissioned services");
    services->require_subcommand(1);
    auto* services_returns =
        services->add_subcommand("import-returns",
                                 "Record a service's questionnaire returns from a CSV file "
                                 "(participant,stage,item1..item10); all of them or none");
    services_returns->add_option("file", sv_file, "The CSV file of returns")->required();
    services_returns->add_option("--database", sv_database, "SQLite file or postgresql:// URL")
        ->required();
    services_returns->add_option("--service", sv_service, "The service's id (as in /services/ID)")
        ->required();

    auto* asb = app.add_subcommand(
        "asb", "ASB Case Reviews (the Community Trigger): the threshold, the clocks, anonymising");
    asb->require_subcommand(1);
    std::string ac_file;
    auto* asb_check = asb->add_subcommand(
        "check", "Whether an application meets the threshold, as JSON (docs/asb-case-review.md)");
    asb_check->add_option("file", ac_file, "The application as JSON (docs/data-formats.md)")
        ->required();
    std::string at_received, at_panel, at_letter, at_database;
    bool at_workings = false;
    auto* asb_timeline = asb->add_subcommand(
        "timeline", "The due dates of an ASB Case Review from its dates, as JSON");
    asb_timeline->add_option("--received", at_received,
                             "The day the application was received, YYYY-MM-DD");
    asb_timeline->add_option("--panel", at_panel,
                             "The review panel's date: the outcome letter's due");
    asb_timeline->add_option("--outcome-letter", at_letter,
                             "The date of the letter appealed against: the appeal window");
    asb_timeline->add_option("--database", at_database,
                             "Use this database's bank holidays and settings (SQLite file or "
                             "postgresql:// URL; default: the shipped holidays and Norfolk's "
                             "settings)");
    asb_timeline->add_flag("--workings", at_workings,
                           "Also give each date's workings (KEY_workings)");
    std::string aa_today, aa_database = "scrutineer.db";
    auto* asb_anonymise = asb->add_subcommand(
        "anonymise", "Remove the personal data of cases closed longer than the retention period");
    asb_anonymise->add_option("--today", aa_today, "The day to count from (default: today, UTC)");
    asb_anonymise->add_option("--database", aa_database, "SQLite file or postgresql:// URL")
        ->capture_default_str();

    // `report`: the documents the panels publish, in every format (docs/reports.md).
    std::string r_kind, r_database = "scrutineer.db", r_format, r_output, r_today, r_period;
    std::string r_as, r_letter;
    int64_t r_meeting = 0, r_case = 0;
    int r_year = 0;
    bool r_public = false;
    auto* report = app.add_subcommand(
        "report",
        "A published document (the performance monitoring report, agenda, minutes, "
        "information bulletin, complaints monitoring report, forward work programme, ASB Case "
        "Review figures and letters) as HTML, PDF, DOCX or XLSX");
    report->add_option("kind", r_kind, "What to make")
        ->required()
        ->check(CLI::IsMember(report::report_kinds()));
    report->add_option("--database", r_database, "SQLite file or postgresql:// URL")
        ->capture_default_str();
    report->add_option("--meeting", r_meeting,
                       "For the kinds made for a meeting (performance, agenda, minutes, "
                       "bulletin, complaints, work-programme): the meeting's id (default: the "
                       "Police and Crime Panel's next scheduled meeting)");
    auto* r_public_flag =
        report->add_flag("--public", r_public,
                         "The public version: every exempt and confidential item left out "
                         "(the same as --as public)");
    report
        ->add_option("--as", r_as,
                     "The role the document is made for: public, panel_member, officer, "
                     "case_worker or administrator (default: officer, whose version marks "
                     "exempt and confidential items)")
        ->check(
            CLI::IsMember({"public", "panel_member", "officer", "case_worker", "administrator"}))
        ->excludes(r_public_flag);
    report->add_option("--year", r_year,
                       "asb-figures: the financial year starting in April of this year, like "
                       "2025 for 2025-26 (default: the latest year with applications)");
    report->add_option("--case", r_case, "asb-letter: the case's id");
    report->add_option("--letter", r_letter,
                       "asb-letter: which letter of the case, A, B, C(i), C(ii), D or E (its "
                       "latest of that kind); needs --as case_worker or administrator");
    report->add_option("--format", r_format, "html, pdf, docx or xlsx")
        ->required()
        ->check(CLI::IsMember({"html", "pdf", "docx", "xlsx"}));
    report->add_option("--output", r_output, "The file to write (- for standard output)")
        ->required();
    report->add_option("--today", r_today,
                       "The day the next meeting is counted from, and the day asb-figures "
                       "counts reviews held and steps overdue on (default: today, UTC)");
    report->add_option("--period", r_period,
                       "performance: the month the indicator tables end in, YYYY-MM (default: "
                       "the latest month with data before the meeting)");

    CLI11_PARSE(app, argc, argv);
    try {
        if (*indicators) {
            if (database.empty() && in.areas.empty())
                throw std::runtime_error(
                    "indicators: give --database, or --areas with input files");
            Dataset data =
                database.empty() ? load_dataset(in) : store::load_dataset(*open_store(database));
            Month end = period_end(data, month);
            TableFormat f;
            parse_table_format(format, f);
            write_output(render_indicator_tables(data, compute_tables(data, end), f), output);
        } else if (*import) {
            auto db = open_store(i_database);
            import_into(*db, iin, i_user);
        } else if (*imports) {
            auto db = open_store(l_database);
            std::cout << "id,kind,source,checksum,rows,imported_by,imported_at\n";
            for (const auto& e : store::import_log(*db))
                std::cout << fmt::format("{},{},{},{},{},{},{}\n", e.id, csv_field(e.kind),
                                         csv_field(e.source), csv_field(e.checksum), e.rows,
                                         csv_field(e.imported_by), csv_field(e.imported_at));
        } else if (*serve) {
            auto trusted_proxies = web::trusted_proxy_addresses(s_trusted_proxies);  // before all
            {
                auto db = open_store(s_database);
                // The bank holidays shipped with scrutineer are no reason not to load the demo.
                auto log = store::import_log(*db);
                if (s_demo && std::all_of(log.begin(), log.end(), [](const auto& e) {
                        return e.kind == "bank_holidays";
                    })) {
                    spdlog::info("loading the Norfolk demo data into {}", s_database);
                    load_demo(*db);
                }
                print_lines(store::ensure_bank_holidays(*db, shipped_bank_holidays()));
            }
            web::AppOptions options;
            options.database = s_database;
            std::string web = env_or("SCRUTINEER_WEB_DIR", SCRUTINEER_WEB_DIR);
            options.templates_dir = web + "/templates";
            options.static_dir = web + "/static";
            options.govuk_dir = env_or("SCRUTINEER_GOVUK_DIR", SCRUTINEER_GOVUK_DIR);
            options.public_url =
                s_public_url.empty() ? fmt::format("http://localhost:{}", s_port) : s_public_url;
            web::App application(options);
            web::ServerOptions server_options;
            server_options.address = s_address;
            server_options.port = s_port;
            server_options.threads = s_threads;
            server_options.trusted_proxies = trusted_proxies;
            server_options.max_connections = s_max_connections;
            server_options.max_connections_per_address = s_max_per_address;
            web::Server server(server_options,
                               [&](const web::Request& r) { return application.handle(r); });
            spdlog::info("scrutineer is serving {} at http://{}:{}/", s_database,
                         s_address == "0.0.0.0" ? "localhost" : s_address, s_port);
            server.run(true);
        } else if (*user_add) {
            std::string password;
            std::getline(std::cin, password);
            if (!password.empty() && password.back() == '\r') password.pop_back();
            auto db = open_store(u_database);
            try {
                auto u = store::create_user(*db, u_username, u_name, *parse_role(u_role), password,
                                            current_user() + " (command line)");
                std::cerr << fmt::format("Added {} ({}) as {}.\n", u.username, u.display_name,
                                         to_string(u.role));
            } catch (const std::invalid_argument& e) {
                throw std::runtime_error(std::string("user add: ") + e.what());
            }
        } else if (*user_list) {
            auto db = open_store(u_database);
            std::cout << "username,name,role,can_sign_in\n";
            for (const auto& u : store::list_users(*db))
                std::cout << fmt::format("{},{},{},{}\n", csv_field(u.username),
                                         csv_field(u.display_name), to_string(u.role),
                                         u.disabled ? "no" : "yes");
        } else if (*user_role || *user_disable || *user_enable) {
            auto db = open_store(u_database);
            std::string actor = current_user() + " (command line)";
            try {
                if (*user_role)
                    store::set_role(*db, u_username, *parse_role(u_role), actor);
                else
                    store::set_disabled(*db, u_username, bool(*user_disable), actor);
            } catch (const std::invalid_argument& e) {
                throw std::runtime_error(fmt::format("user {}: {}",
                                                     (*user_role      ? "role"
                                                      : *user_disable ? "disable"
                                                                      : "enable"),
                                                     e.what()));
            }
            auto u = *store::find_user(*db, u_username);
            std::cerr << fmt::format("{} ({}) is {} and {}.\n", u.username, u.display_name,
                                     to_string(u.role),
                                     u.disabled ? "cannot sign in" : "can sign in");
        } else if (*clock) {
            auto from = parse_date(c_from);
            if (c_from.empty()) throw std::runtime_error("clock: give --from YYYY-MM-DD");
            if (!from)
                throw std::runtime_error(
                    fmt::format("--from: '{}' is not a date (YYYY-MM-DD)", c_from));
            if (c_working_days.empty() == c_days.empty())
                throw std::runtime_error("clock: give one of --working-days N or --days N");
            if (c_beginning_with && c_days.empty())
                throw std::runtime_error("clock: --beginning-with goes with --days");
            BankHolidays list;
            if (!c_working_days.empty()) {
                std::string file = c_holidays.empty() ? shipped_bank_holidays() : c_holidays;
                try {
                    list = read_bank_holidays_file(file);
                } catch (const InputError& e) {
                    throw std::runtime_error(std::string("--holidays: ") + e.what());
                }
            }
            Deadline d;
            try {
                if (!c_working_days.empty())
                    d = working_days_after(*from, parse_count("--working-days", c_working_days),
                                           list);
                else if (c_beginning_with)
                    d = days_beginning_with(*from, parse_count("--days", c_days));
                else
                    d = days_after(*from, parse_count("--days", c_days));
            } catch (const std::invalid_argument& e) {
                throw std::runtime_error(fmt::format(
                    "{}: {}", c_working_days.empty() ? "--days" : "--working-days", e.what()));
            }
            std::cout << to_string(d.due) << "\n";
            if (c_explain) std::cout << workings(d) << "\n";
        } else if (*bulletin) {
            auto role = parse_role(b_role);
            if (!role) throw std::runtime_error(fmt::format("--as: '{}' is not a role", b_role));
            auto db = open_store(b_database);
            auto meeting = store::load_meeting(*db, b_meeting, *role);
            if (!meeting)
                throw std::runtime_error(
                    fmt::format("--meeting: there is no meeting {}", b_meeting));
            auto panel = store::load_panel(*db, meeting->panel_id);
            if (!panel || panel->kind != PanelKind::police_and_crime_panel)
                throw std::runtime_error(fmt::format(
                    "--meeting: meeting {} is not a Police and Crime Panel's", b_meeting));
            auto all = store::load_meetings(*db, panel->id, *role);
            auto previous = previous_bulletin_meeting(all, *meeting);
            auto b = information_bulletin(*meeting, previous,
                                          store::load_bulletin_sources(*db, *role, all), *role);
            std::cout << bulletin_text(b, panel->name, *meeting, previous);
        } else if (*holidays_import) {
            BankHolidays list = read_bank_holidays_file(h_file);
            auto db = open_store(h_database);
            print_lines(
                store::import_bank_holidays(*db, list, h_file, current_user() + " (command line)"));
        } else if (*holidays_list) {
            BankHolidays list = hl_database.empty()
                                    ? read_bank_holidays_file(shipped_bank_holidays())
                                    : store::load_bank_holidays(*open_store(hl_database));
            std::cout << "date,title\n";
            for (const auto& h : list.list())
                if (h_year == 0 || h.date.year() == h_year)
                    std::cout << to_string(h.date) << "," << csv_field(h.title) << "\n";
        } else if (*services_returns) {
            auto returns = read_questionnaire_returns(sv_file);
            auto db = open_store(sv_database);
            try {
                auto saved = store::import_questionnaire_returns(
                    *db, sv_service, returns, current_user() + " (command line)", sv_file);
                std::cerr << fmt::format("{}: {} returns: {} added, {} replaced, {} unchanged\n",
                                         sv_file, returns.size(), saved.added, saved.replaced,
                                         saved.unchanged);
            } catch (const std::invalid_argument& e) {
                throw std::runtime_error(
                    fmt::format("services import-returns: {}\nNothing was "
                                "imported.",
                                e.what()));
            }
        } else if (*asb_check) {
            CaseReviewApplication a;
            try {
                a = read_case_review_application(ac_file);
            } catch (const InputError& e) {
                throw std::runtime_error(e.what());  // nothing is imported: no "Nothing was"
            }
            ThresholdDecision d = assess_threshold(a.application_date, a.complaints, a.rules);
            nlohmann::ordered_json out;
            out["threshold_met"] = d.threshold_met;
            out["qualifying"] = d.qualifying;
            out["rule"] = d.rule;
            out["complaints"] = nlohmann::ordered_json::array();
            for (const auto& v : d.complaints)
                out["complaints"].push_back(nlohmann::ordered_json{
                    {"incident", v.incident}, {"qualifies", v.qualifies}, {"reason", v.reason}});
            std::cout << out.dump() << "\n";
        } else if (*asb_timeline) {
            auto date_option = [](const std::string& option,
                                  const std::string& text) -> std::optional<CalendarDate> {
                if (text.empty()) return std::nullopt;
                auto d = parse_date(text);
                if (!d)
                    throw std::runtime_error(
                        fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", option, text));
                return d;
            };
            if (at_received.empty())
                throw std::runtime_error("asb timeline: give --received YYYY-MM-DD");
            CalendarDate received = *date_option("--received", at_received);
            auto panel = date_option("--panel", at_panel);
            auto letter = date_option("--outcome-letter", at_letter);
            if (panel && *panel < received)
                throw std::runtime_error(fmt::format("--panel: {} is before --received {}",
                                                     to_string(*panel), to_string(received)));
            if (letter && *letter < received)
                throw std::runtime_error(fmt::format("--outcome-letter: {} is before --received {}",
                                                     to_string(*letter), to_string(received)));
            CaseReviewClockRules rules;
            BankHolidays list;
            if (!at_database.empty()) {
                auto db = open_store(at_database);
                rules = store::load_case_review_settings(*db).clocks;
                list = store::load_bank_holidays(*db);
            }
            if (list.empty()) list = read_bank_holidays_file(shipped_bank_holidays());
            auto t = case_review_timeline(received, panel, letter, rules, list);
            nlohmann::ordered_json out;
            auto put = [&](const char* key, const Deadline& d) {
                out[key] = to_string(d.due);
                if (at_workings) out[std::string(key) + "_workings"] = workings(d);
            };
            put("acknowledgement_due", t.acknowledgement_due);
            put("threshold_decision_due", t.threshold_decision_due);
            put("review_expected_by", t.review_expected_by);
            if (t.outcome_letter_due) put("outcome_letter_due", *t.outcome_letter_due);
            if (t.appeal_by) put("appeal_by", *t.appeal_by);
            std::cout << out.dump() << "\n";
        } else if (*asb_anonymise) {
            CalendarDate today = date_of(std::chrono::system_clock::now());
            if (!aa_today.empty()) {
                auto d = parse_date(aa_today);
                if (!d)
                    throw std::runtime_error(
                        fmt::format("--today: '{}' is not a date (YYYY-MM-DD)", aa_today));
                today = *d;
            }
            auto db = open_store(aa_database);
            int months = store::load_case_review_settings(*db).retention_months;
            auto done =
                store::anonymise_closed_cases(*db, today, current_user() + " (command line)");
            for (const auto& reference : done) std::cout << reference << "\n";
            std::cerr << fmt::format(
                "Anonymised {} {}: closed at least {} months before {} (the retention "
                "period).\n",
                done.size(), done.size() == 1 ? "case" : "cases", months, to_string(today));
        } else if (*report) {
            auto db = open_store(r_database);
            Role viewer = r_public       ? Role::public_user
                          : r_as.empty() ? Role::officer
                                         : *parse_role(r_as);
            CalendarDate today = date_of(std::chrono::system_clock::now());
            if (!r_today.empty()) {
                auto d = parse_date(r_today);
                if (!d)
                    throw std::runtime_error(
                        fmt::format("--today: '{}' is not a date (YYYY-MM-DD)", r_today));
                today = *d;
            }
            std::optional<int64_t> meeting;
            if (report::made_for_a_meeting(r_kind))
                meeting =
                    r_meeting != 0 ? r_meeting : report::next_panel_meeting(*db, viewer, today);
            else if (r_meeting != 0)
                throw std::runtime_error(
                    fmt::format("--meeting: the {} is not made for a meeting", r_kind));
            report::ReportRequest request{r_kind, viewer, meeting, std::nullopt, nullptr};
            request.today = today;
            if (r_year != 0) request.year = r_year;
            if (r_case != 0) request.case_id = r_case;
            request.letter = r_letter;
            if (!r_period.empty()) {
                request.period = parse_month(r_period);
                if (!request.period)
                    throw std::runtime_error(
                        fmt::format("--period: '{}' is not a month (YYYY-MM)", r_period));
            }
            Dataset data;
            if (report::needs_indicator_data(r_kind)) {
                data = store::load_dataset(*db);
                request.data = &data;
            }
            doc::Document document = report::make_report(*db, request).document;
            write_output(report::render(document, *report::parse_report_format(r_format)),
                         r_output);
        } else if (*backup) {
            auto done = store::backup_store(bk_database, bk_file);
            std::cerr << fmt::format("Backed up {} to {} ({:.1f} MB, schema version {}).\n",
                                     store::without_password(bk_database), bk_file,
                                     done.bytes / 1e6, done.schema_version);
        } else if (*restore) {
            auto done = store::restore_store(rs_database, rs_file);
            std::cerr << fmt::format(
                "Restored {} from {} (schema version {}): the store is now as it was when the "
                "backup was made.\n",
                store::without_password(rs_database), rs_file, done.schema_version);
        } else if (*demo) {
            auto db = open_store(d_database);
            load_demo(*db);
        } else if (*spc) {
            auto values = parse_spc_values(spc_values);
            auto improvement = parse_improvement(spc_improvement);
            if (!improvement)
                throw std::runtime_error(fmt::format(
                    "--improvement: '{}' is not increase, decrease or neither", spc_improvement));
            size_t baseline = 0;
            if (!spc_baseline.empty()) {
                const char* end = spc_baseline.data() + spc_baseline.size();
                auto [ptr, ec] = std::from_chars(spc_baseline.data(), end, baseline);
                if (ec != std::errc() || ptr != end)
                    throw std::runtime_error(
                        fmt::format("--baseline: '{}' is not a whole number", spc_baseline));
                if (baseline < 2 || baseline > values.size())
                    throw std::runtime_error(fmt::format(
                        "--baseline: {} is not a number of values from 2 to the {} given", baseline,
                        values.size()));
            }
            XmrChart chart;
            try {
                chart = xmr_chart(values, baseline, *improvement);
            } catch (const std::invalid_argument& e) {
                throw std::runtime_error(std::string("--values: ") + e.what());
            }
            std::cout << (spc_format == "csv" ? render_spc_csv(chart)
                                              : render_spc_text(chart, *improvement));
        } else if (*series) {
            if (sin.areas.empty()) throw std::runtime_error("series: give --areas");
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
        } else if (*funnel) {
            if (f_database.empty() && fin.areas.empty())
                throw std::runtime_error("funnel: give --database, or --areas with input files");
            Dataset data = f_database.empty() ? load_dataset(fin)
                                              : store::load_dataset(*open_store(f_database));
            const IndicatorDefinition* ind = data.find_indicator(f_indicator);
            if (!ind)
                throw std::runtime_error("--indicator: no indicator named '" + f_indicator + "'");
            // Unless --force says, the first force with two or more districts (a force of one
            // district, the City of London, has none to compare), else the first force.
            size_t force = data.areas.size();
            for (size_t a = 0; a < data.areas.size(); ++a) {
                if (data.areas[a].level != AreaLevel::force) continue;
                if (force == data.areas.size()) force = a;
                if (std::count_if(data.areas.begin(), data.areas.end(), [&](const Area& d) {
                        return d.level == AreaLevel::district && d.force == a;
                    }) >= 2) {
                    force = a;
                    break;
                }
            }
            if (!f_force.empty()) force = find_area(data, f_force);
            if (force >= data.areas.size() || data.areas[force].level != AreaLevel::force)
                throw std::runtime_error(fmt::format("--force: '{}' is not a force", f_force));
            // By default the force's own latest month: forces publish up to different months.
            std::optional<Month> end = data.latest_month_of_force(force);
            if (!f_month.empty() || !end) end = period_end(data, f_month);
            FunnelPlot plot = funnel_plot(data, *ind, *end, force);
            write_output(
                f_format == "csv" ? render_funnel_csv(data, plot) : render_funnel_text(data, plot),
                f_output);
        }
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\nNothing was imported.\n";
        return 2;
    } catch (const store::DatabaseError& e) {
        std::cerr << "error: " << e.what() << "\nNothing was changed.\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
