// The indicator tables as the panel reads them (table, markdown, html: one table per area,
// columns as in seed 001 §8, footnotes) and as machines read them (csv).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/dataset.hpp"
#include "scrutineer/document.hpp"
#include "scrutineer/indicator_table.hpp"

namespace scrutineer {

enum class TableFormat { table, markdown, html, csv };

bool parse_table_format(const std::string& text, TableFormat& out);

inline constexpr const char* kIndicatorCsvHeader =
    "level,area_code,area_name,indicator,period_end,last_12_months,long_term_average,difference,"
    "difference_unit,significance_z,status,lta_available_from,improvement,special_cause,assurance";

std::string render_indicator_tables(const Dataset& data, const std::vector<AreaTable>& tables,
                                    TableFormat format);

// The display text of each cell, shared by every human-readable format.
struct DisplayRow {
    std::string indicator, last_12, lta, difference, significance;
    bool spans = false;  // "Data not available at district level." fills the row
};
DisplayRow display_row(const IndicatorRow& row);

// When no row of a table has a Long Term Average because months are missing (not because of a
// recording break): one sentence saying so, naming the months, and when it will be shown.
std::optional<std::string> lta_unavailable(const AreaTable& table);

// Footnotes of one area table, in order (lta_unavailable's sentence among them).
std::vector<std::string> footnotes(const Dataset& data, const AreaTable& table);

// One area's table as a document table (Indicator | Last 12 months | Long Term Average |
// Difference, as display_row words them), with each figure's unrounded number and its Excel
// format for spreadsheets ("#,##0", "0.0\"%\"", "0.0\"p.p.\""), the area's footnotes as the
// table's notes, and the area's name as its sheet.
doc::Table indicator_document_table(const Dataset& data, const AreaTable& table);

}  // namespace scrutineer
