// Readers of the monthly counts file and the recording-breaks file.
#include <fmt/format.h>

#include "scrutineer/csv.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/inputs.hpp"

namespace scrutineer {
namespace {

void expect_fields(const CsvRecord& r, size_t n, const std::string& file) {
    if (r.fields.size() != n)
        throw InputError(file, r.line, "",
                         fmt::format("expected {} fields, found {}", n, r.fields.size()));
}

Month month_field(const std::string& text, const char* field, const CsvRecord& r,
                  const std::string& file) {
    auto m = parse_month(text);
    if (!m)
        throw InputError(file, r.line, field, fmt::format("'{}' is not a month (YYYY-MM)", text));
    return *m;
}

}  // namespace

std::vector<MonthlyValue> read_monthly_counts(const std::string& path) {
    return parse_monthly_counts(read_file(path), path);
}

std::vector<MonthlyValue> parse_monthly_counts(const std::string& text, const std::string& path) {
    auto records = parse_csv(text, path);
    expect_header(records, {"area_code", "indicator", "month", "value"}, path);
    std::vector<MonthlyValue> out;
    std::map<std::tuple<std::string, std::string, Month>, size_t> seen;
    for (size_t i = 1; i < records.size(); ++i) {
        const auto& r = records[i];
        expect_fields(r, 4, path);
        MonthlyValue v;
        v.area_code = r.fields[0];
        v.indicator = r.fields[1];
        v.file = path;
        v.line = r.line;
        if (v.area_code.empty()) throw InputError(path, r.line, "area_code", "is empty");
        if (v.indicator.empty()) throw InputError(path, r.line, "indicator", "is empty");
        v.month = month_field(r.fields[2], "month", r, path);
        auto value = parse_decimal_micro(r.fields[3]);
        if (!value)
            throw InputError(path, r.line, "value",
                             fmt::format("'{}' is not a number (digits, an optional '.' and up "
                                         "to six decimals)",
                                         r.fields[3]));
        v.value_micro = *value;
        auto [it, fresh] = seen.emplace(std::make_tuple(v.area_code, v.indicator, v.month), r.line);
        if (!fresh)
            throw InputError(path, r.line, "",
                             fmt::format("{} {} {} is already given on line {}", v.area_code,
                                         v.indicator, r.fields[2], it->second));
        out.push_back(std::move(v));
    }
    return out;
}

std::map<std::string, RecordingBreak> read_breaks(const std::string& path) {
    return parse_breaks(read_file(path), path);
}

std::map<std::string, RecordingBreak> parse_breaks(const std::string& text,
                                                   const std::string& path) {
    auto records = parse_csv(text, path);
    expect_header(records, {"indicator", "break_month", "reason"}, path);
    std::map<std::string, RecordingBreak> out;
    for (size_t i = 1; i < records.size(); ++i) {
        const auto& r = records[i];
        expect_fields(r, 3, path);
        if (r.fields[0].empty()) throw InputError(path, r.line, "indicator", "is empty");
        Month b = month_field(r.fields[1], "break_month", r, path);
        if (!out.emplace(r.fields[0], RecordingBreak{b, r.fields[2]}).second)
            throw InputError(path, r.line, "indicator",
                             fmt::format("'{}' already has a break", r.fields[0]));
    }
    return out;
}

}  // namespace scrutineer
