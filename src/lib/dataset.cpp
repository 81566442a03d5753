#include "scrutineer/dataset.hpp"

namespace scrutineer {

int64_t population_aged(const PopulationByAge& p, int from, int to) {
    int64_t total = 0;
    for (int age = from; age <= to && age <= 90; ++age)
        if (age >= 0) total += p[static_cast<size_t>(age)];
    return total;
}

const Series* Dataset::find_series(size_t area, const std::string& indicator) const {
    auto it = series.find({area, indicator});
    return it == series.end() ? nullptr : &it->second;
}

const IndicatorDefinition* Dataset::find_indicator(const std::string& name) const {
    for (const auto& i : indicators)
        if (i.name == name) return &i;
    return nullptr;
}

std::optional<Month> Dataset::latest_month() const {
    std::optional<Month> latest;
    for (const auto& [key, s] : series) {
        auto m = s.last_present();
        if (m && (!latest || *m > *latest)) latest = m;
    }
    return latest;
}

std::optional<Month> Dataset::latest_month_of_force(size_t area) const {
    std::optional<Month> latest;
    size_t force = areas.at(area).force;
    for (const auto& [key, s] : series) {
        if (areas[key.first].force != force) continue;
        auto m = s.last_present();
        if (m && (!latest || *m > *latest)) latest = m;
    }
    return latest;
}

}  // namespace scrutineer
