#include "scrutineer/work_programme_store.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <stdexcept>

namespace scrutineer::store {
namespace {

const char* kEntryColumns =
    "id, panel_id, kind, when_label, month, date, title, invitees, visibility";

std::vector<Value> visible_params(Role viewer, std::string& marks) {
    std::vector<Value> out;
    for (Visibility v : {Visibility::public_item, Visibility::exempt, Visibility::confidential})
        if (may_see(viewer, v)) {
            marks += marks.empty() ? "?" : ", ?";
            out.push_back(text(to_string(v)));
        }
    return out;
}

ProgrammeEntry entry_from(const Row& r) {
    ProgrammeEntry e;
    e.id = as_int(r[0]);
    e.panel_id = as_int(r[1]);
    auto kind = parse_programme_entry_kind(as_text(r[2]));
    if (!kind) throw DatabaseError(fmt::format("unknown programme entry kind '{}'", as_text(r[2])));
    e.kind = *kind;
    e.when = as_text(r[3]);
    if (r[4]) e.month = parse_month(as_text(r[4]));
    if (r[5]) e.date = parse_date(as_text(r[5]));
    e.title = as_text(r[6]);
    e.invitees = as_text(r[7]);
    auto v = parse_visibility(as_text(r[8]));
    if (!v) throw DatabaseError(fmt::format("unknown visibility '{}'", as_text(r[8])));
    e.visibility = *v;
    return e;
}

struct KnownSetting {
    const char* name;
    MonthDay PreceptCalendar::*precept;  // or null for the civic year
};
constexpr KnownSetting kSettings[] = {
    {"civic_year_starts", nullptr},
    {"precept_proposal_by", &PreceptCalendar::proposal_by},
    {"precept_report_by", &PreceptCalendar::report_by},
    {"precept_veto_response_by", &PreceptCalendar::veto_response_by},
    {"precept_revised_report_by", &PreceptCalendar::revised_report_by},
};

}  // namespace

std::vector<ProgrammeEntry> load_programme_entries(Database& db, int64_t panel_id, Role viewer) {
    std::string marks;
    auto params = visible_params(viewer, marks);
    params.insert(params.begin(), integer(panel_id));
    std::vector<ProgrammeEntry> out;
    // sql-check: marks is one ? per visibility the viewer may see (visible_params)
    for (const auto& r :
         db.query(fmt::format("SELECT {} FROM programme_entries WHERE panel_id = ? AND "
                              "visibility IN ({}) ORDER BY CASE WHEN month IS NULL THEN 1 ELSE 0 "
                              "END, month, date, id",
                              kEntryColumns, marks),
                  params))
        out.push_back(entry_from(r));
    return out;
}

std::optional<ProgrammeEntry> load_programme_entry(Database& db, int64_t id, Role viewer) {
    std::string marks;
    auto params = visible_params(viewer, marks);
    params.insert(params.begin(), integer(id));
    // sql-check: marks is one ? per visibility the viewer may see (visible_params)
    auto rows = db.query(fmt::format("SELECT {} FROM programme_entries WHERE id = ? AND "
                                     "visibility IN ({})",
                                     kEntryColumns, marks),
                         params);
    if (rows.empty()) return std::nullopt;
    return entry_from(rows[0]);
}

int64_t save_programme_entry(Database& db, const ProgrammeEntry& given) {
    ProgrammeEntry e = given;
    if (e.date && !e.month) e.month = month_of(*e.date);
    validate(e);
    if (db.query("SELECT id FROM panels WHERE id = ?", {integer(e.panel_id)}).empty())
        throw ProgrammeEntryInvalid("panel_id", fmt::format("there is no panel {}", e.panel_id));
    std::vector<Value> values = {integer(e.panel_id),
                                 text(to_string(e.kind)),
                                 text(e.when),
                                 e.month ? text(to_string(*e.month)) : null_value,
                                 e.date ? text(to_string(*e.date)) : null_value,
                                 text(e.title),
                                 text(e.invitees),
                                 text(to_string(e.visibility))};
    int64_t id = e.id;
    if (id == 0) {
        auto rows = db.query(
            "SELECT id FROM programme_entries WHERE panel_id = ? AND kind = ? AND when_label = ? "
            "AND title = ?",
            {integer(e.panel_id), text(to_string(e.kind)), text(e.when), text(e.title)});
        if (!rows.empty()) id = as_int(rows[0][0]);
    } else if (db.query("SELECT id FROM programme_entries WHERE id = ?", {integer(id)}).empty()) {
        throw std::out_of_range(fmt::format("programme_entries: there is no row with id {}", id));
    }
    if (id != 0) {
        values.push_back(integer(id));
        db.execute(
            "UPDATE programme_entries SET panel_id = ?, kind = ?, when_label = ?, month = ?, "
            "date = ?, title = ?, invitees = ?, visibility = ? WHERE id = ?",
            values);
        return id;
    }
    db.execute(
        "INSERT INTO programme_entries (panel_id, kind, when_label, month, date, title, "
        "invitees, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        values);
    auto rows = db.query(
        "SELECT id FROM programme_entries WHERE panel_id = ? AND kind = ? AND when_label = ? AND "
        "title = ?",
        {integer(e.panel_id), text(to_string(e.kind)), text(e.when), text(e.title)});
    return as_int(rows.at(0).at(0));
}

void delete_programme_entry(Database& db, int64_t id) {
    db.execute("DELETE FROM programme_entries WHERE id = ?", {integer(id)});
}

std::vector<ProgrammeSetting> load_programme_settings(Database& db) {
    std::vector<ProgrammeSetting> out;
    for (const auto& r :
         db.query("SELECT name, value, source FROM work_programme_settings ORDER BY name"))
        out.push_back({as_text(r[0]), as_text(r[1]), as_text(r[2])});
    return out;
}

WorkProgrammeSettings load_work_programme_settings(Database& db) {
    auto rows = load_programme_settings(db);
    WorkProgrammeSettings s;
    for (const auto& known : kSettings) {
        auto it = std::find_if(rows.begin(), rows.end(),
                               [&](const ProgrammeSetting& r) { return r.name == known.name; });
        if (it == rows.end())
            throw DatabaseError(
                fmt::format("the work programme setting {} is missing", known.name));
        auto md = parse_month_day(it->value);
        if (!md)
            throw DatabaseError(fmt::format("the work programme setting {} is '{}', not MM-DD",
                                            known.name, it->value));
        if (known.precept)
            s.precept.*known.precept = *md;
        else
            s.civic_year_starts = *md;
    }
    return s;
}

void save_programme_setting(Database& db, const std::string& name, const std::string& value) {
    if (std::none_of(std::begin(kSettings), std::end(kSettings),
                     [&](const KnownSetting& k) { return name == k.name; }))
        throw std::invalid_argument(fmt::format("there is no work programme setting '{}'", name));
    if (!parse_month_day(value))
        throw std::invalid_argument(
            fmt::format("{}: '{}' is not a day of the year as MM-DD (29 February is not in "
                        "every year)",
                        name, value));
    db.execute("UPDATE work_programme_settings SET value = ? WHERE name = ?",
               {text(value), text(name)});
}

std::optional<int64_t> panel_id_for_key(Database& db, const std::string& key) {
    auto rows = db.query("SELECT id FROM panels WHERE key = ?", {text(key)});
    if (rows.empty()) return std::nullopt;
    return as_int(rows[0][0]);
}

}  // namespace scrutineer::store
