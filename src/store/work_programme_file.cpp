#include "scrutineer/work_programme_file.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/json_fields.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/work_programme_store.hpp"

namespace scrutineer {
namespace {

using json = nlohmann::json;

constexpr const char* kFormat = "scrutineer-work-programme/1";

using Fields = JsonFields;

ProgrammeEntry read_entry(const Fields& f) {
    ProgrammeEntry e;
    auto kind = parse_programme_entry_kind(f.text("kind"));
    if (!kind)
        f.fail("kind",
               fmt::format("'{}' is not event, provisional_meeting or note", f.text("kind")));
    e.kind = *kind;
    e.when = f.text("when", false);
    if (f.has("month")) {
        e.month = parse_month(f.text("month"));
        if (!e.month)
            f.fail("month", fmt::format("'{}' is not a month (YYYY-MM)", f.text("month")));
    }
    if (f.has("date")) {
        e.date = parse_date(f.text("date"));
        if (!e.date) f.fail("date", fmt::format("'{}' is not a date (YYYY-MM-DD)", f.text("date")));
        if (!e.month) e.month = month_of(*e.date);
    }
    e.title = f.text("title");
    e.invitees = f.text("invitees", false);
    if (f.has("visibility")) {
        auto v = parse_visibility(f.text("visibility"));
        if (!v)
            f.fail("visibility",
                   fmt::format("'{}' is not public, exempt or confidential", f.text("visibility")));
        e.visibility = *v;
    }
    try {
        validate(e);
    } catch (const ProgrammeEntryInvalid& err) {
        throw InputError(f.path, 0, f.name(err.field), err.problem);
    }
    return e;
}

}  // namespace

WorkProgrammeFile parse_work_programme_file(const std::string& text, const std::string& path) {
    json j = parse_json(text, path);
    Fields top(j, "", path, {"format", "source", "panels"});
    top.require_format(kFormat, "work programme");
    WorkProgrammeFile out;
    out.path = path;
    const json& panels = top.list("panels", true);
    for (size_t i = 0; i < panels.size(); ++i) {
        Fields p(panels[i], fmt::format("panels[{}]", i), path, {"panel", "entries"});
        WorkProgrammeFilePanel fp;
        fp.panel = p.text("panel");
        const json& entries = p.list("entries", true);
        for (size_t k = 0; k < entries.size(); ++k) {
            Fields f(entries[k], p.name(fmt::format("entries[{}]", k)), path,
                     {"kind", "when", "month", "date", "title", "invitees", "visibility"});
            fp.entries.push_back(read_entry(f));
        }
        out.panels.push_back(std::move(fp));
    }
    return out;
}

WorkProgrammeFile read_work_programme_file(const std::string& path) {
    return parse_work_programme_file(read_file(path), path);
}

}  // namespace scrutineer

namespace scrutineer::store {

std::string load_work_programme_file(Database& db, const std::string& path,
                                     const std::string& user) {
    WorkProgrammeFile file = read_work_programme_file(path);
    // Every panel is looked up before anything is written.
    std::vector<int64_t> ids;
    for (size_t i = 0; i < file.panels.size(); ++i) {
        auto id = panel_id_for_key(db, file.panels[i].panel);
        if (!id)
            throw InputError(path, 0, fmt::format("panels[{}].panel", i),
                             fmt::format("there is no panel '{}' in the store (load the panels "
                                         "first)",
                                         file.panels[i].panel));
        ids.push_back(*id);
    }
    size_t n = 0;
    Transaction tx(db);
    for (size_t i = 0; i < file.panels.size(); ++i)
        for (auto e : file.panels[i].entries) {
            e.panel_id = ids[i];
            save_programme_entry(db, e);
            ++n;
        }
    audit(db, user, "work_programme.load", fmt::format("{}: {} entries", path, n));
    tx.commit();
    return fmt::format("{}: {} work programme entries for {} panels", path, n, file.panels.size());
}

std::string load_demo_work_programme(Database& db, const std::string& data_dir) {
    return load_work_programme_file(
        db, (std::filesystem::path(data_dir) / "demo" / "work-programme.json").string(), "demo");
}

}  // namespace scrutineer::store
