// JSON answers' text. Text in a JSON answer can hold bytes that are not UTF-8 (a query parameter
// echoed in an error, a name from an imported file); nlohmann-json's dump() throws on them, which
// turned such a request into a 500 (found by fuzz/web_request). They are written as U+FFFD.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace scrutineer::web {

inline std::string json_text(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace scrutineer::web
