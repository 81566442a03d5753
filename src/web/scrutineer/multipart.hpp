// multipart/form-data bodies (RFC 7578), for file uploads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer::web {

struct FormPart {
    std::string name;
    std::string filename;  // empty for ordinary fields
    std::string content_type;
    std::string data;
};

// nullopt when the content type is not multipart/form-data with a boundary, or the body does
// not follow it.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type,
                                                     std::string_view body);

}  // namespace scrutineer::web
