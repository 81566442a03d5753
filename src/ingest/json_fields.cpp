#include "scrutineer/json_fields.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace scrutineer {

using json = nlohmann::json;

json parse_json(const std::string& text, const std::string& path) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {  // parse_error, and out_of_range for a number too big
        throw InputError(path, 0, "", fmt::format("not valid JSON: {}", e.what()));
    }
}

std::string json_item(const std::string& list, size_t i) {
    return fmt::format("{}[{}]", list, i);
}

JsonFields::JsonFields(const json& o, std::string w, const std::string& p,
                       std::initializer_list<const char*> known)
    : obj(o), where(std::move(w)), path(p) {
    if (!obj.is_object()) throw InputError(path, 0, where, "is not an object ({...})");
    for (const auto& item : obj.items()) {
        const std::string& key = item.key();
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
            throw InputError(path, 0, name(key), "is not a field this file may have");
    }
}

std::string JsonFields::name(const std::string& key) const {
    return where.empty() ? key : where + "." + key;
}

std::string JsonFields::item(const std::string& key, size_t i) const {
    return json_item(name(key), i);
}

void JsonFields::fail(const std::string& key, const std::string& problem) const {
    throw InputError(path, 0, name(key), problem);
}

bool JsonFields::has(const char* key) const {
    return obj.contains(key) && !obj[key].is_null();
}

void JsonFields::require_format(const char* format, const std::string& file_kind) const {
    if (text("format") != format)
        fail("format",
             fmt::format("is '{}'; a {} file's is '{}'", text("format"), file_kind, format));
}

std::string JsonFields::text(const char* key, bool required) const {
    if (!has(key)) {
        if (required) fail(key, "is missing");
        return "";
    }
    if (!obj[key].is_string()) fail(key, "is not text");
    return obj[key].get<std::string>();
}

std::optional<std::string> JsonFields::optional_text(const char* key) const {
    if (!has(key)) return std::nullopt;
    return text(key);
}

std::vector<std::string> JsonFields::texts(const char* key, bool required) const {
    std::vector<std::string> out;
    if (!has(key)) {
        if (required) fail(key, "is missing");
        return out;
    }
    if (!obj[key].is_array()) fail(key, "is not a list");
    for (size_t i = 0; i < obj[key].size(); ++i) {
        if (!obj[key][i].is_string()) throw InputError(path, 0, item(key, i), "is not text");
        out.push_back(obj[key][i].get<std::string>());
    }
    return out;
}

std::optional<int> JsonFields::whole(const char* key) const {
    if (!has(key)) return std::nullopt;
    if (!obj[key].is_number_integer()) fail(key, "is not a whole number");
    return obj[key].get<int>();
}

int JsonFields::required_whole(const char* key) const {
    auto v = whole(key);
    if (!v) fail(key, "is missing");
    return *v;
}

int64_t JsonFields::required_whole64(const char* key) const {
    if (!has(key)) fail(key, "is missing");
    if (!obj[key].is_number_integer()) fail(key, "is not a whole number");
    return obj[key].get<int64_t>();
}

bool JsonFields::flag(const char* key, bool otherwise) const {
    if (!has(key)) return otherwise;
    if (!obj[key].is_boolean()) fail(key, "is not true or false");
    return obj[key].get<bool>();
}

const json& JsonFields::list(const char* key, bool required) const {
    static const json empty = json::array();
    if (!has(key)) {
        if (required) fail(key, "is missing");
        return empty;
    }
    if (!obj[key].is_array()) fail(key, "is not a list");
    return obj[key];
}

Month JsonFields::month(const char* key) const {
    auto m = parse_month(text(key));
    if (!m) fail(key, fmt::format("'{}' is not a month (YYYY-MM)", text(key)));
    return *m;
}

CalendarDate JsonFields::date(const char* key) const {
    auto d = parse_date(text(key));
    if (!d) fail(key, fmt::format("'{}' is not a date (YYYY-MM-DD)", text(key)));
    return *d;
}

std::optional<CalendarDate> JsonFields::optional_date(const char* key) const {
    if (!has(key)) return std::nullopt;
    return date(key);
}

Visibility JsonFields::visibility() const {
    if (!has("visibility")) return Visibility::public_item;
    auto v = parse_visibility(text("visibility"));
    if (!v) fail("visibility", "must be 'public', 'exempt' or 'confidential'");
    return *v;
}

std::string JsonFields::code_problem(const std::string& value, const char* codes) {
    return fmt::format("'{}' is not one of {}", value, codes);
}

}  // namespace scrutineer
