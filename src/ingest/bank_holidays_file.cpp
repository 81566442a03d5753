#include "scrutineer/bank_holidays_file.hpp"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/json_fields.hpp"

namespace scrutineer {

namespace {
constexpr const char* kDivision = "england-and-wales";
}

BankHolidays parse_bank_holidays(const std::string& text, const std::string& path) {
    nlohmann::json doc = parse_json(text, path);
    if (!doc.is_object() || !doc.contains(kDivision))
        throw InputError(path, 0, kDivision,
                         "is missing: the file must have the England and Wales division, as "
                         "GOV.UK's bank-holidays.json does");
    const auto& division = doc[kDivision];
    if (!division.is_object()) throw InputError(path, 0, kDivision, "is not an object ({...})");
    std::string where = kDivision;
    if (division.contains("division") &&
        (!division["division"].is_string() || division["division"] != kDivision))
        throw InputError(path, 0, where + ".division",
                         fmt::format("is {}, not \"{}\"", division["division"].dump(), kDivision));
    if (!division.contains("events") || !division["events"].is_array())
        throw InputError(path, 0, where + ".events", "is missing or not a list");
    const auto& events = division["events"];
    std::vector<BankHoliday> list;
    std::map<CalendarDate, size_t> seen;
    for (size_t i = 0; i < events.size(); ++i) {
        std::string at = fmt::format("{}.events[{}]", where, i);
        const auto& e = events[i];
        if (!e.is_object()) throw InputError(path, 0, at, "is not an object ({...})");
        if (!e.contains("date") || !e["date"].is_string())
            throw InputError(path, 0, at + ".date", "is missing or not text");
        std::string date_text = e["date"].get<std::string>();
        auto date = parse_date(date_text);
        if (!date)
            throw InputError(path, 0, at + ".date",
                             fmt::format("'{}' is not a date (YYYY-MM-DD)", date_text));
        if (!e.contains("title") || !e["title"].is_string() ||
            e["title"].get<std::string>().empty())
            throw InputError(path, 0, at + ".title", "is missing, empty or not text");
        if (auto [it, fresh] = seen.emplace(*date, i); !fresh)
            throw InputError(
                path, 0, at + ".date",
                fmt::format("{} is given twice (also events[{}])", date_text, it->second));
        list.push_back(BankHoliday{*date, e["title"].get<std::string>()});
    }
    if (list.empty()) throw InputError(path, 0, where + ".events", "has no bank holidays");
    return BankHolidays(std::move(list));
}

BankHolidays read_bank_holidays_file(const std::string& path) {
    return parse_bank_holidays(read_file(path), path);
}

}  // namespace scrutineer
