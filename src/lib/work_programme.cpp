#include "scrutineer/work_programme.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "scrutineer/enum_names.hpp"
#include "scrutineer/within_a_year.hpp"

namespace scrutineer {
namespace {

constexpr EnumName<ProgrammeEntryKind> kEntryKinds[] = {
    {ProgrammeEntryKind::event, "event", "Event"},
    {ProgrammeEntryKind::provisional_meeting, "provisional_meeting", "Provisional meeting"},
    {ProgrammeEntryKind::note, "note", "Note"},
};

bool one_line(const std::string& s) {
    return s.find('\n') == std::string::npos && s.find('\r') == std::string::npos;
}

bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

const char* to_string(ProgrammeEntryKind k) {
    return enum_entry(kEntryKinds, k).code;
}
const char* label(ProgrammeEntryKind k) {
    return enum_entry(kEntryKinds, k).label;
}
std::optional<ProgrammeEntryKind> parse_programme_entry_kind(std::string_view text) {
    return parse_enum(kEntryKinds, text);
}

std::optional<MonthDay> parse_month_day(std::string_view t) {
    if (t.size() != 5 || t[2] != '-') return std::nullopt;
    for (size_t i : {0, 1, 3, 4})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    MonthDay md{static_cast<unsigned>((t[0] - '0') * 10 + (t[1] - '0')),
                static_cast<unsigned>((t[3] - '0') * 10 + (t[4] - '0'))};
    // 2001 is not a leap year: 29 February is not a day of every year.
    if (!CalendarDate::of(2001, md.month, md.day).ymd.ok()) return std::nullopt;
    return md;
}

std::string to_string(MonthDay md) {
    return fmt::format("{:02d}-{:02d}", md.month, md.day);
}

CalendarDate in_year(MonthDay md, int year) {
    return CalendarDate::of(year, md.month, md.day);
}

ProgrammeYear programme_year_starting(int year, MonthDay starts) {
    return {in_year(starts, year), add_days(in_year(starts, year + 1), -1)};
}

ProgrammeYear programme_year_containing(CalendarDate d, MonthDay starts) {
    int year = d < in_year(starts, d.year()) ? d.year() - 1 : d.year();
    return programme_year_starting(year, starts);
}

std::string label(const ProgrammeYear& y) {
    if (y.first.year() == y.last.year()) return std::to_string(y.first.year());
    return fmt::format("{}-{:02d}", y.first.year(), y.last.year() % 100);
}

CalendarDate deadline_in(const ProgrammeYear& y, MonthDay md) {
    CalendarDate d = in_year(md, y.first.year());
    return d < y.first ? in_year(md, y.first.year() + 1) : d;
}

ProgrammeEntryInvalid::ProgrammeEntryInvalid(std::string field_, std::string problem_)
    : std::invalid_argument(fmt::format("field '{}': {}", field_, problem_)),
      field(std::move(field_)),
      problem(std::move(problem_)) {}

void validate(const ProgrammeEntry& e) {
    if (blank(e.title)) throw ProgrammeEntryInvalid("title", "enter what the entry is");
    if (!one_line(e.title)) throw ProgrammeEntryInvalid("title", "keep the title on one line");
    if (!one_line(e.when)) throw ProgrammeEntryInvalid("when", "keep 'when' on one line");
    if (!one_line(e.invitees))
        throw ProgrammeEntryInvalid("invitees", "keep the invitees on one line");
    if (e.kind == ProgrammeEntryKind::note) {
        if (e.month || e.date)
            throw ProgrammeEntryInvalid("month", "a note under the table has no month or date");
        return;
    }
    if (!e.month && !e.date)
        throw ProgrammeEntryInvalid("month", "give the month (YYYY-MM) or the date it is in");
    if (e.date && e.month && month_of(*e.date) != *e.month)
        throw ProgrammeEntryInvalid("date", fmt::format("the date {} is not in {}",
                                                        long_name(*e.date), long_name(*e.month)));
    if (blank(e.when)) throw ProgrammeEntryInvalid("when", "say when, as the programme prints it");
}

std::string when_label(const Meeting& m) {
    std::string out;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        out += (out.empty() ? "" : ", ") + part;
    };
    if (valid_time(m.time)) add(time_label(m.time));
    add(long_name(m.date));
    add(m.venue);
    return out;
}

ForwardWorkProgramme forward_work_programme(const std::vector<Meeting>& meetings,
                                            const std::vector<ProgrammeEntry>& entries,
                                            CalendarDate from) {
    ForwardWorkProgramme out;
    for (const auto& e : entries) {
        if (e.kind == ProgrammeEntryKind::note) {
            out.notes.push_back(e);
            continue;
        }
        CalendarDate on =
            e.date ? *e.date
                   : CalendarDate::of(e.month->year(), static_cast<unsigned>(e.month->month()), 1);
        // An entry dated by its month stays while any day of that month is still to come.
        CalendarDate until = e.date ? *e.date : last_day_of(*e.month);
        if (until < from) continue;
        ProgrammeRow r;
        r.sorts_on = on;
        r.when = e.when;
        r.items.push_back({e.title, "", e.invitees, false});
        r.attendees = e.invitees;
        r.entry_id = e.id;
        r.entry_kind = e.kind;
        out.rows.push_back(std::move(r));
    }
    for (const auto& m : meetings) {
        if (m.date < from) continue;
        ProgrammeRow r;
        r.sorts_on = m.date;
        r.when = when_label(m);
        r.meeting_id = m.id;
        r.reserve = m.reserve;
        r.reserve_reason = m.reserve_reason;
        r.cancelled = m.status == MeetingStatus::cancelled;
        r.held = m.status == MeetingStatus::held;
        bool has_business = std::any_of(m.items.begin(), m.items.end(), [](const AgendaItem& i) {
            return i.kind == AgendaItemKind::business;
        });
        // A reserve date with no business item of its own shows its reason as its item.
        if (m.reserve && !has_business)
            r.items.push_back(
                {m.reserve_reason.empty() ? "Reserve date" : "Reserve date – " + m.reserve_reason,
                 "", "", false});
        for (const auto& i : m.items) {
            if (i.kind != AgendaItemKind::business && i.kind != AgendaItemKind::election_of_chair &&
                i.kind != AgendaItemKind::election_of_vice_chair)
                continue;
            r.items.push_back({i.title, i.purpose, i.invitees, !i.priority_ids.empty()});
        }
        std::vector<std::string> seen;
        for (const auto& i : r.items) {
            if (i.invitees.empty() || std::find(seen.begin(), seen.end(), i.invitees) != seen.end())
                continue;
            seen.push_back(i.invitees);
            r.attendees += (r.attendees.empty() ? "" : "; ") + i.invitees;
        }
        out.rows.push_back(std::move(r));
    }
    std::stable_sort(out.rows.begin(), out.rows.end(),
                     [](const ProgrammeRow& a, const ProgrammeRow& b) {
                         if (a.sorts_on != b.sorts_on) return a.sorts_on < b.sorts_on;
                         return a.entry_id.has_value() && !b.entry_id.has_value();
                     });
    return out;
}

}  // namespace scrutineer
