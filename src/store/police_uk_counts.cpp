#include "scrutineer/police_uk_counts.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>

#include "scrutineer/database.hpp"

namespace scrutineer::store {

std::string encode_police_uk_counts(const PoliceUkCounts& counts) {
    std::set<std::string> names;
    for (const auto& [key, values] : counts)
        for (const auto& [indicator, v] : values) names.insert(indicator);
    std::string out;
    for (const auto& name : names) {
        if (name.find_first_of("|\r\n") != std::string::npos)
            throw std::invalid_argument("indicator name '" + name + "' has '|' or a line break");
        if (!out.empty()) out += '|';
        out += name;
    }
    out += '\n';
    for (const auto& [key, values] : counts) {
        const auto& [area, month] = key;
        if (area.find_first_of(",\r\n") != std::string::npos)
            throw std::invalid_argument("area code '" + area + "' has ',' or a line break");
        out += area;
        out += ',';
        out += to_string(month);
        for (const auto& name : names) {
            out += ',';
            auto it = values.find(name);
            if (it != values.end() && it->second != 0) out += std::to_string(it->second);
        }
        out += '\n';
    }
    return out;
}

void decode_police_uk_counts(std::string_view text, int64_t import_id,
                             const PoliceUkCountsReader& reader) {
    size_t line_number = 0;
    auto fail = [&](std::string_view why) {
        throw DatabaseError(
            fmt::format("police_uk_counts of import {}, line {}: {}", import_id, line_number, why));
    };
    auto next_line = [&](std::string_view& line) {
        if (text.empty()) return false;
        size_t end = text.find('\n');
        line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++line_number;
        return true;
    };
    std::string_view line;
    if (!next_line(line)) fail("no line of indicators");
    std::vector<std::string_view> names;
    for (size_t start = 0;;) {
        size_t bar = line.find('|', start);
        names.push_back(line.substr(start, bar - start));
        if (bar == std::string_view::npos) break;
        start = bar + 1;
    }
    if (reader.indicators) reader.indicators(names);
    while (next_line(line)) {
        size_t comma = line.find(',');
        if (comma == std::string_view::npos) fail("no month");
        std::string_view area = line.substr(0, comma);
        line.remove_prefix(comma + 1);
        comma = line.find(',');
        auto month = parse_month(line.substr(0, comma));
        if (!month) fail(fmt::format("'{}' is not a month", line.substr(0, comma)));
        line.remove_prefix(comma == std::string_view::npos ? line.size() : comma + 1);
        size_t n = 0;
        const char* p = line.data();
        const char* end = p + line.size();
        for (;; ++n) {
            const char* stop = std::find(p, end, ',');
            if (n >= names.size())
                fail(fmt::format("more values than {} indicators", names.size()));
            if (stop != p) {
                int64_t v = 0;
                auto [after, ec] = std::from_chars(p, stop, v);
                if (ec != std::errc() || after != stop)
                    fail(fmt::format("'{}' is not a whole number", std::string_view(p, stop - p)));
                reader.value(area, *month, n, v);
            }
            if (stop == end) break;
            p = stop + 1;
        }
        if (n + 1 != names.size())
            fail(fmt::format("{} values for {} indicators", n + 1, names.size()));
    }
}

void move_police_uk_observations(Database& db) {
    std::map<int64_t, PoliceUkCounts> by_import;
    for (const auto& r : db.query(
             "SELECT o.import_id, o.area_code, o.month, o.indicator, o.value_micro FROM "
             "observations o JOIN imports i ON i.id = o.import_id WHERE i.kind = 'police_uk'")) {
        auto month = parse_month(as_text(r[2]));
        if (!month) throw DatabaseError("observations: '" + as_text(r[2]) + "' is not a month");
        by_import[as_int(r[0])][{as_text(r[1]), *month}][as_text(r[3])] = as_int(r[4]);
    }
    std::vector<std::vector<Value>> rows;
    for (const auto& [id, counts] : by_import)
        rows.push_back({integer(id), text(encode_police_uk_counts(counts))});
    db.execute_many("INSERT INTO police_uk_counts (import_id, counts) VALUES (?, ?)", rows);
    db.execute(
        "DELETE FROM observations WHERE import_id IN (SELECT id FROM imports WHERE kind = "
        "'police_uk')");
}

}  // namespace scrutineer::store
