// Readers of reference data: ONS population by age, LSOA and district lookups, and the
// indicator catalogue.
#include <fmt/format.h>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "scrutineer/csv.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/json_fields.hpp"

namespace scrutineer {
namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Index of the first column whose upper-cased name satisfies `match`.
template <class Match>
size_t find_column(const CsvRecord& header, Match match, const std::string& what,
                   const std::string& file) {
    for (size_t i = 0; i < header.fields.size(); ++i)
        if (match(upper(header.fields[i]))) return i;
    throw InputError(file, header.line, "", "no " + what + " column in the header");
}

}  // namespace

std::map<std::string, PopulationByAge> read_population(const std::string& path) {
    return parse_population(read_file(path), path);
}

std::map<std::string, PopulationByAge> parse_population(const std::string& text,
                                                        const std::string& path) {
    auto records = parse_csv(text, path);
    if (records.empty()) throw InputError(path, 0, "", "the file is empty");
    const auto& h = records[0].fields;
    if (h.size() != 95 || h[0] != "Code" || h[3] != "All ages" || h[4] != "0" || h[93] != "89" ||
        h[94] != "90+")
        throw InputError(path, 1, "",
                         "not an ONS MYE2 table: expected the header Code,Name,Geography1,"
                         "All ages,0,1,...,89,90+");
    std::map<std::string, PopulationByAge> out;
    for (size_t i = 1; i < records.size(); ++i) {
        const auto& r = records[i];
        if (r.fields.size() == 1) continue;  // the ONS table's footnotes
        if (r.fields.size() != 95)
            throw InputError(path, r.line, "",
                             fmt::format("expected 95 fields, found {}", r.fields.size()));
        PopulationByAge p{};
        for (size_t age = 0; age <= 90; ++age) {
            auto v = parse_whole_number(r.fields[4 + age]);
            if (!v)
                throw InputError(path, r.line, h[4 + age],
                                 fmt::format("'{}' is not a whole number", r.fields[4 + age]));
            p[age] = *v;
        }
        out[r.fields[0]] = p;
    }
    return out;
}

LsoaLookup read_lsoa_lookup(const std::string& path) {
    return parse_lsoa_lookup(read_file(path), path);
}

LsoaLookup parse_lsoa_lookup(const std::string& text, const std::string& path) {
    auto records = parse_csv(text, path);
    if (records.empty()) throw InputError(path, 0, "", "the file is empty");
    size_t code = find_column(
        records[0],
        [](const std::string& n) {
            return (n.rfind("LSOA", 0) == 0 && n.size() > 4 && n.substr(n.size() - 2) == "CD") ||
                   n == "LSOA_CODE";
        },
        "LSOA code (LSOA11CD, LSOA21CD or lsoa_code)", path);
    size_t name = find_column(
        records[0],
        [](const std::string& n) {
            return (n.rfind("LAD", 0) == 0 && n.size() > 3 && n.substr(n.size() - 2) == "NM") ||
                   n == "DISTRICT_NAME";
        },
        "district name (LAD19NM, LAD21NM or district_name)", path);
    LsoaLookup out;
    for (size_t i = 1; i < records.size(); ++i) {
        const auto& r = records[i];
        if (r.fields.size() <= std::max(code, name))
            throw InputError(path, r.line, "", "the row has fewer fields than the header");
        if (r.fields[code].empty())
            throw InputError(path, r.line, records[0].fields[code], "is empty");
        out.district_of[r.fields[code]] = r.fields[name];
    }
    return out;
}

std::map<std::string, std::string> read_district_codes(const std::string& path) {
    return parse_district_codes(read_file(path), path);
}

std::map<std::string, std::string> parse_district_codes(const std::string& text,
                                                        const std::string& path) {
    auto records = parse_csv(text, path);
    if (records.empty()) throw InputError(path, 0, "", "the file is empty");
    size_t code = find_column(
        records[0],
        [](const std::string& n) {
            return n.rfind("LAD", 0) == 0 && n.substr(n.size() - 2) == "CD";
        },
        "district code (LAD17CD)", path);
    size_t name = find_column(
        records[0],
        [](const std::string& n) {
            return n.rfind("LAD", 0) == 0 && n.substr(n.size() - 2) == "NM";
        },
        "district name (LAD17NM)", path);
    std::map<std::string, std::string> out;
    for (size_t i = 1; i < records.size(); ++i) {
        const auto& r = records[i];
        if (r.fields.size() <= std::max(code, name))
            throw InputError(path, r.line, "", "the row has fewer fields than the header");
        out[r.fields[name]] = r.fields[code];
    }
    return out;
}

