// Everything the indicator tables are computed from, as plain data: the areas, the indicators
// in table order, the monthly series per area and indicator, recording breaks and population.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "scrutineer/area.hpp"
#include "scrutineer/indicator.hpp"
#include "scrutineer/recording_break.hpp"
#include "scrutineer/series.hpp"

namespace scrutineer {

// Population of one area by single year of age: index 0..89, and 90 for "90 and over".
using PopulationByAge = std::array<int64_t, 91>;

// Sum of ages from..to inclusive (90 means 90+).
int64_t population_aged(const PopulationByAge& p, int from, int to);

struct Dataset {
    std::vector<Area> areas;                                  // table order
    std::vector<IndicatorDefinition> indicators;              // table order
    std::map<std::pair<size_t, std::string>, Series> series;  // (area index, indicator name)
    std::map<std::string, RecordingBreak> breaks;             // indicator name -> its break
    std::map<std::string, PopulationByAge> population;        // area code -> population

    const Series* find_series(size_t area, const std::string& indicator) const;
    const IndicatorDefinition* find_indicator(const std::string& name) const;
    // The latest month any series has: the default period end.
    std::optional<Month> latest_month() const;
    // The latest month any series of the area's force (the force or one of its districts) has:
    // each force's default period end, since forces publish up to different months.
    std::optional<Month> latest_month_of_force(size_t area) const;
};

}  // namespace scrutineer
