#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/json_fields.hpp"

namespace scrutineer {
namespace {

std::string required_string(const nlohmann::json& obj, const char* key, const std::string& where,
                            const std::string& file) {
    if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string() ||
        obj[key].get<std::string>().empty())
        throw InputError(file, 0, where + "." + key, "is missing or not a non-empty string");
    return obj[key].get<std::string>();
}

// A force's note is a paragraph or two, not a document.
constexpr size_t kMaxForceNote = 2000;

}  // namespace

ForceDefinition read_area_file(const std::string& path) {
    return parse_area_file(read_file(path), path);
}

ForceDefinition parse_area_file(const std::string& text, const std::string& path) {
    nlohmann::json j = parse_json(text, path);
    ForceDefinition def;
    if (!j.is_object() || !j.contains("force")) throw InputError(path, 0, "force", "is missing");
    const auto& f = j["force"];
    def.name = required_string(f, "name", "force", path);
    def.code = required_string(f, "code", "force", path);
    def.area_name = f.contains("area_name") && f["area_name"].is_string()
                        ? f["area_name"].get<std::string>()
                        : def.name;
    if (f.contains("note")) {
        if (!f["note"].is_string()) throw InputError(path, 0, "force.note", "is not text");
        def.note = f["note"].get<std::string>();
        if (def.note.size() > kMaxForceNote)
            throw InputError(path, 0, "force.note",
                             fmt::format("is longer than {} characters", kMaxForceNote));
    }
    if (!j.contains("districts") || !j["districts"].is_array())
        throw InputError(path, 0, "districts", "is missing or not a list");
    size_t i = 0;
    for (const auto& d : j["districts"]) {
        std::string where = fmt::format("districts[{}]", i++);
        DistrictDefinition dd{
            required_string(d, "code", where, path), required_string(d, "name", where, path), {}};
        if (d.contains("aliases")) {
            if (!d["aliases"].is_array())
                throw InputError(path, 0, where + ".aliases", "is not a list of names");
            for (const auto& a : d["aliases"]) {
                if (!a.is_string()) throw InputError(path, 0, where + ".aliases", "is not a name");
                dd.aliases.push_back(a.get<std::string>());
            }
        }
        for (const auto& other : def.districts)
            if (other.code == dd.code || other.name == dd.name)
                throw InputError(path, 0, where, "repeats district " + dd.name);
        def.districts.push_back(std::move(dd));
    }
    return def;
}

}  // namespace scrutineer
