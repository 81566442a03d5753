// A plain RFC 4180 CSV reader for the small inputs (monthly counts, breaks, population,
// lookups): quoted fields with commas, doubled quotes and line breaks; CRLF; a UTF-8 BOM.
// The police.uk files, which are large, have their own scanner (police_uk_scanner.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer {

struct CsvRecord {
    size_t line = 0;  // the line the record starts on, 1-based
    std::vector<std::string> fields;
};

// Throws InputError naming `file` and the line on an unclosed or misplaced quote.
std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file);

// Checks that the first record is exactly `expected` (columns in order); throws InputError.
void expect_header(const std::vector<CsvRecord>& records, const std::vector<std::string>& expected,
                   const std::string& file);

// "80.2" -> 80'200'000 (millionths). Digits with an optional sign and at most six decimals;
// nothing else (no exponent, no thousands separators, no spaces).
std::optional<int64_t> parse_decimal_micro(std::string_view text);

// A whole number, optionally with thousands separators ("12,836").
std::optional<int64_t> parse_whole_number(std::string_view text);

}  // namespace scrutineer
