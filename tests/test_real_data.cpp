// The engine against an independent computation on the real police.uk files shipped in data/:
// the test reads the gzip files itself line by line, splits the CSV with its own small state
// machine, loads the rows into SQLite and counts with SQL (the district from the LSOA name with
// SQL's rtrim, or by joining the ONS lookup), then compares every cell of the engine's CSV.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <zlib.h>

#include <fmt/format.h>
#include <cmath>
#include <filesystem>
#include <map>

#include "scrutineer/csv.hpp"
#include "scrutineer/dataset_builder.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/police_uk_import.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace scrutineer;

namespace {

// Splits one CSV record that may continue over several physical lines.
std::vector<std::string> split_record(gzFile g, std::string line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (;;) {
        for (size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            if (quoted) {
                if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                    out.back() += '"';
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    out.back() += c;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.emplace_back();
            } else if (c != '\r' && c != '\n') {
                out.back() += c;
            }
        }
        if (!quoted) return out;
        char buf[65536];
        if (!gzgets(g, buf, sizeof buf)) return out;
        out.back() += '\n';
        line = buf;
    }
}

struct Sql {
    sqlite3* db = nullptr;
    Sql() {
        sqlite3_open(":memory:", &db);
        exec(
            "CREATE TABLE crime(month TEXT, force TEXT, lsoa_code TEXT, lsoa_name TEXT, type "
            "TEXT)");
        exec("CREATE TABLE lookup(lsoa_code TEXT PRIMARY KEY, district TEXT)");
    }
    ~Sql() { sqlite3_close(db); }
    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string e = err ? err : "?";
            sqlite3_free(err);
            throw std::runtime_error(e);
        }
    }
    void load_dir(const std::string& dir) {
        exec("BEGIN");
        sqlite3_stmt* st;
        sqlite3_prepare_v2(db, "INSERT INTO crime VALUES (?,?,?,?,?)", -1, &st, nullptr);
        for (auto& e : fs::directory_iterator(dir)) {
            if (e.path().string().find(".csv.gz") == std::string::npos) continue;
            gzFile g = gzopen(e.path().c_str(), "rb");
            char buf[65536];
            bool header = true;
            while (gzgets(g, buf, sizeof buf)) {
                auto f = split_record(g, buf);
                if (header) {
                    header = false;
                    continue;
                }
                if (f.size() != 12) throw std::runtime_error("bad row in " + e.path().string());
                int col = 1;
                for (int i : {1, 3, 7, 8, 9})
                    sqlite3_bind_text(st, col++, f[static_cast<size_t>(i)].c_str(), -1,
                                      SQLITE_TRANSIENT);
                sqlite3_step(st);
                sqlite3_reset(st);
            }
            gzclose(g);
        }
        sqlite3_finalize(st);
        exec("COMMIT");
    }
    void load_lookup(const std::string& path) {
        auto records = parse_csv(read_file(path), path);
        exec("BEGIN");
        for (size_t i = 1; i < records.size(); ++i)
            exec(fmt::format("INSERT INTO lookup VALUES ('{}', '{}')", records[i].fields[0],
                             records[i].fields[3] == "King's Lynn and West Norfolk"
                                 ? "King''s Lynn and West Norfolk"
                                 : records[i].fields[3]));
        exec("COMMIT");
    }
    // (area name, type) -> (l12, lta sum, months present in the 48-month window)
    std::map<std::pair<std::string, std::string>, std::array<int64_t, 3>> cells(
        const std::string& district_expr, Month end) {
        std::string l12_from = to_string(end - 11), to = to_string(end),
                    lta_from = to_string(end - 47), lta_to = to_string(end - 12);
        std::string sql = fmt::format(R"(
            WITH rows AS (
              SELECT month, type, {0} AS district FROM crime c),
            typed AS (
              SELECT month, type, district FROM rows
              UNION ALL SELECT month, 'All crime', district FROM rows WHERE type <> 'Anti-social behaviour'),
            areas AS (
              SELECT month, type, '' AS area FROM typed
              UNION ALL SELECT month, type, district FROM typed WHERE district IS NOT NULL)
            SELECT area, type,
              SUM(month BETWEEN '{1}' AND '{2}'),
              SUM(month BETWEEN '{3}' AND '{4}'),
              (SELECT COUNT(DISTINCT month) FROM crime WHERE month BETWEEN '{3}' AND '{2}')
            FROM areas GROUP BY area, type)",
                                      district_expr, l12_from, to, lta_from, lta_to);
        std::map<std::pair<std::string, std::string>, std::array<int64_t, 3>> out;
        sqlite3_stmt* st;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
        while (sqlite3_step(st) == SQLITE_ROW) {
            out[{reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                 reinterpret_cast<const char*>(sqlite3_column_text(st, 1))}] = {
                sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
                sqlite3_column_int64(st, 4)};
        }
        sqlite3_finalize(st);
        return out;
    }
};

