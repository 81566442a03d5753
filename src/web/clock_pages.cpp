#include "scrutineer/clock_pages.hpp"

#include <fmt/format.h>
#include <array>
#include <cctype>
#include <map>
#include <stdexcept>

#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/multipart.hpp"
#include "scrutineer/working_day_clock.hpp"

namespace scrutineer::web {
namespace {

// "Friday 6 January 2023"
std::string day_name(CalendarDate d) {
    static constexpr std::array<const char*, 7> names = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    unsigned w = std::chrono::weekday{std::chrono::sys_days{d.ymd}}.c_encoding();
    return std::string(names[w]) + " " + long_name(d);
}

bool all_digits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

struct CountingChoice {
    Counting counting;
    const char* label;
    const char* hint;
};
constexpr std::array<CountingChoice, 3> kChoices = {{
    {Counting::working_days_after, "Working days after the date",
     "Weekdays that are not bank holidays; the date itself is day 0"},
    {Counting::days_after, "Days after the date", "Calendar days; the date itself is day 0"},
    {Counting::days_beginning_with, "Days beginning with the date",
     "Calendar days; the date itself is day 1 (for example, 56 days under Police Act 1996 s55)"},
}};

// The date counted from: `from` as YYYY-MM-DD, or GOV.UK's date input (from-day, from-month,
// from-year).
std::optional<CalendarDate> read_from(const Request& req, FormErrors& errors, Data& d) {
    std::string day = trimmed(req.query_value("from-day"), " \t"),
                month = trimmed(req.query_value("from-month"), " \t"),
                year = trimmed(req.query_value("from-year"), " \t");
    if (req.query.count("from") && day.empty() && month.empty() && year.empty()) {
        std::string text = trimmed(req.query_value("from"), " \t");
        if (auto date = parse_date(text)) {
            day = std::to_string(date->day());
            month = std::to_string(date->month());
            year = std::to_string(date->year());
        } else {
            d.set("from_day", "");
            d.set("from_month", "");
            d.set("from_year", "");
            errors.add("from-day", text.empty() ? "Enter the date to count from"
                                                : "The date to count from must be a real date, "
                                                  "like 24 10 2019");
            return std::nullopt;
        }
    }
    d.set("from_day", day);
    d.set("from_month", month);
    d.set("from_year", year);
    if (day.empty() && month.empty() && year.empty()) {
        errors.add("from-day", "Enter the date to count from");
        return std::nullopt;
    }
    std::vector<std::string> missing;
    if (day.empty()) missing.push_back("a day");
    if (month.empty()) missing.push_back("a month");
    if (year.empty()) missing.push_back("a year");
    if (!missing.empty()) {
        std::string what = missing[0];
        if (missing.size() == 2) what += " and " + missing[1];
        errors.add(day.empty()     ? "from-day"
                   : month.empty() ? "from-month"
                                   : "from-year",
                   "The date to count from must include " + what);
        return std::nullopt;
    }
    std::optional<CalendarDate> date;
    if (all_digits(day) && all_digits(month) && all_digits(year) && day.size() <= 2 &&
        month.size() <= 2 && year.size() == 4)
        date = parse_date(fmt::format("{}-{:0>2}-{:0>2}", year, month, day));
    if (!date) {
        errors.add("from-day", "The date to count from must be a real date, like 24 10 2019");
        return std::nullopt;
    }
    return date;
}

Response deadlines_page(Site& site, const Request& req) {
    Data d = object();
    FormErrors errors;
    bool asked = !req.query.empty();
    std::string count_text = trimmed(req.query_value("count"), " \t");
    std::string counting_text = req.query_value("counting");
    d.set("count", count_text);

    std::optional<CalendarDate> from;
    std::optional<int> count;
    std::optional<Counting> counting = parse_counting(counting_text);
    if (asked) {
        from = read_from(req, errors, d);
        if (count_text.empty()) {
            errors.add("count", "Enter the number of days");
        } else if (!all_digits(count_text) || count_text.size() > 6) {
            errors.add("count", count_text[0] == '-' && all_digits(count_text.substr(1))
                                    ? "The number of days must be 0 or more"
                                    : "The number of days must be a whole number, like 10");
        } else {
            count = std::stoi(count_text);
        }
        if (!counting) errors.add("counting", "Choose how to count the days");
    } else {
        d.set("from_day", "");
        d.set("from_month", "");
        d.set("from_year", "");
    }

    Data choices = list();
    for (size_t i = 0; i < kChoices.size(); ++i) {
        Data c = object();
        c.set("id", i == 0 ? "counting" : "counting-" + to_string(kChoices[i].counting));
        c.set("value", to_string(kChoices[i].counting));
        c.set("label", kChoices[i].label);
        c.set("hint", kChoices[i].hint);
        c.set("checked", counting == kChoices[i].counting);
        choices.push_back(c);
    }
    d.set("choices", choices);

    BankHolidays holidays;
    {
        auto db = site.database();
        holidays = store::load_bank_holidays(*db);
    }
    d.set("no_holidays", holidays.empty());
    d.set("has_result", false);
    if (asked && !errors.any()) {
        try {
            Deadline due = deadline(*counting, *from, *count, holidays);
            d.set("has_result", true);
            d.set("due", day_name(due.due));
            d.set("due_iso", to_string(due.due));
            d.set("workings", workings(due));
            Data skipped = list();
            for (const auto& h : due.skipped) {
                Data s = object();
                s.set("date", day_name(h.date));
                s.set("title", h.title);
                skipped.push_back(s);
            }
            d.set("has_skipped", !due.skipped.empty());
            d.set("skipped", skipped);
            d.set("beyond_known_holidays", due.beyond_known_holidays);
        } catch (const std::invalid_argument& e) {
            std::string message = e.what();
            if (!message.empty()) message[0] = static_cast<char>(std::toupper(message[0]));
            errors.add("count", message);
        }
    }
    for (const char* field : {"from", "count", "counting"}) {
        std::string message;
        for (const auto& [f, m] : errors.by_field)
            if (f.rfind(field, 0) == 0) message = m;
        d.set(std::string("error_") + field, message);
        d.set(std::string("has_error_") + field, !message.empty());
    }
    d.set("errors", errors.list);
    d.set("has_errors", errors.any());
    return site.page(req, "deadlines",
                     errors.any() ? "Error: Deadline calculator" : "Deadline calculator", d,
                     errors.any() ? 400 : 200);
}

Response bank_holidays_page(Site& site, const Request& req, const std::string& error = "",
                            int status = 200) {
    Data d = object();
    BankHolidays holidays;
    {
        auto db = site.database();
        holidays = store::load_bank_holidays(*db);
        auto rows = db->query(
            "SELECT i.source, i.imported_by, i.imported_at FROM bank_holidays b "
            "JOIN imports i ON i.id = b.import_id ORDER BY b.date LIMIT 1");
        d.set("has_source", !rows.empty());
        if (!rows.empty()) {
            d.set("source", store::as_text(rows[0][0]));
            d.set("imported_by", store::as_text(rows[0][1]));
            d.set("imported_at", store::as_text(rows[0][2]));
        }
    }
    Data years = list();
    for (size_t i = 0; i < holidays.list().size();) {
        int year = holidays.list()[i].date.year();
        Data y = object();
        y.set("year", std::to_string(year));
        Data rows = list();
        for (; i < holidays.list().size() && holidays.list()[i].date.year() == year; ++i) {
            Data r = object();
            r.set("date", day_name(holidays.list()[i].date));
            r.set("iso", to_string(holidays.list()[i].date));
            r.set("title", holidays.list()[i].title);
            rows.push_back(r);
        }
        y.set("holidays", rows);
        years.push_back(y);
    }
    d.set("years", years);
    d.set("has_holidays", !holidays.empty());
    d.set("count", std::to_string(holidays.list().size()));
    d.set("first_year", holidays.empty() ? "" : std::to_string(*holidays.first_year()));
    d.set("last_year", holidays.empty() ? "" : std::to_string(*holidays.last_year()));
    d.set("is_admin", site.role() == Role::administrator);
    d.set("error", error);
    d.set("has_error", !error.empty());
    return site.page(req, "bank_holidays", error.empty() ? "Bank holidays" : "Error: Bank holidays",
                     d, status);
}

Response import_bank_holidays(Site& site, const Request& req) {
    if (auto no =
            site.require(req, site.role() == Role::administrator, "replace the bank holidays"))
        return *no;
    std::optional<std::vector<FormPart>> parts;
    auto ct = req.headers.find("content-type");
    if (ct != req.headers.end()) parts = parse_multipart(ct->second, req.body);
    const FormPart* file = nullptr;
    if (parts)
        for (const auto& p : *parts)
            if (p.name == "file" && !p.filename.empty()) file = &p;
    if (!file || file->data.empty())
        return bank_holidays_page(site, req, "Choose the bank holidays file (bank-holidays.json)",
                                  400);
    // Only the plain file name is shown and logged.
    std::string name;
    for (char c : file->filename.substr(file->filename.find_last_of("/\\") + 1))
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')
            name += c;
    if (name.empty() || name.size() > 200) name = "upload.json";
    try {
        BankHolidays list = parse_bank_holidays(file->data, name);
        auto db = site.database();
        store::import_bank_holidays(*db, list, name + " (uploaded)", site.actor());
    } catch (const InputError& e) {
        return bank_holidays_page(
            site, req, std::string(e.what()) + ". The bank holidays were not changed.", 400);
    }
    return Response::redirect("/bank-holidays");
}

}  // namespace

std::optional<Response> clock_pages(Site& site, const Request& req) {
    if (req.method == "GET" || req.method == "HEAD") {
        if (req.path == "/deadlines") return deadlines_page(site, req);
        if (req.path == "/bank-holidays") return bank_holidays_page(site, req);
    }
    if (req.method == "POST" && req.path == "/bank-holidays")
        return import_bank_holidays(site, req);
    return std::nullopt;
}

}  // namespace scrutineer::web
