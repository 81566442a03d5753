// A monthly series: one value per month, and whether that month is in the data at all.
// A month that is absent is never a zero: a window with an absent month cannot be computed.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "scrutineer/month.hpp"

namespace scrutineer {

struct Series {
    Month first{0};
    std::vector<int64_t> micro;  // values in millionths (see fraction.hpp: kMicro)
    std::vector<uint8_t> present;

    bool has(Month m) const;
    std::optional<int64_t> at(Month m) const;  // millionths, if present
    void set(Month m, int64_t value_micro);    // stores (replacing) the month's value
    void add(Month m, int64_t value_micro);    // adds to the month's value, marking it present
    void merge(const Series& other);           // sets every month other has (replacing)
    std::optional<Month> last_present() const;
    bool empty() const { return !last_present().has_value(); }
    bool operator==(const Series&) const = default;
};

// Months in [from, to] that the series does not have.
std::vector<Month> missing_months(const Series& s, Month from, Month to);

// Sum over [from, to] in millionths; nullopt if any month is missing.
std::optional<int64_t> sum_over(const Series& s, Month from, Month to);

}  // namespace scrutineer
