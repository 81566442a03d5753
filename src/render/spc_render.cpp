#include "scrutineer/spc_render.hpp"

#include <fmt/format.h>

namespace scrutineer {

namespace {

// Fixed to 4 decimals; a value that rounds to zero prints as 0.0000, never -0.0000.
std::string fixed4(double x) {
    std::string s = fmt::format("{:.4f}", x);
    if (s == "-0.0000") s = "0.0000";
    return s;
}

std::string rule_names(unsigned rules) {
    std::string out;
    auto add = [&](unsigned bit, const char* name) {
        if (rules & bit) out += (out.empty() ? "" : ", ") + std::string(name);
    };
    add(kOutsideLimits, "outside the limits");
    add(kShift, "7 on one side");
    add(kTrend, "7 rising or falling");
    add(kTwoOfThree, "2 of 3 near a limit");
    return out;
}

}  // namespace

std::string render_spc_csv(const XmrChart& chart) {
    std::string out = std::string(kSpcCsvHeader) + "\n";
    const XmrLimits& l = chart.limits;
    for (size_t i = 0; i < chart.points.size(); ++i) {
        const SpcPoint& p = chart.points[i];
        out +=
            fmt::format("{},{},{},{},{},{}\n", i + 1, fixed4(p.value), fixed4(l.mean),
                        fixed4(l.lower_limit), fixed4(l.upper_limit), to_string(p.special_cause));
    }
    return out;
}

std::string render_spc_text(const XmrChart& chart, Improvement improvement) {
    const XmrLimits& l = chart.limits;
    std::string out = fmt::format(
        "XmR chart of {} values; the mean and limits are from the first {}.\n"
        "{}.\n"
        "Mean {}, mean moving range {}.\n"
        "Process limits {} to {}; 2-sigma lines {} to {}.\n\n",
        chart.points.size(), chart.baseline, improvement_words(improvement), fixed4(l.mean),
        fixed4(l.mean_moving_range), fixed4(l.lower_limit), fixed4(l.upper_limit),
        fixed4(l.lower_two_sigma), fixed4(l.upper_two_sigma));
    out += fmt::format("{:>6}  {:>14}  {:<28}  {}\n", "Point", "Value", "Shows", "Rules");
    for (size_t i = 0; i < chart.points.size(); ++i) {
        const SpcPoint& p = chart.points[i];
        std::string row = fmt::format("{:>6}  {:>14}  {:<28}  {}", i + 1, fixed4(p.value),
                                      variation_words(variation_of(p)), rule_names(p.rules));
        while (row.back() == ' ') row.pop_back();
        out += row + "\n";
    }
    out += fmt::format("\nLatest point: {}.\n", variation_words(latest_variation(chart)));
    return out;
}

}  // namespace scrutineer
