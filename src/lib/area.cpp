#include "scrutineer/area.hpp"

#include <algorithm>

namespace scrutineer {

const char* to_string(AreaLevel level) {
    return level == AreaLevel::force ? "force" : "district";
}

std::vector<Area> areas_in_table_order(const std::vector<ForceDefinition>& forces) {
    std::vector<Area> areas;
    for (const auto& force : forces) {
        size_t force_index = areas.size();
        areas.push_back(Area{force.code, force.name, AreaLevel::force, force_index, force.note});
        std::vector<const DistrictDefinition*> districts;
        for (const auto& d : force.districts) districts.push_back(&d);
        std::sort(districts.begin(), districts.end(),
                  [](auto* a, auto* b) { return a->name < b->name; });
        for (const auto* d : districts)
            areas.push_back(Area{d->code, d->name, AreaLevel::district, force_index});
    }
    return areas;
}

}  // namespace scrutineer