std::vector<IndicatorDefinition> read_indicator_catalogue(const std::string& path) {
    return parse_indicator_catalogue(read_file(path), path);
}

std::string indicator_catalogue_json(const std::vector<IndicatorDefinition>& catalogue) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& d : catalogue) {
        nlohmann::json e = {{"name", d.name}, {"kind", to_string(d.kind)}};
        if (!d.components.empty()) e["components"] = d.components;
        if (!d.numerator.empty()) e["numerator"] = d.numerator;
        if (d.kind == IndicatorKind::rate) {
            e["per"] = d.per;
            e["age_from"] = d.age_from;
            e["age_to"] = d.age_to;
        }
        if (d.force_only) e["force_only"] = true;
        if (!d.source_note.empty()) e["source_note"] = d.source_note;
        if (d.visibility != Visibility::public_item) e["visibility"] = to_string(d.visibility);
        e["improvement"] = to_string(d.improvement);
        j.push_back(std::move(e));
    }
    return j.dump();
}

std::vector<IndicatorDefinition> parse_indicator_catalogue(const std::string& text,
                                                           const std::string& path) {
    nlohmann::json j = parse_json(text, path);
    if (!j.is_array()) throw InputError(path, 0, "", "expected a JSON list of indicators");
    std::vector<IndicatorDefinition> out;
    for (size_t i = 0; i < j.size(); ++i) {
        const auto& e = j[i];
        std::string where = fmt::format("[{}]", i);
        auto str = [&](const char* key, bool required) -> std::string {
            if (!e.contains(key)) {
                if (required) throw InputError(path, 0, where + "." + key, "is missing");
                return {};
            }
            if (!e[key].is_string()) throw InputError(path, 0, where + "." + key, "is not text");
            return e[key].get<std::string>();
        };
        auto integer = [&](const char* key, int fallback, int lo, int hi) {
            if (!e.contains(key)) return fallback;
            // Compared as the number it is: get<int>() would wrap 4294967297 round to 1.
            const auto& v = e[key];
            if (!v.is_number_integer() ||
                (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(hi)) ||
                v.get<int64_t>() < lo || v.get<int64_t>() > hi)
                throw InputError(path, 0, where + "." + key,
                                 fmt::format("must be a whole number from {} to {}", lo, hi));
            return e[key].get<int>();
        };
        if (!e.is_object()) throw InputError(path, 0, where, "is not an object");
        IndicatorDefinition d;
        d.name = str("name", true);
        if (d.name.empty()) throw InputError(path, 0, where + ".name", "is empty");
        std::string kind = str("kind", false);
        if (!kind.empty() && !parse_indicator_kind(kind, d.kind))
            throw InputError(path, 0, where + ".kind",
                             fmt::format("'{}' is not one of count, composite, rate, percentage, "
                                         "snapshot",
                                         kind));
        if (e.contains("components")) {
            if (!e["components"].is_array())
                throw InputError(path, 0, where + ".components", "is not a list of names");
            for (const auto& c : e["components"]) {
                if (!c.is_string())
                    throw InputError(path, 0, where + ".components", "is not a name");
                d.components.push_back(c.get<std::string>());
            }
        }
        if (d.kind == IndicatorKind::composite && d.components.empty())
            throw InputError(path, 0, where + ".components", "a composite needs its components");
        d.numerator = str("numerator", d.kind == IndicatorKind::rate);
        d.per = integer("per", 10000, 1, 1'000'000);
        d.age_from = integer("age_from", 0, 0, 90);
        d.age_to = integer("age_to", 90, d.age_from, 90);
        if (e.contains("force_only")) {
            if (!e["force_only"].is_boolean())
                throw InputError(path, 0, where + ".force_only", "is not true or false");
            d.force_only = e["force_only"].get<bool>();
        }
        d.source_note = str("source_note", false);
        if (std::string v = str("visibility", false); !v.empty()) {
            auto parsed = parse_visibility(v);
            if (!parsed)
                throw InputError(path, 0, where + ".visibility",
                                 fmt::format("'{}' is not one of public, exempt, confidential", v));
            d.visibility = *parsed;
        }
        d.improvement = default_improvement(d.kind);
        if (std::string v = str("improvement", false); !v.empty()) {
            auto parsed = parse_improvement(v);
            if (!parsed)
                throw InputError(path, 0, where + ".improvement",
                                 fmt::format("'{}' is not one of increase, decrease, neither", v));
            d.improvement = *parsed;
        }
        for (const auto& other : out)
            if (other.name == d.name)
                throw InputError(path, 0, where + ".name", "repeats indicator " + d.name);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace scrutineer
