#include "scrutineer/indicator_store.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <atomic>
#include <charconv>
#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "scrutineer/fraction.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/police_uk.hpp"
#include "scrutineer/police_uk_counts.hpp"
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

// SHA-256 of bytes given in pieces (a police.uk file too big to hold whole is read in pieces).
class Sha256 {
  public:
    Sha256() : ctx_(EVP_MD_CTX_new()) {
        if (!ctx_ || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1) {
            EVP_MD_CTX_free(ctx_);
            throw std::bad_alloc();
        }
    }
    ~Sha256() { EVP_MD_CTX_free(ctx_); }
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void add(std::string_view bytes) { EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()); }
    std::string hex() {  // once, after the last add
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_DigestFinal_ex(ctx_, out, &n);
        static constexpr char kHex[] = "0123456789abcdef";
        std::string hex(2 * n, '0');
        for (size_t i = 0; i < n; ++i) {
            hex[2 * i] = kHex[out[i] >> 4];
            hex[2 * i + 1] = kHex[out[i] & 0xf];
        }
        return hex;
    }

  private:
    EVP_MD_CTX* ctx_;
};

}  // namespace

// OpenSSL's libcrypto rather than libsodium here: it uses the CPU's SHA extensions (1.4 GB/s on
// the reference machine against libsodium's 0.1 GB/s), and every imported police.uk file is
// hashed for the import log, so a month of national files (73 MB) takes 50 ms, not 0.7 s.
std::string sha256_hex(std::string_view bytes) {
    unsigned char out[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(2 * sizeof out, '0');
    for (size_t i = 0; i < sizeof out; ++i) {
        hex[2 * i] = kHex[out[i] >> 4];
        hex[2 * i + 1] = kHex[out[i] & 0xf];
    }
    return hex;
}

void save_force(Database& db, const ForceDefinition& force) {
    auto upsert = [&](const std::string& code, const std::string& name, const char* level,
                      const std::string& aliases) {
        db.execute(
            "INSERT INTO areas (code, name, level, force_code, force_area_name, aliases) VALUES "
            "(?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = "
            "excluded.level, force_code = excluded.force_code, force_area_name = "
            "excluded.force_area_name, aliases = excluded.aliases, origin = 'area_file'",
            {text(code), text(name), text(level), text(force.code), text(force.area_name),
             text(aliases)});
    };
    upsert(force.code, force.name, "force", "");
    db.execute("UPDATE areas SET note = ? WHERE code = ?", {text(force.note), text(force.code)});
    for (const auto& d : force.districts) {
        std::string aliases;
        for (const auto& a : d.aliases) aliases += (aliases.empty() ? "" : "\n") + a;
        upsert(d.code, d.name, "district", aliases);
    }
}

std::vector<ForceDefinition> load_forces(Database& db) {
    std::vector<ForceDefinition> forces;
    for (const auto& r : db.query("SELECT code, name, force_area_name, note FROM areas WHERE "
                                  "level = 'force' ORDER BY name"))
        forces.push_back(
            ForceDefinition{as_text(r[1]), as_text(r[0]), as_text(r[2]), {}, as_text(r[3])});
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

namespace {

// One police.uk file read and counted on its own, as the import log records files.
struct ScannedFile {
    std::string checksum;
    PoliceUkData data;
};

// Reads, hashes and counts every input on `threads` threads, each file on its own, and returns
// them in input order. No store is touched: the write lock is taken only afterwards, to store
// what was counted (issue #18: an import that held it while reading made every other write in
// the meantime fail). A file's counts are small, so all of them wait in memory. The first
// failing file in input order is thrown, whichever thread met it first: files after a failed
// one are not read, those before it all are.
std::vector<ScannedFile> scan_files(const std::vector<InputFile>& inputs,
                                    const PoliceUkImportOptions& options, unsigned threads,
                                    const std::function<void(size_t, size_t)>& progress) {
    std::vector<ScannedFile> out(inputs.size());
    std::vector<std::exception_ptr> errors(inputs.size());
    std::mutex mutex;  // guards `done` and the progress callback
    size_t done = 0;
    std::atomic<size_t> next{0};
    std::atomic<size_t> first_failed{inputs.size()};
    auto work = [&] {
        TextBuffer buffer;  // one per thread, reused for every file it reads
        buffer.reserve(text_buffer_bytes(inputs));  // once, not growing file by file
        for (size_t i; (i = next.fetch_add(1)) < first_failed.load();) {
            ScannedFile& f = out[i];
            PoliceUkImportOptions one = options;
            one.threads = 1;
            one.buffer = &buffer;
            Sha256 hash;  // of the file's text, shown in pieces (a big file is read in several)
            one.on_text_piece = [&](size_t, std::string_view piece) { hash.add(piece); };
            try {
                f.data = import_police_uk({inputs[i]}, one);
                f.checksum = hash.hex();
            } catch (...) {
                errors[i] = std::current_exception();
                for (size_t was = first_failed.load();
                     i < was && !first_failed.compare_exchange_weak(was, i);) {
                }
                continue;
            }
            std::lock_guard lock(mutex);
            ++done;
            if (progress) progress(done, inputs.size());
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
    }
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    return out;
}

std::string slug(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c))
            out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "area" : out;
}

// The stored forces: which came from an area file (their districts are fixed) and which were
// found in police.uk files (new districts found later are added to them).
struct StoredAreas {
    std::vector<ForceDefinition> forces;
    std::set<std::string> found_in_data;  // force codes
    std::set<std::string> codes;          // every area code in use
};

StoredAreas stored_areas(Database& db) {
    StoredAreas s;
    s.forces = load_forces(db);
    for (const auto& r : db.query("SELECT code, level, origin FROM areas")) {
        s.codes.insert(as_text(r[0]));
        if (as_text(r[1]) == "force" && as_text(r[2]) == "police_uk")
            s.found_in_data.insert(as_text(r[0]));
    }
    return s;
}

// A code no area has yet: the GSS code if known, else the name's slug; for a district whose
// code another force's district has (found in both forces' files), the force's slug is added.
std::string new_area_code(StoredAreas& stored, const std::string& wanted,
                          const std::string& force_slug) {
    std::string code = wanted;
    if (stored.codes.count(code)) code = wanted + "-" + force_slug;
    for (int n = 2; stored.codes.count(code); ++n)
        code = fmt::format("{}-{}-{}", wanted, force_slug, n);
    stored.codes.insert(code);
    return code;
}

void insert_found_area(Database& db, const std::string& code, const std::string& name,
                       const char* level, const std::string& force_code,
                       const std::string& force_area_name) {
    db.execute(
        "INSERT INTO areas (code, name, level, force_code, force_area_name, aliases, origin) "
        "VALUES (?, ?, ?, ?, ?, '', 'police_uk')",
        {text(code), text(name), text(level), text(force_code), text(force_area_name)});
}

// Stores one counted file: its import log entry, its force-months and its non-zero counts.
// Forces and districts found in it that the store lacks are added when `add_forces` (from-data)
// or when its force was itself found in police.uk files; other forces' rows are not counted.
void store_counted_file(Database& db, StoredAreas& stored, bool add_forces, const std::string& name,
                        const ScannedFile& file, const std::string& user, ImportSummary& summary) {
    const PoliceUkData& data = file.data;
    summary.lines.insert(summary.lines.end(), data.report.warnings.begin(),
                         data.report.warnings.end());
    int64_t id = log_import(db, "police_uk", name, file.checksum,
                            static_cast<int64_t>(data.report.rows), user);
    std::map<std::pair<size_t, std::string>, std::string> area_code;  // (force, district) -> code
    for (size_t f = 0; f < data.forces.size(); ++f) {
        const ForceDefinition& def = data.forces[f];
        const ForceImportReport& rep = data.report.forces[f];
        auto by_name = [&](const ForceDefinition& s) { return s.name == def.name; };
        auto it = std::find_if(stored.forces.begin(), stored.forces.end(), by_name);
        if (it == stored.forces.end()) {
            if (!add_forces) {
                summary.lines.push_back(
                    fmt::format("{}: {} rows of {} not counted (not a force of the database)", name,
                                rep.rows, def.name));
                continue;
            }
            ForceDefinition found{
                def.name, new_area_code(stored, slug(def.name), "force"), def.area_name, {}};
            insert_found_area(db, found.code, found.name, "force", found.code, found.area_name);
            stored.found_in_data.insert(found.code);
            stored.forces.push_back(found);
            it = std::prev(stored.forces.end());
        }
        ForceDefinition& force = *it;
        area_code[{f, ""}] = force.code;
        for (const auto& d : def.districts) {
            // As within a file, spellings that differ only in case or ’ are one district.
            auto same = [&, folded = fold_place_name(d.name)](const DistrictDefinition& s) {
                return fold_place_name(s.name) == folded;
            };
            auto sd = std::find_if(force.districts.begin(), force.districts.end(), same);
            if (sd == force.districts.end()) {
                // Only a force found in the files gains districts (an area file's are given).
                DistrictDefinition added{
                    new_area_code(stored, d.code.empty() ? slug(d.name) : d.code, slug(force.name)),
                    d.name,
                    {}};
                insert_found_area(db, added.code, added.name, "district", force.code,
                                  force.area_name);
                force.districts.push_back(added);
                sd = std::prev(force.districts.end());
            }
            area_code[{f, d.name}] = sd->code;
        }
        for (Month m : rep.months) {
            auto clash = db.query(
                "SELECT i.source FROM police_uk_months p JOIN imports i ON i.id = p.import_id "
                "WHERE p.force_code = ? AND p.month = ?",
                {text(force.code), text(to_string(m))});
            if (!clash.empty())
                throw InputError(name, 0, "",
                                 fmt::format("{} {} is already in the database, from {}; "
                                             "this file has different rows",
                                             rep.force, to_string(m), as_text(clash[0][0])));
            db.execute(
                "INSERT INTO police_uk_months (force_code, month, import_id) VALUES (?, ?, ?)",
                {text(force.code), text(to_string(m)), integer(id)});
        }
        if (!rep.months.empty())
            summary.lines.push_back(
                fmt::format("{}: {} rows of {} ({}), {} with no location, {} outside its districts",
                            name, rep.rows, rep.force, to_string(rep.months.front()),
                            rep.rows_no_location, rep.rows_outside));
    }
    for (const auto& type : data.crime_types) ensure_indicator(db, type, "police_uk");
    if (!data.crime_types.empty()) ensure_indicator(db, std::string(kAllCrime), "police_uk");
    PoliceUkCounts counts;
    for (const auto& [key, series] : data.series) {
        const auto& [force, district, indicator] = key;
        auto code = area_code.find({force, district});
        if (code == area_code.end()) continue;  // a force not counted
        for (size_t i = 0; i < series.present.size(); ++i)
            if (series.present[i] && series.micro[i] != 0)  // zeros are implied
                counts[{code->second, series.first + static_cast<int>(i)}][indicator] =
                    series.micro[i];
    }
    db.execute("INSERT INTO police_uk_counts (import_id, counts) VALUES (?, ?)",
               {integer(id), text(encode_police_uk_counts(counts))});
}

}  // namespace

ImportSummary import_police_uk_files(Database& db, const std::vector<std::string>& paths,
                                     const LsoaLookup* lookup, const std::string& user,
                                     const std::function<void(size_t, size_t)>& progress) {
    PoliceUkStoreImport how;
    how.lookup = lookup;
    how.progress = progress;
    return import_police_uk_files(db, paths, user, how);
}

ImportSummary import_police_uk_files(Database& db, const std::vector<std::string>& paths,
                                     const std::string& user, const PoliceUkStoreImport& how) {
    // Everything is read, decompressed and counted first, with no lock held; the write lock is
    // taken only to store the counts (a month of the national set: well under a second), so a
    // sign-in, an application or an update made meanwhile is never kept waiting long.
    StoredAreas stored = stored_areas(db);
    if (stored.forces.empty() && !how.from_data)
        throw std::runtime_error(
            "the database has no areas yet: give --areas with the import (an area file, or "
            "from-data)");
    // Every file is counted as from-data; the forces from an area file keep their districts.
    PoliceUkImportOptions opt;
    opt.from_data = true;
    opt.lookup = how.lookup;
    opt.district_codes = how.district_codes;
    // The forces from area files (their districts are given, not found in the files).
    auto from_area_files = [](const StoredAreas& s) {
        std::vector<ForceDefinition> forces;
        for (const auto& f : s.forces)
            if (!s.found_in_data.count(f.code)) forces.push_back(f);
        return forces;
    };
    // Whether two lists of forces are the same, districts and aliases too (compared as text).
    auto same_areas = [](const std::vector<ForceDefinition>& a,
                         const std::vector<ForceDefinition>& b) {
        auto text = [](const std::vector<ForceDefinition>& forces) {
            std::string t;
            for (const auto& f : forces) {
                t += fmt::format("{}\t{}\t{}\n", f.name, f.code, f.area_name);
                for (const auto& d : f.districts)
                    t += fmt::format("\t{}\t{}\t{}\n", d.code, d.name, fmt::join(d.aliases, "\t"));
            }
            return t;
        };
        return text(a) == text(b);
    };
    opt.forces = from_area_files(stored);

    auto inputs = list_inputs(paths);
    // No more workers than files: each holds a buffer of up to 64 MB.
    unsigned threads = how.threads ? how.threads : std::thread::hardware_concurrency();
    threads =
        std::clamp<unsigned>(threads, 1, static_cast<unsigned>(std::max<size_t>(inputs.size(), 1)));
    std::vector<ScannedFile> files = scan_files(inputs, opt, threads, how.progress);

    ImportSummary summary;
    Transaction tx(db);
    // Read again under the lock: another import may have added areas meanwhile. The files were
    // counted for the area files' districts as they were; if those changed, the counts would
    // not be these districts', so nothing is stored.
    stored = stored_areas(db);
    if (!same_areas(from_area_files(stored), opt.forces))
        throw std::runtime_error(
            "the areas of the database changed while the files were being read (another import "
            "or an area file): nothing was imported; import the files again");
    std::set<std::string> seen_now;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const std::string name = inputs[i].display_name();
        ScannedFile& file = files[i];
        if (auto when = already_imported(db, "police_uk", file.checksum)) {
            summary.files_already_in++;
            summary.lines.push_back(
                fmt::format("{}: already imported ({}); nothing changed", name, *when));
        } else if (!seen_now.insert(file.checksum).second) {
            summary.files_already_in++;
            summary.lines.push_back(
                fmt::format("{}: the same rows as a file above; skipped", name));
        } else {
            store_counted_file(db, stored, how.from_data, name, file, user, summary);
            summary.files_imported++;
        }
        file = ScannedFile{};  // its counts are stored: their memory is not needed again
    }
    tx.commit();
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

    // police.uk counts are read a file at a time (police_uk_counts.hpp), other observations a
    // row at a time as views (no string per value); each (area, indicator) series is found
    // through a table rather than by a map lookup per value.
    std::map<std::string, size_t, std::less<>> area_by_code;
    for (size_t a = 0; a < data.areas.size(); ++a) area_by_code[data.areas[a].code] = a;
    std::vector<std::string> names;  // indicators seen, in order of first sight
    std::vector<std::vector<Series*>> table(data.areas.size());  // [area][name]
    auto name_index = [&](std::string_view indicator) {
        size_t n = std::find(names.begin(), names.end(), indicator) - names.begin();
        if (n == names.size()) names.emplace_back(indicator);
        return n;
    };
    // The months police.uk files gave each force (read first: their span sizes every series).
    std::vector<Series> zeros(data.areas.size());  // by force: its months, each zero
    std::optional<Month> earliest, latest;
    db.query_each("SELECT force_code, month FROM police_uk_months", {}, [&](Database::RowView r) {
        auto f = area_by_code.find(r[0].value_or(""));
        auto m = parse_month(r[1].value_or(""));
        if (f == area_by_code.end() || !m) return;
        zeros[f->second].set(*m, 0);
        earliest = std::min(earliest.value_or(*m), *m);
        latest = std::max(latest.value_or(*m), *m);
    });
    const size_t span = earliest ? static_cast<size_t>(*latest - *earliest) + 1 : 0;
    auto series_at = [&](size_t area, size_t n) -> Series& {
        auto& row = table[area];
        if (row.size() <= n) row.resize(n + 1, nullptr);
        if (!row[n]) {
            row[n] = &data.series[{area, names[n]}];
            // Room for every month at once, rather than growing a month at a time (most of
            // the loading time was reallocation).
            row[n]->micro.reserve(span);
            row[n]->present.reserve(span);
        }
        return *row[n];
    };
    auto series_of = [&](size_t area, std::string_view indicator) -> Series& {
        return series_at(area, name_index(indicator));
    };
    db.query_each("SELECT import_id, counts FROM police_uk_counts", {}, [&](Database::RowView r) {
        int64_t id = 0;
        std::string_view id_text = r[0].value_or("");
        std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
        std::vector<size_t> name_of;  // the text's indicator -> names
        std::string_view last_area;
        size_t area = 0;
        bool known = false;
        decode_police_uk_counts(r[1].value_or(""), id,
                                {[&](const std::vector<std::string_view>& indicators) {
                                     for (auto n : indicators) name_of.push_back(name_index(n));
                                 },
                                 [&](std::string_view code, Month m, size_t indicator, int64_t v) {
                                     if (code != last_area) {
                                         auto a = area_by_code.find(code);
                                         known = a != area_by_code.end();
                                         if (known) area = a->second;
                                         last_area = code;
                                     }
                                     if (known) series_at(area, name_of[indicator]).set(m, v);
                                 }});
    });
    db.query_each(
        "SELECT area_code, indicator, month, value_micro FROM observations", {},
        [&](Database::RowView r) {
            auto a = area_by_code.find(r[0].value_or(""));
            auto m = parse_month(r[2].value_or(""));
            if (a == area_by_code.end() || !m || !r[1] || !r[3]) return;
            int64_t v = 0;
            std::string_view t = *r[3];
            auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            if (ec != std::errc() || end != t.data() + t.size())
                throw DatabaseError(fmt::format("observations: '{}' is not a whole number", t));
            series_of(a->second, *r[1]).set(*m, v);
        });
    // police.uk: every month present for a force gives every area of it and every police.uk
    // indicator a value, zero unless stored.
    for (size_t a = 0; a < data.areas.size(); ++a) {
        const Series& force_months = zeros[data.areas[a].force];
        if (force_months.present.empty()) continue;
        for (const auto& name : police_uk_names) {
            Series& stored = series_of(a, name);
            Series filled = force_months;
            filled.merge(stored);
            stored = std::move(filled);
        }
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
