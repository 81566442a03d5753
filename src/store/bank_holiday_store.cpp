#include "scrutineer/bank_holiday_store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/user_store.hpp"

namespace scrutineer::store {
namespace {

constexpr const char* kKind = "bank_holidays";

std::string now_utc() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now()));
}

// The list as text, one "date<TAB>title" a line: what its checksum is taken of.
std::string canonical(const BankHolidays& holidays) {
    std::string out;
    for (const auto& h : holidays.list()) out += to_string(h.date) + "\t" + h.title + "\n";
    return out;
}

std::string years(const BankHolidays& h) {
    if (h.empty()) return "none";
    return fmt::format("{} to {}", *h.first_year(), *h.last_year());
}

}  // namespace

ImportSummary import_bank_holidays(Database& db, const BankHolidays& holidays,
                                   const std::string& source, const std::string& actor) {
    if (holidays.empty())
        throw std::invalid_argument(source + ": has no bank holidays; the stored list is kept");
    ImportSummary summary;
    Transaction tx(db);
    BankHolidays stored = load_bank_holidays(db);
    if (stored == holidays) {
        summary.files_already_in = 1;
        summary.lines.push_back(
            fmt::format("{}: the same {} bank holidays ({}) are already stored; nothing changed",
                        source, holidays.list().size(), years(holidays)));
        return summary;
    }
    std::string checksum = sha256_hex(canonical(holidays));
    // The unique (kind, checksum) index keeps one imports row per list: going back to a list
    // imported before points at that row again, and the audit log records the change.
    auto earlier = db.query("SELECT id FROM imports WHERE kind = ? AND checksum = ?",
                            {text(kKind), text(checksum)});
    int64_t import_id;
    if (!earlier.empty()) {
        import_id = as_int(earlier[0][0]);
    } else {
        auto r = db.query(
            "INSERT INTO imports (kind, source, checksum, row_count, imported_by, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            {text(kKind), text(source), text(checksum),
             integer(static_cast<int64_t>(holidays.list().size())), text(actor), text(now_utc())});
        import_id = as_int(r.at(0).at(0));
    }
    db.execute("DELETE FROM bank_holidays");
    std::vector<std::vector<Value>> rows;
    for (const auto& h : holidays.list())
        rows.push_back({text(to_string(h.date)), text(h.title), integer(import_id)});
    db.execute_many("INSERT INTO bank_holidays (date, title, import_id) VALUES (?, ?, ?)", rows);
    std::string line =
        fmt::format("{}: {} bank holidays ({}) replace the {} stored ({})", source,
                    holidays.list().size(), years(holidays), stored.list().size(), years(stored));
    audit(db, actor, "bank holidays imported", line);
    tx.commit();
    summary.files_imported = 1;
    summary.lines.push_back(line);
    return summary;
}

BankHolidays load_bank_holidays(Database& db) {
    std::vector<BankHoliday> list;
    for (const auto& row : db.query("SELECT date, title FROM bank_holidays ORDER BY date")) {
        auto date = parse_date(as_text(row[0]));
        if (!date) throw DatabaseError("bank_holidays: '" + as_text(row[0]) + "' is not a date");
        list.push_back(BankHoliday{*date, as_text(row[1])});
    }
    return BankHolidays(std::move(list));
}

ImportSummary ensure_bank_holidays(Database& db, const std::string& shipped_file_path) {
    BankHolidays shipped = read_bank_holidays_file(shipped_file_path);
    BankHolidays stored = load_bank_holidays(db);
    if (!stored.empty() && *shipped.last_year() <= *stored.last_year()) return {};
    std::string source =
        std::filesystem::path(shipped_file_path).filename().string() + " (shipped with scrutineer)";
    return import_bank_holidays(db, shipped, source, "scrutineer");
}

}  // namespace scrutineer::store
