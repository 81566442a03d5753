#include "scrutineer/indicator.hpp"

namespace scrutineer {

const char* to_string(IndicatorKind kind) {
    switch (kind) {
        case IndicatorKind::count:
            return "count";
        case IndicatorKind::composite:
            return "composite";
        case IndicatorKind::rate:
            return "rate";
        case IndicatorKind::percentage:
            return "percentage";
        case IndicatorKind::snapshot:
            return "snapshot";
    }
    return "count";
}

bool parse_indicator_kind(const std::string& text, IndicatorKind& out) {
    for (auto k : {IndicatorKind::count, IndicatorKind::composite, IndicatorKind::rate,
                   IndicatorKind::percentage, IndicatorKind::snapshot}) {
        if (text == to_string(k)) {
            out = k;
            return true;
        }
    }
    return false;
}

const char* difference_unit(IndicatorKind kind) {
    return kind == IndicatorKind::percentage ? "p.p." : "%";
}

bool is_count_like(IndicatorKind kind) {
    return kind == IndicatorKind::count || kind == IndicatorKind::composite ||
           kind == IndicatorKind::rate;
}

}  // namespace scrutineer
