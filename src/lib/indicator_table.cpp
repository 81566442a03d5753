#include "scrutineer/indicator_table.hpp"

#include <fmt/format.h>

#include "scrutineer/indicator_spc.hpp"
#include "scrutineer/long_term_average.hpp"
#include "scrutineer/significance.hpp"

namespace scrutineer {
namespace {

// What a kind-specific computation needs: the series for this area (derived for composites
// and rates) and the break that applies to it.
struct Source {
    Series series;
    std::optional<RecordingBreak> recording_break;
};

std::optional<RecordingBreak> own_break(const Dataset& data, const std::string& name) {
    auto it = data.breaks.find(name);
    if (it == data.breaks.end()) return std::nullopt;
    return it->second;
}

// Finds the series behind an indicator for one area. Fills row.status / row.note and returns
// nullopt when there is none.
std::optional<Source> source_for(const Dataset& data, size_t area,
                                 const IndicatorDefinition& indicator, IndicatorRow& row) {
    auto fail = [&](CellStatus status, std::string note) -> std::optional<Source> {
        row.status = status;
        row.note = std::move(note);
        return std::nullopt;
    };
    if (indicator.kind == IndicatorKind::composite) {
        Source src{Series{}, own_break(data, indicator.name)};
        std::vector<std::string> absent;
        std::vector<const Series*> parts;
        for (const auto& c : indicator.components) {
            const Series* s = data.find_series(area, c);
            if (!s)
                absent.push_back(c);
            else
                parts.push_back(s);
            src.recording_break = latest_break(src.recording_break, own_break(data, c));
        }
        if (parts.empty()) return fail(CellStatus::not_available_at_area, "no data for this area");
        if (!absent.empty())
            return fail(CellStatus::insufficient_data,
                        fmt::format("no data for component(s): {}", fmt::join(absent, ", ")));
        // A month of the composite is present only when every component has it.
        Month lo = parts[0]->first;
        Month hi = lo;
        for (auto* p : parts) {
            if (p->first < lo) lo = p->first;
            if (auto l = p->last_present(); l && *l > hi) hi = *l;
        }
        for (Month m = lo; m <= hi; m = m + 1) {
            int64_t total = 0;
            bool all = true;
            for (auto* p : parts) {
                auto v = p->at(m);
                if (!v) {
                    all = false;
                    break;
                }
                total += *v;
            }
            if (all) src.series.set(m, total);
        }
        return src;
    }
    const std::string& name =
        indicator.kind == IndicatorKind::rate ? indicator.numerator : indicator.name;
    const Series* s = data.find_series(area, name);
    if (!s) return fail(CellStatus::not_available_at_area, "no data for this area");
    Source src{*s, own_break(data, indicator.name)};
    if (indicator.kind == IndicatorKind::rate)
        src.recording_break = latest_break(src.recording_break, own_break(data, name));
    return src;
}

// The recording-break rule: marks the row and returns true when the break withholds the LTA.
bool withheld_by_break(const Source& src, IndicatorRow& row) {
    if (!src.recording_break || !break_blocks_lta(*src.recording_break, row.period_end))
        return false;
    row.status = CellStatus::recording_break;
    row.recording_break = src.recording_break;
    row.lta_available_from = lta_available_from(*src.recording_break);
    return true;
}

void insufficient(IndicatorRow& row, const char* what, const std::vector<Month>& missing) {
    row.status = CellStatus::insufficient_data;
    row.missing_months = missing;
    row.note = fmt::format("{}: no data for {}", what, describe_months(missing));
}

// Mean of the values present in [from, to]; nullopt if none is.
std::optional<Fraction> mean_of_present(const Series& s, Month from, Month to) {
    int64_t total = 0;
    int64_t n = 0;
    for (Month m = from; m <= to; m = m + 1)
        if (auto v = s.at(m)) {
            total += *v;
            ++n;
        }
    if (n == 0) return std::nullopt;
    return Fraction::of(total, static_cast<__int128>(n) * kMicro);
}

void compute_counts(const Dataset& data, size_t area, const IndicatorDefinition& ind,
                    const Source& src, IndicatorRow& row) {
    const auto w = windows_for(row.period_end);
    auto l12_sum = sum_over(src.series, w.last_12_first, w.last_12_last);
    if (!l12_sum) {
        insufficient(row, "Last 12 months",
                     missing_months(src.series, w.last_12_first, w.last_12_last));
        return;
    }
    Fraction scale = Fraction::of(1, kMicro);  // counts: millionths -> whole crimes
    if (ind.kind == IndicatorKind::rate) {
        const std::string& code = data.areas[area].code;
        auto pop = data.population.find(code);
        int64_t people = pop == data.population.end()
                             ? 0
                             : population_aged(pop->second, ind.age_from, ind.age_to);
        if (people <= 0) {
            row.status = CellStatus::insufficient_data;
            row.note = fmt::format("no population estimate for {} aged {}-{}", code, ind.age_from,
                                   ind.age_to);
            return;
        }
        scale = Fraction::of(ind.per, static_cast<__int128>(people) * kMicro);
    }
    Fraction l12_count = Fraction::of(*l12_sum, kMicro);
    row.last_12 = Fraction::of(*l12_sum, 1) * scale;
    if (withheld_by_break(src, row)) return;
    auto lta_sum = sum_over(src.series, w.lta_first, w.lta_last);
    if (!lta_sum) {
        insufficient(row, "Long Term Average", missing_months(src.series, w.lta_first, w.lta_last));
        return;
    }
    Fraction lta_count = long_term_average(Fraction::of(*lta_sum, kMicro));
    row.lta = long_term_average(Fraction::of(*lta_sum, 1) * scale);
    row.z = poisson_z(l12_count.to_double(), lta_count.to_double());
    if (row.lta->is_zero()) {
        row.note = "the Long Term Average is zero, so no percentage change";
        return;
    }
    row.difference = percentage_difference(*row.last_12, *row.lta);
}

void compute_percentage(const Source& src, IndicatorRow& row) {
    const auto w = windows_for(row.period_end);
    row.last_12 = mean_of_present(src.series, w.last_12_first, w.last_12_last);
    if (!row.last_12) {
        insufficient(row, "Last 12 months",
                     missing_months(src.series, w.last_12_first, w.last_12_last));
        return;
    }
    if (withheld_by_break(src, row)) return;
    // Each of the three years of the LTA window needs at least one value (surveys are
    // quarterly, so a year may have four values rather than twelve).
    for (int y = 0; y < kLtaYears; ++y) {
        Month from = w.lta_first + y * kMonthsInPeriod;
        if (!mean_of_present(src.series, from, from + (kMonthsInPeriod - 1))) {
            insufficient(row, "Long Term Average",
                         missing_months(src.series, from, from + (kMonthsInPeriod - 1)));
            return;
        }
    }
    row.lta = mean_of_present(src.series, w.lta_first, w.lta_last);
    row.difference = percentage_point_difference(*row.last_12, *row.lta);
}

void compute_snapshot(const Source& src, IndicatorRow& row) {
    const auto w = windows_for(row.period_end);
    auto latest = src.series.at(row.period_end);
    if (!latest) {
        insufficient(row, "Latest month", {row.period_end});
        return;
    }
    row.last_12 = Fraction::of(*latest, kMicro);
    auto sum = sum_over(src.series, w.last_12_first, w.last_12_last);
    if (!sum) {
        insufficient(row, "12-month average",
                     missing_months(src.series, w.last_12_first, w.last_12_last));
        return;
    }
    row.lta = Fraction::of(*sum, static_cast<__int128>(kMicro) * kMonthsInPeriod);
    if (row.lta->is_zero()) {
        row.note = "the 12-month average is zero, so no percentage change";
        return;
    }
    row.difference = percentage_difference(*row.last_12, *row.lta);
}

}  // namespace

std::optional<Series> indicator_series(const Dataset& data, size_t area,
                                       const IndicatorDefinition& indicator, std::string* why) {
    IndicatorRow row;
    auto src = source_for(data, area, indicator, row);
    if (!src) {
        if (why) *why = row.note;
        return std::nullopt;
    }
    return std::move(src->series);
}

std::optional<IndicatorSpc> indicator_spc(const Dataset& data, size_t area,
                                          const IndicatorDefinition& indicator, Month period_end,
                                          std::string* why) {
    IndicatorRow row;
    auto src = source_for(data, area, indicator, row);
    if (!src) {
        if (why) *why = row.note;
        return std::nullopt;
    }
    return indicator_spc(src->series, period_end, src->recording_break, indicator.improvement, why);
}

const char* to_string(CellStatus status) {
    switch (status) {
        case CellStatus::ok:
            return "ok";
        case CellStatus::insufficient_data:
            return "insufficient_data";
        case CellStatus::recording_break:
            return "recording_break";
        case CellStatus::not_available_at_area:
            return "not_available_at_area";
    }
    return "ok";
}

std::string describe_months(const std::vector<Month>& months) {
    std::vector<std::string> ranges;
    for (size_t i = 0; i < months.size();) {
        size_t j = i;
        while (j + 1 < months.size() && months[j + 1] == months[j] + 1) ++j;
        ranges.push_back(j > i ? long_name(months[i]) + " to " + long_name(months[j])
                               : long_name(months[i]));
        i = j + 1;
    }
    std::string out;
    for (size_t i = 0; i < ranges.size(); ++i) {
        if (i > 0) out += i + 1 == ranges.size() ? " and " : ", ";
        out += ranges[i];
    }
    return out;
}

IndicatorRow compute_indicator(const Dataset& data, size_t area,
                               const IndicatorDefinition& indicator, Month period_end) {
    IndicatorRow row;
    row.area = area;
    row.indicator = indicator.name;
    row.kind = indicator.kind;
    row.period_end = period_end;
    if (indicator.force_only && data.areas[area].level == AreaLevel::district) {
        row.status = CellStatus::not_available_at_area;
        row.note = "Data not available at district level.";
        return row;
    }
    row.improvement = indicator.improvement;
    auto src = source_for(data, area, indicator, row);
    if (!src) return row;
    if (auto spc = indicator_spc(src->series, period_end, src->recording_break,
                                 indicator.improvement, &row.spc_note)) {
        row.variation = spc->variation;
        row.assurance = spc->assurance;
    }
    switch (indicator.kind) {
        case IndicatorKind::count:
        case IndicatorKind::composite:
        case IndicatorKind::rate:
            compute_counts(data, area, indicator, *src, row);
            break;
        case IndicatorKind::percentage:
            compute_percentage(*src, row);
            break;
        case IndicatorKind::snapshot:
            compute_snapshot(*src, row);
            break;
    }
    return row;
}

std::vector<AreaTable> compute_tables(const Dataset& data, Month period_end) {
    std::vector<AreaTable> tables;
    tables.reserve(data.areas.size());
    for (size_t a = 0; a < data.areas.size(); ++a) {
        AreaTable t{a, {}};
        t.rows.reserve(data.indicators.size());
        for (const auto& ind : data.indicators)
            t.rows.push_back(compute_indicator(data, a, ind, period_end));
        tables.push_back(std::move(t));
    }
    return tables;
}

std::vector<AreaTable> visible_to(std::vector<AreaTable> tables, const Dataset& data, Role role) {
    for (auto& table : tables)
        std::erase_if(table.rows, [&](const IndicatorRow& r) {
            const IndicatorDefinition* d = data.find_indicator(r.indicator);
            return d && !may_see(role, d->visibility);
        });
    return tables;
}

}  // namespace scrutineer
