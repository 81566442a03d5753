#include "scrutineer/series.hpp"

#include <algorithm>

namespace scrutineer {
namespace {

// Grows the series so that month m has a slot; returns the slot index.
size_t ensure_slot(Series& s, Month m) {
    if (s.present.empty()) {
        s.first = m;
        s.micro.assign(1, 0);
        s.present.assign(1, 0);
        return 0;
    }
    if (m < s.first) {
        size_t grow = static_cast<size_t>(s.first - m);
        s.micro.insert(s.micro.begin(), grow, 0);
        s.present.insert(s.present.begin(), grow, 0);
        s.first = m;
    }
    size_t i = static_cast<size_t>(m - s.first);
    if (i >= s.present.size()) {
        s.micro.resize(i + 1, 0);
        s.present.resize(i + 1, 0);
    }
    return i;
}

}  // namespace

bool Series::has(Month m) const {
    if (m < first) return false;
    size_t i = static_cast<size_t>(m - first);
    return i < present.size() && present[i] != 0;
}

std::optional<int64_t> Series::at(Month m) const {
    if (!has(m)) return std::nullopt;
    return micro[static_cast<size_t>(m - first)];
}

void Series::set(Month m, int64_t value_micro) {
    size_t i = ensure_slot(*this, m);
    micro[i] = value_micro;
    present[i] = 1;
}

void Series::add(Month m, int64_t value_micro) {
    size_t i = ensure_slot(*this, m);
    micro[i] += value_micro;
    present[i] = 1;
}

void Series::merge(const Series& other) {
    if (other.present.empty()) return;
    if (present.empty()) {
        *this = other;
        return;
    }
    // Room for both ranges, made once, then other's months copied in.
    Month last = std::max(first + static_cast<int>(present.size()) - 1,
                          other.first + static_cast<int>(other.present.size()) - 1);
    ensure_slot(*this, other.first);
    ensure_slot(*this, last);
    size_t offset = static_cast<size_t>(other.first - first);
    for (size_t i = 0; i < other.present.size(); ++i)
        if (other.present[i]) {
            micro[offset + i] = other.micro[i];
            present[offset + i] = 1;
        }
}

std::optional<Month> Series::last_present() const {
    for (size_t i = present.size(); i-- > 0;)
        if (present[i]) return first + static_cast<int>(i);
    return std::nullopt;
}

std::vector<Month> missing_months(const Series& s, Month from, Month to) {
    std::vector<Month> missing;
    for (Month m = from; m <= to; m = m + 1)
        if (!s.has(m)) missing.push_back(m);
    return missing;
}

std::optional<int64_t> sum_over(const Series& s, Month from, Month to) {
    int64_t total = 0;
    for (Month m = from; m <= to; m = m + 1) {
        auto v = s.at(m);
        if (!v) return std::nullopt;
        total += *v;
    }
    return total;
}

}  // namespace scrutineer