// The district from the LSOA name: strip the trailing LSOA suffix ("001A") and the space.
const char* kNamePrefix =
    "NULLIF(RTRIM(RTRIM(lsoa_name, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), ' '), '')";

std::vector<CsvRecord> engine_csv(const std::string& area_file,
                                  const std::vector<std::string>& dirs, Month end,
                                  const LsoaLookup* lookup = nullptr) {
    PoliceUkImportOptions opt;
    opt.forces = {read_area_file(area_file)};
    opt.lookup = lookup;
    auto police = import_police_uk(list_inputs(dirs), opt);
    DatasetSources src;
    src.police_uk = &police;
    Dataset data = build_dataset(src);
    std::string csv = render_indicator_tables(data, compute_tables(data, end), TableFormat::csv);
    return parse_csv(csv, "engine.csv");
}

// Compares every engine row with the SQL cells; returns the number of rows compared.
int compare(const std::vector<CsvRecord>& rows,
            const std::map<std::pair<std::string, std::string>, std::array<int64_t, 3>>& cells,
            bool expect_lta) {
    int compared = 0;
    for (size_t i = 1; i < rows.size(); ++i) {
        const auto& f = rows[i].fields;
        std::string area = f[0] == "force" ? "" : f[2];
        auto it = cells.find({area, f[3]});
        int64_t l12 = 0, lta_sum = 0;
        if (it != cells.end()) {
            l12 = it->second[0];
            lta_sum = it->second[1];
        }
        SCOPED_TRACE(fmt::format("{} {} {}", f[2], f[3], f[4]));
        EXPECT_EQ(f[5], std::to_string(l12));
        if (!expect_lta) {
            EXPECT_EQ(f[10], "insufficient_data");
            EXPECT_EQ(f[6], "");
            ++compared;
            continue;
        }
        EXPECT_EQ(f[10], "ok");
        EXPECT_EQ(f[6], fmt::format("{:.4f}", static_cast<double>(lta_sum) / 3.0));
        if (lta_sum > 0) {
            // Difference to one decimal, half away from zero, in integers: 1000 * (3*L12 - S) / S.
            int64_t num = 1000 * (3 * l12 - lta_sum);
            int64_t tenths = (std::llabs(num) * 2 + lta_sum) / (2 * lta_sum);
            std::string want =
                fmt::format("{}{}.{}", num < 0 && tenths ? "-" : "", tenths / 10, tenths % 10);
            EXPECT_EQ(f[7], want);
        } else {
            EXPECT_EQ(f[7], "");
        }
        double z = 2 * (std::sqrt(static_cast<double>(l12)) - std::sqrt(lta_sum / 3.0));
        EXPECT_NEAR(std::stod(f[9]), z, 0.005 + 1e-9);
        ++compared;
    }
    return compared;
}

}  // namespace

