#include "scrutineer/indicator_tables_render.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "scrutineer/csv_field.hpp"
#include "scrutineer/display_rounding.hpp"
#include "scrutineer/html_escape.hpp"
#include "scrutineer/indicator_spc.hpp"
#include "scrutineer/long_term_average.hpp"
#include "scrutineer/significance.hpp"

namespace scrutineer {
namespace {

constexpr const char* kNotAtDistrict = "Data not available at district level.";
constexpr const char* kMethodNote =
    "Significance: Poisson z = 2(\u221aL12 \u2212 \u221aLTA); a change with |z| \u2265 3 is "
    "marked as significant (more than ordinary month-to-month variation).";

std::string value_text(const Fraction& v, IndicatorKind kind, bool is_lta) {
    switch (kind) {
        case IndicatorKind::count:
        case IndicatorKind::composite:
            return round_for_display(v, is_lta ? 1 : 0);
        case IndicatorKind::rate:
            return round_for_display(v, 1);
        case IndicatorKind::percentage:
            return round_for_display(v, 1) + "%";
        case IndicatorKind::snapshot:
            return round_for_display(v, v.den == 1 ? 0 : 1);
    }
    return {};
}

std::string z_text(double z) {
    // z is irrational (square roots), so plain floating point is the honest representation.
    double r = std::round(std::fabs(z) * 10.0) / 10.0;
    std::string s = fmt::format("{}{:.1f}", z < 0 && r != 0 ? "-" : "", r);
    return is_significant(z) ? s + " significant" : s;
}

std::string area_title(const Area& a) {
    return a.code.empty() ? a.name : fmt::format("{} ({})", a.name, a.code);
}

std::string period_text(Month end) {
    auto w = windows_for(end);
    return fmt::format("Last 12 months: {} to {}. Long Term Average: {} to {}.",
                       long_name(w.last_12_first), long_name(w.last_12_last),
                       long_name(w.lta_first), long_name(w.lta_last));
}

// Display width of UTF-8 text (counts code points, which is right for the text we emit).
size_t width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string pad(const std::string& s, size_t w, bool right) {
    size_t have = width(s);
    std::string fill(w > have ? w - have : 0, ' ');
    return right ? fill + s : s + fill;
}

const std::vector<std::string> kHeadings = {
    "Indicator", "Last 12 months", "Long Term Averages (3yrs)", "Difference", "Significance (z)"};

std::string render_table(const Dataset& data, const std::vector<AreaTable>& tables) {
    std::string out;
    for (const auto& t : tables) {
        const Area& a = data.areas[t.area];
        std::vector<DisplayRow> rows;
        for (const auto& r : t.rows) rows.push_back(display_row(r));
        std::vector<size_t> w(kHeadings.size());
        for (size_t c = 0; c < kHeadings.size(); ++c) w[c] = width(kHeadings[c]);
        for (const auto& r : rows) {
            w[0] = std::max(w[0], width(r.indicator));
            if (r.spans) continue;
            w[1] = std::max(w[1], width(r.last_12));
            w[2] = std::max(w[2], width(r.lta));
            w[3] = std::max(w[3], width(r.difference));
            w[4] = std::max(w[4], width(r.significance));
        }
        std::string title = area_title(a);
        for (auto& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out += title + "\n";
        if (!t.rows.empty()) out += period_text(t.rows[0].period_end) + "\n";
        std::string line;
        for (size_t c = 0; c < kHeadings.size(); ++c)
            line += (c ? "  " : "") + pad(kHeadings[c], w[c], c > 0);
        out += line + "\n";
        size_t total = 0;
        for (auto x : w) total += x;
        out += std::string(total + 2 * (w.size() - 1), '-') + "\n";
        for (const auto& r : rows) {
            if (r.spans) {
                out += pad(r.indicator, w[0], false) + "  " + kNotAtDistrict + "\n";
                continue;
            }
            std::string line = pad(r.indicator, w[0], false) + "  " + pad(r.last_12, w[1], true) +
                               "  " + pad(r.lta, w[2], true) + "  " +
                               pad(r.difference, w[3], true) + "  " +
                               pad(r.significance, w[4], true);
            out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
        }
        for (const auto& f : footnotes(data, t)) out += f + "\n";
        out += "\n";
    }
    out += std::string(kMethodNote) + "\n";
    return out;
}

std::string render_markdown(const Dataset& data, const std::vector<AreaTable>& tables) {
    auto cell = [](const std::string& s) {
        std::string out;
        for (char c : s) {
            if (c == '|' || c == '*' || c == '\\') out += '\\';
            out += c;
        }
        return out;
    };
    std::string out;
    for (const auto& t : tables) {
        out += "### " + area_title(data.areas[t.area]) + "\n\n";
        if (!t.rows.empty()) out += period_text(t.rows[0].period_end) + "\n\n";
        out +=
            "| Indicator | Last 12 months | Long Term Averages (3yrs) | Difference | "
            "Significance (z) |\n|---|---:|---:|---:|---:|\n";
        for (const auto& r : t.rows) {
            DisplayRow d = display_row(r);
            if (d.spans)
                out += fmt::format("| {} | {} | | | |\n", cell(d.indicator), kNotAtDistrict);
            else
                out +=
                    fmt::format("| {} | {} | {} | {} | {} |\n", cell(d.indicator), cell(d.last_12),
                                cell(d.lta), cell(d.difference), cell(d.significance));
        }
        auto notes = footnotes(data, t);
        if (!notes.empty()) out += "\n";
        for (const auto& f : notes) out += cell(f) + "\n\n";
        out += "\n";
    }
    out += std::string(kMethodNote) + "\n";
    return out;
}

std::string render_html(const Dataset& data, const std::vector<AreaTable>& tables) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Indicator tables</title>\n</head>\n<body>\n";
    for (const auto& t : tables) {
        out += "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption\">" +
               html_escape(area_title(data.areas[t.area]));
        if (!t.rows.empty())
            out += "<br><span class=\"govuk-body-s\">" +
                   html_escape(period_text(t.rows[0].period_end)) + "</span>";
        out += "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
        for (size_t c = 0; c < kHeadings.size(); ++c)
            out += fmt::format("<th scope=\"col\" class=\"govuk-table__header{}\">{}</th>",
                               c ? " govuk-table__header--numeric" : "", html_escape(kHeadings[c]));
        out += "</tr></thead>\n<tbody class=\"govuk-table__body\">\n";
        for (const auto& r : t.rows) {
            DisplayRow d = display_row(r);
            out +=
                "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">" +
                html_escape(d.indicator) + "</th>";
            if (d.spans) {
                out += fmt::format("<td class=\"govuk-table__cell\" colspan=\"4\">{}</td>",
                                   kNotAtDistrict);
            } else {
                for (const auto* v : {&d.last_12, &d.lta, &d.difference, &d.significance})
                    out += "<td class=\"govuk-table__cell govuk-table__cell--numeric\">" +
                           html_escape(*v) + "</td>";
            }
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
        for (const auto& f : footnotes(data, t))
            out += "<p class=\"govuk-body-s\">" + html_escape(f) + "</p>\n";
    }
    out += "<p class=\"govuk-body-s\">" + html_escape(kMethodNote) + "</p>\n</body>\n</html>\n";
    return out;
}

std::string render_csv(const Dataset& data, const std::vector<AreaTable>& tables) {
    std::string out = std::string(kIndicatorCsvHeader) + "\n";
    for (const auto& t : tables) {
        const Area& a = data.areas[t.area];
        for (const auto& r : t.rows) {
            bool whole = r.kind == IndicatorKind::count || r.kind == IndicatorKind::composite;
            std::string l12 = r.last_12 ? round_half_away(*r.last_12, whole ? 0 : 4) : "";
            std::string lta = r.lta ? round_half_away(*r.lta, 4) : "";
            std::string diff = r.difference ? round_half_away(*r.difference, 1) : "";
            std::string z = r.z ? fmt::format("{:.2f}", *r.z) : "";
            if (z == "-0.00") z = "0.00";
            std::string from = r.lta_available_from ? to_string(*r.lta_available_from) : "";
            // special_cause and assurance are empty when the cell has no SPC chart.
            std::string cause = r.variation ? to_string(special_cause_of(*r.variation)) : "";
            std::string assured = r.assurance ? to_string(*r.assurance) : "";
            out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                               csv_field(std::string(to_string(a.level))), csv_field(a.code),
                               csv_field(a.name), csv_field(r.indicator),
                               csv_field(to_string(r.period_end)), csv_field(l12), csv_field(lta),
                               csv_field(diff), csv_field(std::string(difference_unit(r.kind))),
                               csv_field(z), csv_field(std::string(to_string(r.status))),
                               csv_field(from), to_string(r.improvement), cause, assured);
        }
    }
    return out;
}

}  // namespace

bool parse_table_format(const std::string& text, TableFormat& out) {
    if (text == "table")
        out = TableFormat::table;
    else if (text == "markdown")
        out = TableFormat::markdown;
    else if (text == "html")
        out = TableFormat::html;
    else if (text == "csv")
        out = TableFormat::csv;
    else
        return false;
    return true;
}

std::string render_indicator_tables(const Dataset& data, const std::vector<AreaTable>& tables,
                                    TableFormat format) {
    switch (format) {
        case TableFormat::table:
            return render_table(data, tables);
        case TableFormat::markdown:
            return render_markdown(data, tables);
        case TableFormat::html:
            return render_html(data, tables);
        case TableFormat::csv:
            return render_csv(data, tables);
    }
    return {};
}

DisplayRow display_row(const IndicatorRow& r) {
    DisplayRow d;
    d.indicator = r.indicator;
    if (r.status == CellStatus::not_available_at_area) {
        d.spans = true;
        return d;
    }
    d.last_12 = r.last_12 ? value_text(*r.last_12, r.kind, false) : "n/a";
    if (r.status == CellStatus::recording_break) {
        d.lta = d.difference = "**";
    } else {
        d.lta = r.lta ? value_text(*r.lta, r.kind, true) : "n/a";
        d.difference = r.difference ? round_for_display(*r.difference, 1) +
                                          (r.kind == IndicatorKind::percentage ? "p.p." : "%")
                                    : "n/a";
    }
    d.significance = r.z ? z_text(*r.z) : "";
    return d;
}

std::optional<std::string> lta_unavailable(const AreaTable& table) {
    std::vector<Month> missing;
    std::optional<Month> period_end;
    for (const auto& r : table.rows) {
        if (r.lta || r.status == CellStatus::recording_break) return std::nullopt;
        // A row whose Last 12 months could be computed but not its average.
        if (r.status != CellStatus::insufficient_data || !r.last_12) continue;
        period_end = r.period_end;
        for (Month m : r.missing_months)
            if (std::find(missing.begin(), missing.end(), m) == missing.end()) missing.push_back(m);
    }
    if (!period_end || missing.empty()) return std::nullopt;
    std::sort(missing.begin(), missing.end());
    auto w = windows_for(*period_end);
    // With no month missed after the last one missing, the first period end whose 48 months
    // are all in the data.
    Month first_full = missing.back() + kMonthsNeeded;
    return fmt::format(
        "The Long Term Average, the Difference and its significance cannot be shown for the 12 "
        "months to {}: the average needs every month from {} to {}, and the data has none for {}. "
        "Importing those months would show them now; if no month is missed from here on, they "
        "will first be shown for the 12 months to {}.",
        long_name(*period_end), long_name(w.lta_first), long_name(w.lta_last),
        describe_months(missing), long_name(first_full));
}

std::vector<std::string> footnotes(const Dataset& data, const AreaTable& table) {
    std::vector<std::string> notes;
    auto no_lta = lta_unavailable(table);
    for (const auto& r : table.rows) {
        if (r.status == CellStatus::recording_break && r.recording_break)
            notes.push_back(fmt::format(
                "** {}: Long Term Average and Difference not available due to {} introduced in "
                "{}. LTA for {} should be available from {}.",
                r.indicator,
                r.recording_break->reason.empty() ? "a recording change"
                                                  : r.recording_break->reason,
                long_name(r.recording_break->month), r.indicator,
                long_name(*r.lta_available_from)));
        else if (r.status == CellStatus::insufficient_data)
            continue;  // grouped below
        else if (!r.note.empty() && r.status == CellStatus::ok)
            notes.push_back(fmt::format("{}: {}.", r.indicator, r.note));
    }
    // Cells missing for the same reason share one footnote.
    std::vector<std::pair<std::string, std::vector<std::string>>> missing;
    for (const auto& r : table.rows) {
        if (r.status != CellStatus::insufficient_data) continue;
        auto it = std::find_if(missing.begin(), missing.end(),
                               [&](auto& m) { return m.first == r.note; });
        if (it == missing.end())
            missing.push_back({r.note, {r.indicator}});
        else
            it->second.push_back(r.indicator);
    }
    if (no_lta) {
        // One sentence for the whole table rather than a footnote per reason.
        notes.push_back(*no_lta);
        std::erase_if(missing, [](const auto& m) { return m.first.starts_with("Long Term"); });
    }
    for (const auto& [note, indicators] : missing) {
        std::string which = indicators.size() == table.rows.size()
                                ? "every indicator"
                                : fmt::format("{}", fmt::join(indicators, "; "));
        notes.push_back(fmt::format("n/a ({}): {}.", which, note));
    }
    for (const auto& r : table.rows) {
        const IndicatorDefinition* d = data.find_indicator(r.indicator);
        if (d && !d->source_note.empty() && r.status != CellStatus::not_available_at_area)
            notes.push_back(fmt::format("{}: {}", d->name, d->source_note));
    }
    if (std::any_of(table.rows.begin(), table.rows.end(), [](const IndicatorRow& r) {
            return r.kind == IndicatorKind::percentage && r.difference;
        }))
        notes.push_back(
            "p.p.: percentage points, the difference between two percentages (as opposed to "
            "the percentage change between them).");
    return notes;
}

namespace {

// The Excel format that shows a value as value_text words it.
std::string excel_format(IndicatorKind kind, bool is_lta, const Fraction& v) {
    switch (kind) {
        case IndicatorKind::count:
        case IndicatorKind::composite:
            return is_lta ? "#,##0.0" : "#,##0";
        case IndicatorKind::rate:
            return "#,##0.0";
        case IndicatorKind::percentage:
            return "0.0\"%\"";
        case IndicatorKind::snapshot:
            return v.den == 1 ? "#,##0" : "#,##0.0";
    }
    return "General";
}

}  // namespace

doc::Table indicator_document_table(const Dataset& data, const AreaTable& table) {
    doc::Table t;
    t.widths = {0.46, 0.18, 0.18, 0.18};
    t.header = {{doc::bold("Indicator")},
                {doc::bold("Last 12 months")},
                {doc::bold("Long Term Average")},
                {doc::bold("Difference")}};
    t.number_formats = {"", "#,##0", "#,##0.0", "0.0\"%\""};
    for (const auto& r : table.rows) {
        DisplayRow d = display_row(r);
        if (d.spans) {
            t.rows.push_back({{doc::plain(r.indicator)},
                              {doc::plain("Data not available at district level.")},
                              {},
                              {}});
            t.numbers.emplace_back();
            t.cell_formats.emplace_back();
            continue;
        }
        t.rows.push_back({{doc::plain(d.indicator)},
                          {doc::plain(d.last_12)},
                          {doc::plain(d.lta)},
                          {doc::plain(d.difference)}});
        std::vector<std::optional<double>> numbers(4);
        std::vector<std::string> formats(4);
        if (r.last_12) {
            numbers[1] = r.last_12->to_double();
            formats[1] = excel_format(r.kind, false, *r.last_12);
        }
        if (r.status != CellStatus::recording_break) {
            if (r.lta) {
                numbers[2] = r.lta->to_double();
                formats[2] = excel_format(r.kind, true, *r.lta);
            }
            if (r.difference) {
                numbers[3] = r.difference->to_double();
                formats[3] = r.kind == IndicatorKind::percentage ? "0.0\"p.p.\"" : "0.0\"%\"";
            }
        }
        t.numbers.push_back(std::move(numbers));
        t.cell_formats.push_back(std::move(formats));
    }
    t.notes = footnotes(data, table);
    // Which way is better for each Difference shown, in words, and the SPC signals of the
    // latest month (the web pages show both in each row).
    std::vector<std::pair<Improvement, std::vector<std::string>>> better;
    std::vector<std::string> signals;
    for (const auto& r : table.rows) {
        if (r.difference) {
            auto it = std::find_if(better.begin(), better.end(),
                                   [&](const auto& b) { return b.first == r.improvement; });
            if (it == better.end()) it = better.insert(better.end(), {r.improvement, {}});
            it->second.push_back(r.indicator);
        }
        if (r.variation && special_cause_of(*r.variation) != SpecialCause::neither)
            signals.push_back(fmt::format("{}: {}", r.indicator, variation_words(*r.variation)));
    }
    if (better.size() == 1) {
        t.notes.push_back(
            fmt::format("{} for every measure in this table.", improvement_words(better[0].first)));
    } else {
        for (const auto& [improvement, names] : better)
            t.notes.push_back(
                fmt::format("{}: {}.", improvement_words(improvement), fmt::join(names, ", ")));
    }
    if (!signals.empty())
        t.notes.push_back(fmt::format("The latest month on its SPC chart (a signal): {}.",
                                      fmt::join(signals, "; ")));
    t.sheet = data.areas[table.area].name;
    return t;
}

}  // namespace scrutineer
