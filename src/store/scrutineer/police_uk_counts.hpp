// The counts of one imported police.uk file, stored as one text (table police_uk_counts, a row
// per import): every value an area and month of the file gave each indicator, in millionths.
//
// Why not a row per value, as the monthly counts files have (table observations)? A month of
// national files is ~7,000 values and the whole set ~420,000. As rows, reading them back took
// 0.2 s and adding a month spread ~7,000 index entries through the table; as a text per file,
// adding a month writes 40 rows and reading everything is a few milliseconds, so a new month
// is imported and every table recomputed within the 0.3 s the performance issue asks. Each
// value is still stored once, with the import it came from.
//
// The text: the first line names the indicators, separated by '|'; then a line per area and
// month, "area_code,YYYY-MM," and the indicators' values in that order, comma-separated, with
// nothing between the commas for zero:
//
//     All crime|Anti-social behaviour|Burglary
//     E07000148,2024-12,9525000000,2392000000,
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scrutineer/month.hpp"

namespace scrutineer::store {

// (area code, month) -> indicator -> value in millionths.
using PoliceUkCounts = std::map<std::pair<std::string, Month>, std::map<std::string, int64_t>>;

// Throws std::invalid_argument for an indicator name with '|' or a line break, or an area code
// with ',' or a line break (none of police.uk's or of the store's has).
std::string encode_police_uk_counts(const PoliceUkCounts& counts);

// Reads a text as encode_police_uk_counts writes it: `indicators` is told the first line's
// names, then `value` every non-zero value (its indicator an index into those names). Throws
// DatabaseError naming the import and the line when the text is not in that form.
struct PoliceUkCountsReader {
    std::function<void(const std::vector<std::string_view>& names)> indicators;
    std::function<void(std::string_view area_code, Month month, size_t indicator,
                       int64_t value_micro)>
        value;
};
void decode_police_uk_counts(std::string_view text, int64_t import_id,
                             const PoliceUkCountsReader& reader);

class Database;
// Migration 12: the police.uk values a store kept as observations (a row per value) become a
// text per import.
void move_police_uk_observations(Database& db);

}  // namespace scrutineer::store
