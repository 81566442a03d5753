// The England and Wales bank holidays file, in GOV.UK's format
// (https://www.gov.uk/bank-holidays.json, data/bank-holidays/SOURCE.txt):
//   {"england-and-wales": {"division": "england-and-wales",
//                          "events": [{"title": "New Year’s Day", "date": "2015-01-01",
//                                      "notes": "", "bunting": true}, ...]}}
// Only the "england-and-wales" division is read; GOV.UK's other divisions may be present.
// Everything is checked before anything is returned: an InputError names the file and the
// field of the first problem ("england-and-wales.events[3].date": not a date, a missing title,
// a date given twice).
#pragma once

#include <string>

#include "scrutineer/working_day_clock.hpp"

namespace scrutineer {

BankHolidays read_bank_holidays_file(const std::string& path);
BankHolidays parse_bank_holidays(const std::string& text, const std::string& path);

}  // namespace scrutineer
