// Hand-written: Boost 1.74 and the other Debian-packaged libraries here have no
// multipart/form-data parser, and the format is small.
#include "scrutineer/multipart.hpp"

#include <cctype>

namespace scrutineer::web {
namespace {

std::string lower(std::string_view s) {
    std::string out;
    for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The value of `key="value"` (or key=value) in a header's parameters.
std::string parameter(std::string_view header, std::string_view key) {
    std::string l = lower(header);
    std::string needle = std::string(key) + "=";
    size_t pos = 0;
    while ((pos = l.find(needle, pos)) != std::string::npos) {
        if (pos == 0 || l[pos - 1] == ' ' || l[pos - 1] == ';') break;
        pos += needle.size();
    }
    if (pos == std::string::npos) return {};
    pos += needle.size();
    if (pos < header.size() && header[pos] == '"') {
        size_t end = header.find('"', pos + 1);
        return std::string(header.substr(
            pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1));
    }
    size_t end = header.find(';', pos);
    std::string v(
        header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    while (!v.empty() && v.back() == ' ') v.pop_back();
    return v;
}

}  // namespace

std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type,
                                                     std::string_view body) {
    if (lower(content_type).rfind("multipart/form-data", 0) != 0) return std::nullopt;
    std::string boundary = parameter(content_type, "boundary");
    if (boundary.empty() || boundary.size() > 200) return std::nullopt;
    std::string delimiter = "--" + boundary;
    std::vector<FormPart> parts;
    size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos) return std::nullopt;
    for (;;) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n") return std::nullopt;
        pos += 2;
        size_t headers_end = body.find("\r\n\r\n", pos);
        if (headers_end == std::string_view::npos) return std::nullopt;
        FormPart part;
        std::string_view headers = body.substr(pos, headers_end - pos);
        while (!headers.empty()) {
            size_t eol = headers.find("\r\n");
            std::string_view line = headers.substr(0, eol);
            size_t colon = line.find(':');
            if (colon != std::string_view::npos) {
                std::string name = lower(line.substr(0, colon));
                std::string_view value = line.substr(colon + 1);
                while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
                if (name == "content-disposition") {
                    part.name = parameter(value, "name");
                    part.filename = parameter(value, "filename");
                } else if (name == "content-type") {
                    part.content_type = std::string(value);
                }
            }
            if (eol == std::string_view::npos) break;
            headers.remove_prefix(eol + 2);
        }
        size_t data_start = headers_end + 4;
        size_t next = body.find("\r\n" + delimiter, data_start);
        if (next == std::string_view::npos) return std::nullopt;
        part.data = std::string(body.substr(data_start, next - data_start));
        parts.push_back(std::move(part));
        pos = next + 2;
    }
}

}  // namespace scrutineer::web