TEST(RealData, CityOfLondonSixtyMonthsAgainstSql) {
    std::string dir = test::data_dir() + "/police-uk/city-of-london-street-2017-2021";
    Sql sql;
    sql.load_dir(dir);
    int compared = 0;
    // Every period end with a full 48 months: December 2020 to December 2021.
    for (Month end = Month::of(2020, 12); end <= Month::of(2021, 12); end = end + 1) {
        auto rows = engine_csv(test::data_dir() + "/areas/city-of-london.json", {dir}, end);
        EXPECT_EQ(rows[0].fields.size(), 15u);
        auto cells = sql.cells(std::string("CASE WHEN ") + kNamePrefix +
                                   " = 'City of London' THEN 'City of London' END",
                               end);
        compared += compare(rows, cells, true);
    }
    EXPECT_EQ(compared, 13 * 2 * 15);  // 13 periods x 2 areas x (14 types + All crime)
    // November 2020 needs December 2016, which is not in the data.
    auto rows =
        engine_csv(test::data_dir() + "/areas/city-of-london.json", {dir}, Month::of(2020, 11));
    for (size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].fields[10], "insufficient_data");
}

TEST(RealData, Norfolk2025AgainstSql) {
    std::string dir = test::data_dir() + "/police-uk/norfolk-street-2025";
    Sql sql;
    sql.load_dir(dir);
    auto rows = engine_csv(test::data_dir() + "/areas/norfolk.json", {dir}, Month::of(2025, 12));
    auto area = read_area_file(test::data_dir() + "/areas/norfolk.json");
    std::string in_list;
    for (auto& d : area.districts)
        in_list +=
            (in_list.empty() ? "'" : ",'") +
            (d.name == "King's Lynn and West Norfolk" ? std::string("King''s Lynn and West Norfolk")
                                                      : d.name) +
            "'";
    auto cells = sql.cells(fmt::format("CASE WHEN {0} IN ({1}) THEN {0} END", kNamePrefix, in_list),
                           Month::of(2025, 12));
    EXPECT_EQ(compare(rows, cells, false), 8 * 15);  // 12 months: L12 only, LTA insufficient
}

TEST(RealData, Norfolk2018LookupAndNamePrefixAgree) {
    std::string dir = test::data_dir() + "/police-uk/norfolk-street-2018-10_2019-02";
    std::string lookup_file = test::data_dir() + "/lookups/norfolk_LSOA11_to_LAD19.csv";
    Sql sql;
    sql.load_dir(dir);
    sql.load_lookup(lookup_file);
    LsoaLookup lookup = read_lsoa_lookup(lookup_file);
    Month end = Month::of(2019, 2);
    auto by_lookup = engine_csv(test::data_dir() + "/areas/norfolk.json", {dir}, end, &lookup);
    auto by_name = engine_csv(test::data_dir() + "/areas/norfolk.json", {dir}, end);
    ASSERT_EQ(by_lookup.size(), by_name.size());
    for (size_t i = 0; i < by_name.size(); ++i) EXPECT_EQ(by_lookup[i].fields, by_name[i].fields);
    // Only five months: no L12 at all, but the five months' counts are checked via the series.
    for (size_t i = 1; i < by_name.size(); ++i)
        EXPECT_EQ(by_name[i].fields[10], "insufficient_data");
    auto cells =
        sql.cells("(SELECT district FROM lookup l WHERE l.lsoa_code = c.lsoa_code)",
                  Month::of(2019, 2) + 7);  // window Oct 2018..Sep 2019 covers all 5 months
    PoliceUkImportOptions opt;
    opt.forces = {read_area_file(test::data_dir() + "/areas/norfolk.json")};
    auto police = import_police_uk(list_inputs({dir}), opt);
    int compared = 0;
    for (const auto& [key, counts] : cells) {
        int64_t total = 0;
        auto it = police.series.find({0, key.first, key.second});
        ASSERT_NE(it, police.series.end()) << key.first << " " << key.second;
        for (Month m = Month::of(2018, 10); m <= Month::of(2019, 2); m = m + 1)
            total += *it->second.at(m);
        EXPECT_EQ(total / kMicro, counts[0]) << key.first << " " << key.second;
        ++compared;
    }
    EXPECT_EQ(compared, 8 * 15);
    EXPECT_EQ(police.report.rows, 31'191u);  // data/police-uk/.../SOURCE.txt
}
