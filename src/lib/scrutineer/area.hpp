// Areas: a police force area and its districts (local authority districts), named by their
// ONS GSS codes. Which force and which districts is data (an area file), never code.
#pragma once

#include <string>
#include <vector>

namespace scrutineer {

enum class AreaLevel { force, district };

const char* to_string(AreaLevel level);  // "force" / "district"

struct DistrictDefinition {
    std::string code;                  // ONS GSS code, e.g. E07000148
    std::string name;                  // ONS name, e.g. Norwich
    std::vector<std::string> aliases;  // other spellings found in LSOA names
};

// One force area as an area file defines it.
struct ForceDefinition {
    std::string name;       // exactly as in police.uk's "Falls within", e.g. Norfolk Constabulary
    std::string code;       // the code its tables carry, e.g. E10000020 (Norfolk county)
    std::string area_name;  // the place, e.g. Norfolk
    std::vector<DistrictDefinition> districts;
    // About the force's data, for its pages (the area file's "note"): what it covers and why it
    // is there, say.
    std::string note{};
};

// An area as the tables see it. The force's own row comes first, then its districts.
struct Area {
    std::string code;
    std::string name;  // force name for the force row, ONS district name for districts
    AreaLevel level = AreaLevel::force;
    size_t force = 0;    // index (in the same list) of the force area this area belongs to
    std::string note{};  // a force's ForceDefinition::note
};

// The areas of one or more forces in table order: each force, then its districts by name.
std::vector<Area> areas_in_table_order(const std::vector<ForceDefinition>& forces);

}  // namespace scrutineer
