// Puts the imported inputs together into the Dataset the indicator tables are computed from.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "scrutineer/dataset.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/police_uk_import.hpp"

namespace scrutineer {

struct DatasetSources {
    std::vector<ForceDefinition> forces;      // used when there is no police.uk import
    const PoliceUkData* police_uk = nullptr;  // its forces win when present
    std::vector<MonthlyValue> counts;
    std::map<std::string, RecordingBreak> breaks;
    std::map<std::string, PopulationByAge> population;
    std::vector<IndicatorDefinition> catalogue;
};

// Throws InputError when a monthly count names an area that is not configured, or gives a
// value that police.uk data already gives for the same area, indicator and month.
Dataset build_dataset(const DatasetSources& sources);

}  // namespace scrutineer
