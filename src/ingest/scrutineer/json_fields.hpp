// Reading a JSON data file one object at a time, naming each field by its path in the file
// ("priorities[2].title") in the InputError thrown for a field that is missing or wrong.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/month.hpp"

namespace scrutineer {

// The file's text parsed as JSON; "not valid JSON: ..." naming the file when it is not.
nlohmann::json parse_json(const std::string& text, const std::string& path);

// "name[i]": the place of the i-th item of a list in the file.
std::string json_item(const std::string& list, size_t i);

// One JSON object of a file. Unknown fields are refused, so that a misspelt field (say
// "sucess_measures") is not silently lost.
struct JsonFields {
    const nlohmann::json& obj;
    std::string where;
    const std::string& path;

    JsonFields(const nlohmann::json& o, std::string w, const std::string& p,
               std::initializer_list<const char*> known);

    // The field's path in the file: "where.key", or "key" at the top.
    std::string name(const std::string& key) const;
    // The i-th item of the list `key`: "where.key[i]".
    std::string item(const std::string& key, size_t i) const;
    [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
    // Present and not null.
    bool has(const char* key) const;

    // The file's "format" must be `format`, else "is 'x'; a <file_kind> file's is '<format>'".
    void require_format(const char* format, const std::string& file_kind) const;

    // Text; "" when absent and not required.
    std::string text(const char* key, bool required = true) const;
    std::optional<std::string> optional_text(const char* key) const;
    // A list of text; empty when absent and not required.
    std::vector<std::string> texts(const char* key, bool required = false) const;
    std::optional<int> whole(const char* key) const;
    int required_whole(const char* key) const;
    int64_t required_whole64(const char* key) const;
    // true or false; `otherwise` when absent.
    bool flag(const char* key, bool otherwise) const;
    // A list ([...]); empty when absent and not required.
    const nlohmann::json& list(const char* key, bool required = false) const;
    Month month(const char* key) const;
    CalendarDate date(const char* key) const;
    std::optional<CalendarDate> optional_date(const char* key) const;
    // 'public' (when absent), 'exempt' or 'confidential'.
    Visibility visibility() const;

    // An enum's code, parsed by the domain's parser; `codes` lists them for the message.
    template <typename Parse>
    auto code(const char* key, Parse parse, const char* codes) const {
        std::string t = text(key);
        auto v = parse(t);
        if (!v) fail(key, code_problem(t, codes));
        return *v;
    }

  private:
    static std::string code_problem(const std::string& value, const char* codes);
};

}  // namespace scrutineer
