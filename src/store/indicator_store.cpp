#include "scrutineer/indicator_store.hpp"

#include <sodium.h>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <chrono>
#include <map>
#include <set>

#include "scrutineer/fraction.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/police_uk.hpp"
#include "scrutineer/police_uk_import.hpp"

namespace scrutineer::store {
namespace {

std::string now_utc() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now()));
}

// The import of this kind and checksum, if there is one: "source on date".
std::optional<std::string> already_imported(Database& db, const std::string& kind,
                                            const std::string& checksum) {
    auto rows = db.query("SELECT source, imported_at FROM imports WHERE kind = ? AND checksum = ?",
                         {text(kind), text(checksum)});
    if (rows.empty()) return std::nullopt;
    return fmt::format("{} on {}", as_text(rows[0][0]), as_text(rows[0][1]));
}

int64_t log_import(Database& db, const std::string& kind, const std::string& source,
                   const std::string& checksum, int64_t rows, const std::string& user) {
    auto r = db.query(
        "INSERT INTO imports (kind, source, checksum, row_count, imported_by, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        {text(kind), text(source), text(checksum), integer(rows), text(user), text(now_utc())});
    return as_int(r.at(0).at(0));
}

void ensure_indicator(Database& db, const std::string& name, const std::string& origin) {
    auto rows = db.query("SELECT origin FROM indicators WHERE name = ?", {text(name)});
    if (!rows.empty()) return;
    IndicatorDefinition d;
    d.name = name;
    db.execute(
        "INSERT INTO indicators (name, kind, origin, position, definition) VALUES (?, 'count', ?, "
        "0, ?)",
        {text(name), text(origin), text(indicator_catalogue_json({d}))});
}

// A whole small file: its text and checksum, or "already imported".
struct SmallFile {
    std::string text, checksum;
};

std::optional<SmallFile> new_file(Database& db, const std::string& kind, const std::string& path,
                                  ImportSummary& summary) {
    SmallFile f{read_file(path), ""};
    f.checksum = sha256_hex(f.text);
    if (auto when = already_imported(db, kind, f.checksum)) {
        summary.files_already_in++;
        summary.lines.push_back(
            fmt::format("{}: already imported ({}); nothing changed", path, *when));
        return std::nullopt;
    }
    return f;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    std::string hex;
    for (unsigned char c : out) hex += fmt::format("{:02x}", c);
    return hex;
}

void save_force(Database& db, const ForceDefinition& force) {
    auto upsert = [&](const std::string& code, const std::string& name, const char* level,
                      const std::string& aliases) {
        db.execute(
            "INSERT INTO areas (code, name, level, force_code, force_area_name, aliases) VALUES "
            "(?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = "
            "excluded.level, force_code = excluded.force_code, force_area_name = "
            "excluded.force_area_name, aliases = excluded.aliases",
            {text(code), text(name), text(level), text(force.code), text(force.area_name),
             text(aliases)});
    };
    upsert(force.code, force.name, "force", "");
    for (const auto& d : force.districts) {
        std::string aliases;
        for (const auto& a : d.aliases) aliases += (aliases.empty() ? "" : "\n") + a;
        upsert(d.code, d.name, "district", aliases);
    }
}

std::vector<ForceDefinition> load_forces(Database& db) {
    std::vector<ForceDefinition> forces;
    for (const auto& r : db.query(
             "SELECT code, name, force_area_name FROM areas WHERE level = 'force' ORDER BY name"))
        forces.push_back(ForceDefinition{as_text(r[1]), as_text(r[0]), as_text(r[2]), {}});
    for (auto& f : forces) {
        for (const auto& r : db.query("SELECT code, name, aliases FROM areas WHERE level = "
                                      "'district' AND force_code = ? "
                                      "ORDER BY name",
                                      {text(f.code)})) {
            DistrictDefinition d{as_text(r[0]), as_text(r[1]), {}};
            std::string aliases = as_text(r[2]);
            for (size_t start = 0; start < aliases.size();) {
                size_t end = aliases.find('\n', start);
                if (end == std::string::npos) end = aliases.size();
                d.aliases.push_back(aliases.substr(start, end - start));
                start = end + 1;
            }
            f.districts.push_back(std::move(d));
        }
    }
    return forces;
}

ImportSummary import_police_uk_files(Database& db, const std::vector<std::string>& paths,
                                     const LsoaLookup* lookup, const std::string& user,
                                     const std::function<void(size_t, size_t)>& progress) {
    ImportSummary summary;
    PoliceUkImportOptions opt;
    opt.forces = load_forces(db);
    opt.lookup = lookup;
    opt.threads = 1;  // one file at a time: each is its own entry in the import log
    if (opt.forces.empty())
        throw std::runtime_error("the database has no areas yet: give --areas with the import");
    std::map<std::string, std::string> force_code;  // force name -> code
    for (const auto& f : opt.forces) force_code[f.name] = f.code;
    std::map<std::pair<size_t, std::string>, std::string> area_code;  // (force, district) -> code
    for (size_t f = 0; f < opt.forces.size(); ++f) {
        area_code[{f, ""}] = opt.forces[f].code;
        for (const auto& d : opt.forces[f].districts) area_code[{f, d.name}] = d.code;
    }

    auto inputs = list_inputs(paths);
    Transaction tx(db);
    std::set<std::string> seen_now;
    size_t done = 0;
    for (const auto& input : inputs) {
        if (progress) progress(done++, inputs.size());
        TextBuffer buffer;
        load_text(input, buffer);
        std::string checksum = sha256_hex(buffer.text());
        const std::string name = input.display_name();
        if (auto when = already_imported(db, "police_uk", checksum)) {
            summary.files_already_in++;
            summary.lines.push_back(
                fmt::format("{}: already imported ({}); nothing changed", name, *when));
            continue;
        }
        if (!seen_now.insert(checksum).second) {
            summary.files_already_in++;
            summary.lines.push_back(
                fmt::format("{}: the same rows as a file above; skipped", name));
            continue;
        }
        PoliceUkData data = import_police_uk({input}, opt);
        int64_t id = log_import(db, "police_uk", name, checksum,
                                static_cast<int64_t>(data.report.rows), user);
        for (size_t f = 0; f < data.report.forces.size(); ++f) {
            const auto& rep = data.report.forces[f];
            for (Month m : rep.months) {
                auto clash = db.query(
                    "SELECT i.source FROM police_uk_months p JOIN imports i ON i.id = p.import_id "
                    "WHERE p.force_code = ? AND p.month = ?",
                    {text(opt.forces[f].code), text(to_string(m))});
                if (!clash.empty())
                    throw InputError(name, 0, "",
                                     fmt::format("{} {} is already in the database, from {}; "
                                                 "this file has different rows",
                                                 rep.force, to_string(m), as_text(clash[0][0])));
                db.execute(
                    "INSERT INTO police_uk_months (force_code, month, import_id) VALUES (?, ?, ?)",
                    {text(opt.forces[f].code), text(to_string(m)), integer(id)});
            }
            if (!rep.months.empty())
                summary.lines.push_back(fmt::format(
                    "{}: {} rows of {} ({}), {} with no location, {} outside its districts", name,
                    rep.rows, rep.force, to_string(rep.months.front()), rep.rows_no_location,
                    rep.rows_outside));
        }
        for (const auto& [force, rows] : data.report.other_forces)
            summary.lines.push_back(fmt::format(
                "{}: {} rows of {} not counted (not a force of the database)", name, rows, force));
        for (const auto& type : data.crime_types) ensure_indicator(db, type, "police_uk");
        if (!data.crime_types.empty()) ensure_indicator(db, std::string(kAllCrime), "police_uk");
        std::vector<std::vector<Value>> rows;
        for (const auto& [key, series] : data.series) {
            const auto& [force, district, indicator] = key;
            const std::string& code = area_code.at({force, district});
            for (size_t i = 0; i < series.present.size(); ++i) {
                if (!series.present[i] || series.micro[i] == 0) continue;  // zeros are implied
                rows.push_back({text(code), text(indicator),
                                text(to_string(series.first + static_cast<int>(i))),
                                integer(series.micro[i]), integer(id)});
            }
        }
        db.execute_many(
            "INSERT INTO observations (area_code, indicator, month, value_micro, import_id) VALUES "
            "(?, ?, ?, ?, ?)",
            rows);
        summary.files_imported++;
    }
    tx.commit();
    if (progress) progress(inputs.size(), inputs.size());
    return summary;
}

ImportSummary import_counts_file(Database& db, const std::string& path, const std::string& user) {
    ImportSummary summary;
    auto file = new_file(db, "counts", path, summary);
    if (!file) return summary;
    auto values = read_monthly_counts(path);
    std::set<std::string> codes;
    for (const auto& r : db.query("SELECT code FROM areas")) codes.insert(as_text(r[0]));
    Transaction tx(db);
    int64_t id =
        log_import(db, "counts", path, file->checksum, static_cast<int64_t>(values.size()), user);
    for (const auto& v : values) {
        if (!codes.count(v.area_code))
            throw InputError(path, v.line, "area_code",
                             fmt::format("'{}' is not an area of the database", v.area_code));
        auto origin = db.query("SELECT origin FROM indicators WHERE name = ?", {text(v.indicator)});
        if (!origin.empty() && as_text(origin[0][0]) == "police_uk")
            throw InputError(path, v.line, "indicator",
                             fmt::format("'{}' is counted from the police.uk files", v.indicator));
        auto existing = db.query(
            "SELECT i.source FROM observations o JOIN imports i ON i.id = o.import_id WHERE "
            "o.area_code = ? AND o.indicator = ? AND o.month = ?",
            {text(v.area_code), text(v.indicator), text(to_string(v.month))});
        if (!existing.empty())
            throw InputError(
                path, v.line, "",
                fmt::format("{} {} {} is already in the database, from {}", v.area_code,
                            v.indicator, to_string(v.month), as_text(existing[0][0])));
        ensure_indicator(db, v.indicator, "counts");
        db.execute(
            "INSERT INTO observations (area_code, indicator, month, value_micro, import_id) VALUES "
            "(?, ?, ?, ?, ?)",
            {text(v.area_code), text(v.indicator), text(to_string(v.month)), integer(v.value_micro),
             integer(id)});
    }
    tx.commit();
    summary.files_imported = 1;
    summary.lines.push_back(fmt::format("{}: {} monthly values imported", path, values.size()));
    return summary;
}

ImportSummary import_breaks_file(Database& db, const std::string& path, const std::string& user) {
    ImportSummary summary;
    auto file = new_file(db, "breaks", path, summary);
    if (!file) return summary;
    auto breaks = read_breaks(path);
    Transaction tx(db);
    int64_t id =
        log_import(db, "breaks", path, file->checksum, static_cast<int64_t>(breaks.size()), user);
    for (const auto& [indicator, b] : breaks)
        db.execute(
            "INSERT INTO recording_breaks (indicator, break_month, reason, import_id) VALUES (?, "
            "?, "
            "?, ?) ON CONFLICT (indicator) DO UPDATE SET break_month = excluded.break_month, "
            "reason = excluded.reason, import_id = excluded.import_id",
            {text(indicator), text(to_string(b.month)), text(b.reason), integer(id)});
    tx.commit();
    summary.files_imported = 1;
    summary.lines.push_back(fmt::format("{}: {} recording breaks", path, breaks.size()));
    return summary;
}

ImportSummary import_population_file(Database& db, const std::string& path,
                                     const std::string& user) {
    ImportSummary summary;
    auto file = new_file(db, "population", path, summary);
    if (!file) return summary;
    auto population = read_population(path);
    Transaction tx(db);
    int64_t id = log_import(db, "population", path, file->checksum,
                            static_cast<int64_t>(population.size()), user);
    std::vector<std::vector<Value>> rows;
    for (const auto& [code, ages] : population)
        for (size_t age = 0; age < ages.size(); ++age)
            rows.push_back(
                {text(code), integer(static_cast<int64_t>(age)), integer(ages[age]), integer(id)});
    db.execute_many(
        "INSERT INTO population (area_code, age, persons, import_id) VALUES (?, ?, ?, ?) ON "
        "CONFLICT (area_code, age) DO UPDATE SET persons = excluded.persons, import_id = "
        "excluded.import_id",
        rows);
    tx.commit();
    summary.files_imported = 1;
    summary.lines.push_back(fmt::format("{}: population of {} areas", path, population.size()));
    return summary;
}

ImportSummary import_indicator_catalogue(Database& db, const std::string& path,
                                         const std::string& user) {
    ImportSummary summary;
    auto file = new_file(db, "indicators", path, summary);
    if (!file) return summary;
    auto catalogue = parse_indicator_catalogue(file->text, path);
    Transaction tx(db);
    log_import(db, "indicators", path, file->checksum, static_cast<int64_t>(catalogue.size()),
               user);
    db.execute("DELETE FROM indicators WHERE origin = 'catalogue'");
    for (size_t i = 0; i < catalogue.size(); ++i) {
        const auto& d = catalogue[i];
        db.execute(
            "INSERT INTO indicators (name, kind, origin, position, definition) VALUES (?, ?, "
            "'catalogue', ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, origin = "
            "excluded.origin, position = excluded.position, definition = excluded.definition",
            {text(d.name), text(to_string(d.kind)), integer(static_cast<int64_t>(i + 1)),
             text(indicator_catalogue_json({d}))});
    }
    tx.commit();
    summary.files_imported = 1;
    summary.lines.push_back(fmt::format("{}: {} indicator definitions", path, catalogue.size()));
    return summary;
}

std::vector<ImportLogEntry> import_log(Database& db) {
    std::vector<ImportLogEntry> out;
    for (const auto& r : db.query(
             "SELECT id, kind, source, checksum, row_count, imported_by, imported_at FROM imports "
             "ORDER BY id"))
        out.push_back({as_int(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3]), as_int(r[4]),
                       as_text(r[5]), as_text(r[6])});
    return out;
}

