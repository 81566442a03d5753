// Readers for the small input files. Each throws InputError naming the file, the line and the
// field of the first problem it finds, and returns nothing then.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "scrutineer/area.hpp"
#include "scrutineer/dataset.hpp"
#include "scrutineer/indicator.hpp"
#include "scrutineer/police_uk_scanner.hpp"
#include "scrutineer/recording_break.hpp"

namespace scrutineer {

// An area file (data/areas/*.json): {"force": {"name", "code", "area_name"}, "districts":
// [{"code", "name", "aliases"?}]}.
ForceDefinition read_area_file(const std::string& path);
ForceDefinition parse_area_file(const std::string& text, const std::string& path);

// Generic monthly counts: header `area_code,indicator,month,value`; value a decimal.
struct MonthlyValue {
    std::string area_code;
    std::string indicator;
    Month month;
    int64_t value_micro = 0;
    std::string file;
    size_t line = 0;
};
std::vector<MonthlyValue> read_monthly_counts(const std::string& path);
std::vector<MonthlyValue> parse_monthly_counts(const std::string& text, const std::string& path);

// Series breaks: header `indicator,break_month,reason`.
std::map<std::string, RecordingBreak> read_breaks(const std::string& path);
std::map<std::string, RecordingBreak> parse_breaks(const std::string& text,
                                                   const std::string& path);

// ONS mid-year estimates by single year of age (MYE2 layout: Code,Name,Geography1,All ages,
// 0,1,...,89,90+): area code -> population by age.
std::map<std::string, PopulationByAge> read_population(const std::string& path);
std::map<std::string, PopulationByAge> parse_population(const std::string& text,
                                                        const std::string& path);

// An indicator catalogue (JSON array of definitions, see docs/data-formats.md).
std::vector<IndicatorDefinition> read_indicator_catalogue(const std::string& path);
// The same from text (`path` names it in errors), and back to that JSON.
std::vector<IndicatorDefinition> parse_indicator_catalogue(const std::string& text,
                                                           const std::string& path);
std::string indicator_catalogue_json(const std::vector<IndicatorDefinition>& catalogue);

// An LSOA -> district lookup CSV: the first column named like LSOA..CD (or lsoa_code) and the
// first named like LAD..NM (or district_name).
LsoaLookup read_lsoa_lookup(const std::string& path);
LsoaLookup parse_lsoa_lookup(const std::string& text, const std::string& path);

// The ONS LAD -> CSP -> PFA lookup: district name -> district GSS code.
std::map<std::string, std::string> read_district_codes(const std::string& path);
std::map<std::string, std::string> parse_district_codes(const std::string& text,
                                                        const std::string& path);

}  // namespace scrutineer
