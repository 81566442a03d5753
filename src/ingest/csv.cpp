#include "scrutineer/csv.hpp"

#include <fmt/format.h>

#include "scrutineer/input_error.hpp"

namespace scrutineer {

std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file) {
    std::vector<CsvRecord> out;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    size_t line = 1, i = 0;
    const size_t n = text.size();
    while (i < n) {
        CsvRecord rec;
        rec.line = line;
        std::string field;
        bool end_of_record = false;
        while (!end_of_record) {
            field.clear();
            if (i < n && text[i] == '"') {
                size_t quote_line = line;
                ++i;
                for (;;) {
                    if (i >= n)
                        throw InputError(file, quote_line, "",
                                         "a quoted field is not closed before the end of the file");
                    char c = text[i++];
                    if (c == '"') {
                        if (i < n && text[i] == '"') {
                            field += '"';
                            ++i;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') ++line;
                        field += c;
                    }
                }
                if (i < n && text[i] == '\r') ++i;
                if (i < n && text[i] != ',' && text[i] != '\n')
                    throw InputError(
                        file, line, "",
                        fmt::format("field {}: text after a closing quote", rec.fields.size() + 1));
            } else {
                while (i < n && text[i] != ',' && text[i] != '\n') field += text[i++];
                if (!field.empty() && field.back() == '\r') field.pop_back();
            }
            rec.fields.push_back(field);
            if (i >= n) {
                end_of_record = true;
            } else if (text[i] == ',') {
                ++i;
            } else {  // '\n'
                ++i;
                ++line;
                end_of_record = true;
            }
        }
        if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;  // blank line
        out.push_back(std::move(rec));
    }
    return out;
}

void expect_header(const std::vector<CsvRecord>& records, const std::vector<std::string>& expected,
                   const std::string& file) {
    std::string want = fmt::format("{}", fmt::join(expected, ","));
    if (records.empty())
        throw InputError(file, 0, "", "the file is empty: expected the header " + want);
    if (records[0].fields != expected)
        throw InputError(file, 1, "",
                         fmt::format("the header is '{}', expected '{}'",
                                     fmt::join(records[0].fields, ","), want));
}

std::optional<int64_t> parse_decimal_micro(std::string_view t) {
    if (t.empty()) return std::nullopt;
    bool negative = false;
    size_t i = 0;
    if (t[0] == '-' || t[0] == '+') {
        negative = t[0] == '-';
        i = 1;
    }
    int64_t whole = 0, frac = 0;
    int whole_digits = 0, frac_digits = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++whole_digits) {
        if (whole > 9'000'000'000) return std::nullopt;
        whole = whole * 10 + (t[i] - '0');
    }
    if (i < t.size() && t[i] == '.') {
        ++i;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++frac_digits) {
            if (frac_digits == 6) return std::nullopt;
            frac = frac * 10 + (t[i] - '0');
        }
        if (frac_digits == 0) return std::nullopt;
    }
    if (i != t.size() || whole_digits == 0) return std::nullopt;
    for (int d = frac_digits; d < 6; ++d) frac *= 10;
    int64_t v = whole * 1'000'000 + frac;
    return negative ? -v : v;
}

std::optional<int64_t> parse_whole_number(std::string_view t) {
    std::string digits;
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == ',' && !digits.empty() && i + 1 < t.size()) continue;
        if (c < '0' || c > '9') return std::nullopt;
        digits += c;
    }
    if (digits.empty() || digits.size() > 15) return std::nullopt;
    return std::stoll(digits);
}

}  // namespace scrutineer