Dataset load_dataset(Database& db) {
    Dataset data;
    auto forces = load_forces(db);
    data.areas = areas_in_table_order(forces);
    std::map<std::string, size_t> area_index;
    for (size_t a = 0; a < data.areas.size(); ++a) area_index[data.areas[a].code] = a;

    std::vector<IndicatorDefinition> catalogue;
    std::vector<std::string> police_uk_types, others;
    std::set<std::string> police_uk_names;
    for (const auto& r :
         db.query("SELECT name, origin, definition FROM indicators ORDER BY position, name")) {
        std::string name = as_text(r[0]), origin = as_text(r[1]);
        if (origin == "catalogue") {
            auto defs =
                parse_indicator_catalogue(as_text(r[2]), "the database's indicator " + name);
            catalogue.insert(catalogue.end(), defs.begin(), defs.end());
        } else if (origin == "police_uk") {
            police_uk_names.insert(name);
            if (name != kAllCrime) police_uk_types.push_back(name);
        } else {
            others.push_back(name);
        }
    }
    for (const auto& d : catalogue) {
        std::erase_if(others, [&](const std::string& n) {
            return n == d.name || n == d.numerator ||
                   std::find(d.components.begin(), d.components.end(), n) != d.components.end();
        });
    }
    data.indicators = order_indicators(catalogue, police_uk_types, others);

    // police.uk: every month present for a force gives every area of it and every police.uk
    // indicator a value, zero unless stored.
    for (const auto& r : db.query("SELECT force_code, month FROM police_uk_months")) {
        auto f = area_index.find(as_text(r[0]));
        auto m = parse_month(as_text(r[1]));
        if (f == area_index.end() || !m) continue;
        for (size_t a = 0; a < data.areas.size(); ++a) {
            if (data.areas[a].force != f->second) continue;
            for (const auto& name : police_uk_names) data.series[{a, name}].set(*m, 0);
        }
    }
    for (const auto& r :
         db.query("SELECT area_code, indicator, month, value_micro FROM observations")) {
        auto a = area_index.find(as_text(r[0]));
        auto m = parse_month(as_text(r[2]));
        if (a == area_index.end() || !m) continue;
        data.series[{a->second, as_text(r[1])}].set(*m, as_int(r[3]));
    }
    for (const auto& r : db.query("SELECT indicator, break_month, reason FROM recording_breaks")) {
        auto m = parse_month(as_text(r[1]));
        if (m) data.breaks[as_text(r[0])] = RecordingBreak{*m, as_text(r[2])};
    }
    for (const auto& r : db.query("SELECT area_code, age, persons FROM population")) {
        auto& p = data.population[as_text(r[0])];
        int64_t age = as_int(r[1]);
        if (age >= 0 && age <= 90) p[static_cast<size_t>(age)] = as_int(r[2]);
    }
    return data;
}

}  // namespace scrutineer::store
