#include "scrutineer/commissioned_services.hpp"

#include <fmt/format.h>

namespace scrutineer {
namespace {

bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

void require_line(const std::string& value, const char* field) {
    if (blank(value)) throw ServiceInvalid(field, "is empty");
    if (value.find_first_of("\r\n") != std::string::npos)
        throw ServiceInvalid(field, "holds a line break; give it on one line");
}

}  // namespace

ServiceInvalid::ServiceInvalid(std::string field_, std::string problem_)
    : std::invalid_argument(fmt::format("field '{}': {}", field_, problem_)),
      field(std::move(field_)),
      problem(std::move(problem_)) {}

const char* to_string(MeasureKind kind) {
    return kind == MeasureKind::outcome ? "outcome" : "output";
}

const char* label(MeasureKind kind) {
    return kind == MeasureKind::outcome ? "Outcome" : "Output";
}

std::optional<MeasureKind> parse_measure_kind(std::string_view text) {
    if (text == "output") return MeasureKind::output;
    if (text == "outcome") return MeasureKind::outcome;
    return std::nullopt;
}

bool is_decision_number(std::string_view t) {
    if (t.size() != 7 || t[4] != '-') return false;
    for (size_t i = 0; i < t.size(); ++i)
        if (i != 4 && (t[i] < '0' || t[i] > '9')) return false;
    return true;
}

void validate(const Service& s) {
    require_line(s.name, "name");
    if (s.provider.find_first_of("\r\n") != std::string::npos)
        throw ServiceInvalid("provider", "holds a line break; give it on one line");
}

void validate(const Grant& g) {
    require_line(g.funder, "funder");
    require_line(g.recipient, "recipient");
    if (g.amount_pence && *g.amount_pence <= 0)
        throw ServiceInvalid("amount", "must be more than £0");
    if (g.end && !g.start)
        throw ServiceInvalid("start", "is missing: a grant with an end needs its start");
    if (g.start && g.end && *g.end < *g.start)
        throw ServiceInvalid("end", fmt::format("{} is before the start, {}", to_string(*g.end),
                                                to_string(*g.start)));
    if (!g.decision_number.empty() && !is_decision_number(g.decision_number))
        throw ServiceInvalid(
            "decision_number",
            fmt::format("'{}' is not a decision number like 2019-64 (year, hyphen, two digits)",
                        g.decision_number));
}

void validate(const ReportingPeriod& p) {
    if (blank(p.label)) throw ServiceInvalid("period.label", "is empty");
    if (p.end < p.start)
        throw ServiceInvalid("period.end", fmt::format("{} is before the start, {}",
                                                       to_string(p.end), to_string(p.start)));
}

void validate(const ServiceMeasure& m) {
    require_line(m.group, "group");
    require_line(m.measure, "measure");
    validate(m.period);
    if (m.value < 0)
        throw ServiceInvalid("value", fmt::format("is {}; counts are not negative", m.value));
}

GrantTotal total_of(const std::vector<Grant>& grants) {
    GrantTotal t;
    for (const auto& g : grants) {
        if (g.amount_pence)
            t.pence += *g.amount_pence;
        else
            ++t.without_amount;
    }
    return t;
}

}  // namespace scrutineer
