#include "scrutineer/site.hpp"

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

std::vector<std::string> path_segments(const std::string& path) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at < path.size()) {
        if (path[at] == '/') {
            ++at;
            continue;
        }
        size_t end = path.find('/', at);
        if (end == std::string::npos) end = path.size();
        out.push_back(path.substr(at, end - at));
        at = end;
    }
    return out;
}

}  // namespace scrutineer::web
