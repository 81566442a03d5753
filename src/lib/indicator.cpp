#include "scrutineer/indicator.hpp"

#include "scrutineer/enum_names.hpp"

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

namespace {
constexpr EnumName<Improvement> kImprovements[] = {
    {Improvement::increase, "increase", "Higher is better"},
    {Improvement::decrease, "decrease", "Lower is better"},
    {Improvement::neither, "neither", "Neither higher nor lower is better"},
};
}  // namespace

const char* to_string(Improvement improvement) {
    return enum_entry(kImprovements, improvement).code;
}

std::optional<Improvement> parse_improvement(std::string_view text) {
    return parse_enum(kImprovements, text);
}

const char* improvement_words(Improvement improvement) {
    return enum_entry(kImprovements, improvement).label;
}

Improvement default_improvement(IndicatorKind kind) {
    return kind == IndicatorKind::percentage || kind == IndicatorKind::snapshot
               ? Improvement::increase
               : Improvement::decrease;
}

}  // namespace scrutineer
