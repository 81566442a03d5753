#include "scrutineer/json_fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

namespace scrutineer {

using json = nlohmann::json;

namespace {

// The library's own DOM builder, watched: nlohmann::json keeps the last of two equal keys in an
// object and silently drops the first, and stores a whole number beyond 64 bits as a double (so
// its digits are lost). Either would make the file say something other than what is read, so
// both are refused here, naming the place ("complaints[3].incident") as JsonFields names it.
// The SAX interface is the library's documented way to see every key and a number's own text.
class CheckedDom {
  public:
    CheckedDom(json& result, const std::string& path) : dom_(result), path_(path) {}

    bool null() { return value() && dom_.null(); }
    bool boolean(bool v) { return value() && dom_.boolean(v); }
    bool number_integer(json::number_integer_t v) { return value() && dom_.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
    bool number_float(json::number_float_t v, const std::string& s) {
        value();
        // The library reads a whole number too big for 64 bits as a double.
        if (s.find_first_of(".eE") == std::string::npos)
            throw InputError(
                path_, 0, where(),
                fmt::format("is {}, which is out of range (at {} {})", s,
                            s[0] == '-' ? "least" : "most",
                            s[0] == '-' ? std::to_string(std::numeric_limits<int64_t>::min())
                                        : std::to_string(std::numeric_limits<uint64_t>::max())));
        return dom_.number_float(v, s);
    }
    bool string(std::string& v) { return value() && dom_.string(v); }
    bool binary(json::binary_t& v) { return value() && dom_.binary(v); }
    bool start_object(std::size_t n) {
        value();
        levels_.push_back(Level{true, {}, "", 0});
        return dom_.start_object(n);
    }
    bool key(std::string& k) {
        Level& top = levels_.back();
        top.key = k;
        if (!top.keys.insert(k).second)
            throw InputError(path_, 0, where(),
                             "is given twice in one object; a field may be given once");
        return dom_.key(k);
    }
    bool end_object() {
        levels_.pop_back();
        return dom_.end_object();
    }
    bool start_array(std::size_t n) {
        value();
        levels_.push_back(Level{false, {}, "", 0});
        return dom_.start_array(n);
    }
    bool end_array() {
        levels_.pop_back();
        return dom_.end_array();
    }
    bool parse_error(std::size_t position, const std::string& token,
                     const nlohmann::detail::exception& e) {
        return dom_.parse_error(position, token, e);
    }

  private:
    struct Level {
        bool object;
        std::set<std::string> keys;  // an object's keys so far
        std::string key;             // an object's current key
        size_t items;                // an array's items so far
    };

    // A value begins: in a list, the next item.
    bool value() {
        if (!levels_.empty() && !levels_.back().object) ++levels_.back().items;
        return true;
    }

    // The place of the current value: "complaints[3].incident", as JsonFields names fields.
    std::string where() const {
        std::string out;
        for (const Level& l : levels_) {
            if (l.object)
                out += (out.empty() ? "" : ".") + l.key;
            else if (l.items > 0)
                out += fmt::format("[{}]", l.items - 1);
        }
        return out;
    }

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    const std::string& path_;
    std::vector<Level> levels_;
};

}  // namespace

json parse_json(const std::string& text, const std::string& path) {
    try {
        json result;
        CheckedDom dom(result, path);
        json::sax_parse(text, &dom);
        return result;
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

namespace {

// The field's whole number if it lies in [lowest, highest]; else the InputError names the
// number as the file gives it (get<int>() would wrap 9223372036854775808 round to 0).
template <typename T>
T whole_in_range(const JsonFields& f, const char* key) {
    const json& v = f.obj[key];
    if (!v.is_number_integer()) f.fail(key, "is not a whole number");
    bool fits = v.is_number_unsigned()
                    ? v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max())
                    : v.get<int64_t>() >= std::numeric_limits<T>::min() &&
                          v.get<int64_t>() <= std::numeric_limits<T>::max();
    if (!fits) {
        bool negative = !v.is_number_unsigned() && v.get<int64_t>() < 0;
        f.fail(key, fmt::format("is {}, which is out of range (at {} {})", v.dump(),
                                negative ? "least" : "most",
                                negative ? std::to_string(std::numeric_limits<T>::min())
                                         : std::to_string(std::numeric_limits<T>::max())));
    }
    return v.get<T>();
}

}  // namespace

std::optional<int> JsonFields::whole(const char* key) const {
    if (!has(key)) return std::nullopt;
    return whole_in_range<int>(*this, key);
}

int JsonFields::required_whole(const char* key) const {
    auto v = whole(key);
    if (!v) fail(key, "is missing");
    return *v;
}

int64_t JsonFields::required_whole64(const char* key) const {
    if (!has(key)) fail(key, "is missing");
    return whole_in_range<int64_t>(*this, key);
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
