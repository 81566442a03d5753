#include "scrutineer/dataset_builder.hpp"

#include <fmt/format.h>
#include <set>

#include "scrutineer/input_error.hpp"
#include "scrutineer/police_uk.hpp"

namespace scrutineer {

Dataset build_dataset(const DatasetSources& src) {
    Dataset data;
    const auto& forces = src.police_uk ? src.police_uk->forces : src.forces;
    data.areas = areas_in_table_order(forces);

    // (force index, district name) -> area index
    std::map<std::pair<size_t, std::string>, size_t> area_of;
    std::map<std::string, size_t> area_by_code;
    {
        size_t force_index = 0;
        for (size_t a = 0; a < data.areas.size(); ++a) {
            const Area& area = data.areas[a];
            if (area.level == AreaLevel::force) {
                if (a != 0) ++force_index;
                area_of[{force_index, ""}] = a;
            } else {
                area_of[{force_index, area.name}] = a;
            }
            if (!area.code.empty()) area_by_code.emplace(area.code, a);
        }
    }

    std::vector<std::string> police_uk_types;
    if (src.police_uk) {
        police_uk_types = src.police_uk->crime_types;
        for (const auto& [key, series] : src.police_uk->series) {
            const auto& [force, district, indicator] = key;
            data.series[{area_of.at({force, district}), indicator}] = series;
        }
    }

    std::set<std::string> police_uk_names(police_uk_types.begin(), police_uk_types.end());
    if (!police_uk_types.empty()) police_uk_names.insert(std::string(kAllCrime));
    std::set<std::string> other_names;
    for (const auto& v : src.counts) {
        auto a = area_by_code.find(v.area_code);
        if (a == area_by_code.end())
            throw InputError(
                v.file, v.line, "area_code",
                fmt::format("'{}' is not an area of the area file (--areas)", v.area_code));
        Series& s = data.series[{a->second, v.indicator}];
        if (police_uk_names.count(v.indicator) && s.has(v.month))
            throw InputError(v.file, v.line, "indicator",
                             fmt::format("'{}' for {} {} is already counted from the police.uk "
                                         "files",
                                         v.indicator, v.area_code, to_string(v.month)));
        s.set(v.month, v.value_micro);
        if (!police_uk_names.count(v.indicator)) other_names.insert(v.indicator);
    }

    // A series that only feeds a catalogue composite or rate is not a row of its own.
    for (const auto& d : src.catalogue) {
        for (const auto& c : d.components) other_names.erase(c);
        if (!d.numerator.empty()) other_names.erase(d.numerator);
    }
    data.indicators =
        order_indicators(src.catalogue, police_uk_types,
                         std::vector<std::string>(other_names.begin(), other_names.end()));
    data.breaks = src.breaks;
    data.population = src.population;
    return data;
}

}  // namespace scrutineer
