#include "scrutineer/site.hpp"

#include "scrutineer/routes.hpp"

namespace scrutineer::web {

std::optional<int64_t> parse_id(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    return std::stoll(text);
}

Data form_error(const std::string& field, const std::string& message) {
    Data e = object();
    e.set("has_error", true);
    e.set("error", message);
    e.set("error_field", field);
    return e;
}

void FormErrors::add(const std::string& field, const std::string& message) {
    if (by_field.count(field)) return;
    Data e = object();
    e.set("field", field);
    e.set("message", message);
    list.push_back(e);
    by_field[field] = message;
}

void FormErrors::into(Data& d) const {
    d.set("has_errors", any());
    d.set("errors", list);
    for (const auto& [field, message] : by_field) {
        std::string key = field;
        for (char& c : key)
            if (c == '-') c = '_';
        d.set("has_error_" + key, true);
        d.set("error_" + key, message);
    }
}

void FormErrors::into(Data& d, std::initializer_list<const char*> fields) const {
    for (const char* f : fields) {
        auto it = by_field.find(f);
        d.set(std::string("has_error_") + f, it != by_field.end());
        d.set(std::string("error_") + f, it == by_field.end() ? "" : it->second);
    }
    d.set("errors", list);
    d.set("has_errors", any());
}

Data choice(const std::string& value, const std::string& label, bool selected) {
    Data d = object();
    d.set("value", value);
    d.set("label", label);
    d.set("selected", selected);
    return d;
}

std::vector<std::string> path_segments(const std::string& path) {
    auto segments = segments_of(path);
    return {segments.begin(), segments.end()};
}

}  // namespace scrutineer::web
