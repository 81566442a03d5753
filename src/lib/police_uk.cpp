#include "scrutineer/police_uk.hpp"

#include <algorithm>
#include <set>

namespace scrutineer {

bool counts_towards_all_crime(std::string_view crime_type) {
    return crime_type != kAntiSocialBehaviour;
}

namespace {

IndicatorDefinition count_indicator(const std::string& name) {
    IndicatorDefinition d;
    d.name = name;
    return d;
}

}  // namespace

std::vector<IndicatorDefinition> order_indicators(const std::vector<IndicatorDefinition>& catalogue,
                                                  const std::vector<std::string>& police_uk_types,
                                                  const std::vector<std::string>& other_series) {
    std::vector<IndicatorDefinition> out;
    std::set<std::string> listed;
    auto add = [&](IndicatorDefinition d) {
        if (listed.insert(d.name).second) out.push_back(std::move(d));
    };
    for (const auto& d : catalogue) add(d);
    auto counts = [&](std::vector<std::string> names) {
        std::sort(names.begin(), names.end());
        for (auto& n : names) add(count_indicator(n));
    };
    if (!police_uk_types.empty()) add(count_indicator(std::string(kAllCrime)));
    counts(police_uk_types);
    counts(other_series);
    return out;
}

}  // namespace scrutineer
