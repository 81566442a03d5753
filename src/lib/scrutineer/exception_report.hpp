// "What needs the panel's attention" (issue #19 §4): the cells of the indicator tables whose
// latest month is a special cause on their SPC chart (indicator_spc.hpp), each with a one-line
// reason in plain English, such as "Burglary in Norwich: 9 months in a row above its average;
// 312 in the last 12 months against an average of 251 a year".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/dataset.hpp"
#include "scrutineer/indicator_table.hpp"

namespace scrutineer {

struct ExceptionItem {
    size_t area = 0;
    std::string indicator;
    SpecialCause cause = SpecialCause::neither;  // improvement, concern or special
    Variation variation = Variation::common_cause;
    std::string reason;  // "Burglary in Norwich: 9 months in a row above its average; …"
    const IndicatorRow* row = nullptr;  // the cell in the tables given
};

// The SPC rule that flagged a chart's last point, in words: "9 months in a row above its
// average", "6 months in a row rising", "December 2021: 46, above the upper process limit (43)",
// "2 of the last 3 months near the upper process limit". Empty when the point is not flagged.
std::string special_cause_reason(const IndicatorSpc& spc);

// Every cell of `tables` (as computed for one period end) whose latest month is a special cause:
// concerns first, then improvements, then signals where neither way is better, each in table
// order (area, then indicator).
std::vector<ExceptionItem> exception_report(const Dataset& data,
                                            const std::vector<AreaTable>& tables);

}  // namespace scrutineer
