#include "scrutineer/performance_report.hpp"

#include "scrutineer/exception_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/display_rounding.hpp"
#include "scrutineer/indicator_chart.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/meeting_wording.hpp"
#include "scrutineer/money.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/rolling_programme.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/suggested_approach_store.hpp"
#include "scrutineer/svg_chart.hpp"

namespace scrutineer::report {
namespace {

using doc::bold;
using doc::plain;

// The latest month any series holds before `before`.
std::optional<Month> latest_month_before(const Dataset& data, Month before) {
    std::optional<Month> out;
    for (const auto& [key, s] : data.series)
        for (size_t k = s.present.size(); k-- > 0;) {
            Month m = s.first + static_cast<int>(k);
            if (!s.present[k] || !(m < before)) continue;
            if (!out || *out < m) out = m;
            break;
        }
    return out;
}

bool is_police_and_crime_plan(const Plan& plan) {
    return plan.kind == PlanKind::police_and_crime_plan;
}

// "the PCC", "the Partnership": who the Panel questions on the plan.
std::string plan_holder(const Plan& plan) {
    return is_police_and_crime_plan(plan) ? "the PCC" : "the Partnership";
}

std::string office_of(const Plan& plan) {
    return is_police_and_crime_plan(plan) ? "Office of the Police and Crime Commissioner"
                                          : plan.owner;
}

doc::ListItem numbered(const std::string& label, doc::Text text, int depth = 0) {
    doc::ListItem i;
    i.label = label;
    i.text = std::move(text);
    i.depth = depth;
    return i;
}

doc::Heading heading(int level, std::string text) {
    return doc::Heading{level, std::move(text), {}};
}

// A number a published figure prints ("1,542", "82.6%", "-2.6p.p"), for spreadsheets; nothing
// for "**", "n/a", "" and anything else that is not a number.
std::optional<double> published_number(const std::string& text) {
    std::string digits;
    for (char c : text) {
        if (c == ',') continue;
        if ((c >= '0' && c <= '9') || c == '.' || (c == '-' && digits.empty()))
            digits += c;
        else if (c == '%' || c == 'p' || c == ' ')
            break;
        else
            return std::nullopt;
    }
    if (digits.empty() || digits == "-" || digits == ".") return std::nullopt;
    try {
        size_t used = 0;
        double v = std::stod(digits, &used);
        return used == digits.size() ? std::optional<double>(v) : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string period_words(const std::optional<CalendarDate>& start,
                         const std::optional<CalendarDate>& end) {
    if (start && end) return long_name(*start) + " to " + long_name(*end);
    if (start) return "from " + long_name(*start);
    if (end) return "to " + long_name(*end);
    return "";
}

// One area's table: the priorities in focus, each with its indicators, computed from the data
// where it holds them and otherwise as the meeting's paper published them.
doc::Table area_table(const PerformanceReport& r, const AreaTable& computed) {
    const Dataset& data = *r.data;
    const Area& area = data.areas[computed.area];
    doc::Table from_data = indicator_document_table(data, computed);
    doc::Table t;
    t.widths = {0.2, 0.38, 0.14, 0.14, 0.14};
    t.header = {{bold("Priority")}};
    for (auto& h : from_data.header) t.header.push_back(h);
    t.number_formats = {""};
    for (auto& f : from_data.number_formats) t.number_formats.push_back(f);
    t.sheet = area.name;
    t.notes = from_data.notes;
    bool any_published = false;
    std::string paper, period;
    for (const auto& f : r.in_focus) {
        bool first = true;
        for (const auto& link : f.indicators) {
            std::vector<doc::Text> row{{plain(first ? f.priority.title : "")}};
            std::vector<std::optional<double>> numbers{std::nullopt};
            std::vector<std::string> formats{""};
            auto at =
                std::find_if(computed.rows.begin(), computed.rows.end(),
                             [&](const IndicatorRow& x) { return x.indicator == link.indicator; });
            if (at != computed.rows.end()) {
                size_t k = static_cast<size_t>(at - computed.rows.begin());
                for (auto& c : from_data.rows[k]) row.push_back(c);
                for (auto& n : from_data.numbers[k]) numbers.push_back(n);
                for (auto& c : from_data.cell_formats[k]) formats.push_back(c);
            } else {
                auto p = std::find_if(r.published.begin(), r.published.end(), [&](const auto& x) {
                    return x.area_code == area.code && x.indicator == link.indicator;
                });
                if (p == r.published.end()) continue;  // neither computed nor published here
                any_published = true;
                paper = p->paper;
                period = p->period_label;
                row.push_back({plain(p->indicator + " \u2020")});
                row.push_back({plain(p->last_12)});
                row.push_back({plain(p->lta)});
                row.push_back({plain(p->difference)});
                numbers.push_back(std::nullopt);
                formats.push_back("");
                for (const auto* text : {&p->last_12, &p->lta, &p->difference}) {
                    numbers.push_back(published_number(*text));
                    formats.push_back(text->find('%') != std::string::npos     ? "0.0\"%\""
                                      : text->find("p.p") != std::string::npos ? "0.0\"p.p.\""
                                                                               : "#,##0.0##");
                }
                if (!p->note.empty()) t.notes.push_back(p->indicator + ": " + p->note);
            }
            t.rows.push_back(std::move(row));
            t.numbers.push_back(std::move(numbers));
            t.cell_formats.push_back(std::move(formats));
            first = false;
        }
    }
    if (any_published)
        t.notes.push_back(
            fmt::format("\u2020 Not held in scrutineer's data: the figure as published in {}{}.",
                        paper, period.empty() ? "" : " (" + period + ")"));
    return t;
}

// What the trend chart draws, in words under it: the SPC chart's mean and limits and how its
// signals are marked, or why it has none.
std::string trend_key(const IndicatorTrend& trend) {
    std::string out;
    if (trend.spc) {
        const IndicatorSpc& spc = *trend.spc;
        Month last = spc.first + static_cast<int>(spc.chart.points.size()) - 1;
        Month base_last = spc.first + static_cast<int>(spc.chart.baseline) - 1;
        out = fmt::format(
            "The solid line is the mean ({} a month) and the dotted lines the process limits ({} "
            "and {}) of the {} months from {} to {}. A month outside the limits, or in a run or "
            "trend of 7, is a signal: a diamond for an improvement, a square for a concern, a "
            "triangle where neither way is better. {}: {}.",
            chart_number(spc.chart.limits.mean), chart_number(spc.chart.limits.lower_limit),
            chart_number(spc.chart.limits.upper_limit), spc.chart.baseline, long_name(spc.first),
            long_name(base_last), long_name(last), variation_words(spc.variation));
    } else if (!trend.spc_note.empty()) {
        out = "No SPC chart: " + trend.spc_note + ".";
    }
    if (!trend.gaps.empty()) out += (out.empty() ? "" : " ") + trend.gaps;
    return out;
}

// The chart's months as a compact table: a row a calendar year, a column a month.
doc::Table trend_table(const IndicatorTrend& trend, const std::string& caption) {
    doc::Table t;
    t.sheet = "Monthly values";
    t.header = {{bold(caption)}};
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (const char* m : kMonths) t.header.push_back({bold(m)});
    t.widths.assign(13, 0.07);
    t.widths[0] = 0.16;
    t.number_formats.assign(13, "#,##0.###");
    t.number_formats[0] = "";
    if (trend.chart.points.empty()) return t;
    int first_year = trend.chart.points.front().month.year();
    int last_year = trend.chart.points.back().month.year();
    for (int y = first_year; y <= last_year; ++y) {
        std::vector<doc::Text> row{{plain(std::to_string(y))}};
        std::vector<std::optional<double>> numbers{std::nullopt};
        for (int mo = 1; mo <= 12; ++mo) {
            std::string text;
            std::optional<double> number;
            for (size_t k = 0; k < trend.chart.points.size(); ++k) {
                const Month& m = trend.chart.points[k].month;
                if (m.year() != y || m.month() != mo) continue;
                if (trend.values[k]) {
                    text = round_for_display(*trend.values[k], trend.values[k]->den == 1 ? 0 : 1);
                    number = trend.values[k]->to_double();
                } else {
                    text = "\u2013";
                }
            }
            row.push_back({plain(text)});
            numbers.push_back(number);
        }
        t.rows.push_back(std::move(row));
        t.numbers.push_back(std::move(numbers));
    }
    return t;
}

// What needs the panel's attention (exception_report.hpp): the measures of the priorities in
// focus whose latest month is a signal on its SPC chart, at the front of the report.
void attention(doc::Document& d, const PerformanceReport& r) {
    d.add(heading(2, "What needs the panel's attention"));
    bool computed = r.period_end && std::any_of(r.tables.begin(), r.tables.end(),
                                                [](const AreaTable& t) { return !t.rows.empty(); });
    if (!computed) {
        d.add(doc::Paragraph{
            {plain("None of the measures of the priorities in focus is computed from data held, so "
                   "no signal can be shown; the figures as published are in the annex.")}});
        return;
    }
    auto items = exception_report(*r.data, r.tables);
    if (items.empty()) {
        d.add(doc::Paragraph{{plain(fmt::format(
            "No measure of the priorities in focus shows a signal in {}: each is within the "
            "variation its monthly figures always show (the method is in the annex).",
            long_name(*r.period_end)))}});
        return;
    }
    d.add(doc::Paragraph{{plain(fmt::format(
        "Only the measures whose latest month, {}, is a signal on its statistical process "
        "control chart, better or worse; everything else is within its usual variation.",
        long_name(*r.period_end)))}});
    doc::List l;
    for (size_t k = 0; k < items.size(); ++k)
        l.items.push_back(numbered(fmt::format("{})", k + 1),
                                   {bold(std::string(variation_words(items[k].variation)) + ": "),
                                    plain(items[k].reason + ".")}));
    d.add(l);
}

void cover_report(doc::Document& d, const PerformanceReport& r) {
    const Plan& plan = r.plan;
    std::string holder = plan_holder(plan);
    d.add(heading(1, plan.title + " \u2013 performance monitoring"));
    if (!r.approach_author.empty())
        d.add(doc::Paragraph{{plain("Suggested approach from " + r.approach_author)}});
    attention(d, r);
    auto recommendations = [&] {
        doc::List l;
        l.items = {numbered("1)", {plain("Consider the update about progress with delivering the " +
                                         plan.title + ".")}),
                   numbered("2)", {plain("Decide what recommendations (if any) it wishes to "
                                         "make to " +
                                         holder + ".")})};
        return l;
    };
    d.add(doc::Paragraph{{plain("The Panel is recommended to:")}});
    d.add(recommendations());

    d.add(heading(2, "1. Background"));
    doc::List background;
    if (is_police_and_crime_plan(plan)) {
        background.items = {
            numbered("1.1",
                     {plain("The Police Reform and Social Responsibility Act 2011 (\u201cthe "
                            "Act\u201d) requires the Police and Crime Commissioner (\u201cthe "
                            "PCC\u201d) to issue a Police and Crime Plan (\u201cthe Plan\u201d) "
                            "within the financial year in which the election is held.")}),
            numbered("1.2",
                     {plain("The Plan should determine, direct and communicate the PCC\u2019s "
                            "priorities during their period in office.")}),
            numbered("1.3", {plain("The PCC may vary an existing plan or issue a new one at any "
                                   "time. Any variations should be reviewed by the Panel.")})};
    } else {
        background.items = {
            numbered("1.1", {plain("The Panel scrutinises the " + plan.owner +
                                   "\u2019s delivery of the " + plan.title +
                                   ", as the Police and Justice Act 2006 (section 19) provides "
                                   "for the scrutiny of community safety partnerships.")})};
    }
    d.add(background);

    d.add(heading(2, "2. Purpose of today's meeting"));
    doc::List purpose;
    purpose.items.push_back(numbered(
        "2.1", {plain("The purpose of the item on today's agenda is to allow the Panel to consider "
                      "progress being made towards delivering the " +
                      plan.title + ".")}));
    if (r.annual_report_meeting)
        purpose.items.push_back(numbered(
            "2.2", {plain("At the Panel's " + long_name(*r.annual_report_meeting) +
                          " meeting, members received an update on the activity being undertaken "
                          "to deliver the Plan through the Annual Report.")}));
    std::string label = r.annual_report_meeting ? "2.3" : "2.2";
    purpose.items.push_back(numbered(
        label,
        {plain(fmt::format("Further progress against the following {} {} is outlined at ",
                           r.in_focus.size(), r.in_focus.size() == 1 ? "priority" : "priorities")),
         bold("Annex 1"), plain(" of this report:")}));
    for (size_t k = 0; k < r.in_focus.size(); ++k) {
        const auto& f = r.in_focus[k];
        std::string when =
            f.last_looked
                ? " (the Panel last looked at this priority in detail, as part of the rolling "
                  "programme of performance reporting, on " +
                      long_name(*f.last_looked) + ")"
                : " (the Panel has not yet looked at this priority in detail)";
        purpose.items.push_back(
            numbered(area_label(k),
                     {plain(fmt::format("Priority {}: {}{}{}.", f.priority.number, f.priority.title,
                                        restriction_mark(f.priority.visibility), when))},
                     1));
    }
    d.add(purpose);

    d.add(heading(2, "3. Suggested Approach"));
    doc::List approach;
    std::string who = r.item && !r.item->invitees.empty() ? r.item->invitees : holder;
    if (!who.empty()) who[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(who[0])));
    approach.items.push_back(numbered(
        "3.1", {plain(who + " will attend the meeting and answer the Panel's questions.")}));
    bool any_questions = std::any_of(r.in_focus.begin(), r.in_focus.end(),
                                     [](const auto& f) { return !f.questions.empty(); });
    if (any_questions)
        approach.items.push_back(
            numbered("3.2", {plain("After " + holder +
                                   " has presented the report, the Panel may wish to "
                                   "question " +
                                   holder + " on the following areas:")}));
    d.add(approach);
    for (const auto& f : r.in_focus) {
        if (f.questions.empty()) continue;
        d.add(heading(3, fmt::format("Priority {}: {}", f.priority.number, f.priority.title)));
        doc::List areas;
        auto found = question_areas(f.questions);
        for (size_t k = 0; k < found.size(); ++k) {
            areas.items.push_back(numbered(area_label(k), {plain(found[k].text)}));
            for (const auto& p : found[k].points) {
                doc::ListItem point;
                point.text = {plain(p)};
                point.depth = 1;
                point.label = "\u2022";
                areas.items.push_back(point);
            }
        }
        d.add(areas);
    }

    d.add(heading(2, "4. Action"));
    d.add(doc::Paragraph{{plain("4.1 The Panel is recommended to:")}});
    d.add(recommendations());
}

void annex(doc::Document& d, const PerformanceReport& r) {
    const Plan& plan = r.plan;
    d.add(doc::PageBreak{});
    d.add(doc::Anchor{"annex-1"});
    d.add(doc::Heading{1, "Annex 1: " + office_of(plan), "Annex 1"});
    d.add(doc::Paragraph{{bold(plan.title)}});
    d.add(doc::Paragraph{{bold("Performance Monitoring Report")}});
    d.add(doc::Paragraph{
        {bold("Summary: "),
         plain(fmt::format("This report provides the Panel with an overview of the progress made "
                           "against delivering {} of the strategic priorities within the {}.",
                           r.in_focus.size() == 2 ? "two" : std::to_string(r.in_focus.size()),
                           plan.title))}});

    int section = 1;
    d.add(heading(2, fmt::format("{}. Background", section)));
    if (!plan.description.empty())
        d.add(
            doc::List{false, {numbered(fmt::format("{}.1", section), {plain(plan.description)})}});
    ++section;

    d.add(heading(2, fmt::format("{}. {} priorities", section, plan.title)));
    d.add(doc::Paragraph{{plain(
        fmt::format("{}.1 The plan sets out {} priorities as:", section, r.priorities.size()))}});
    doc::List all;
    for (const auto& p : r.priorities) {
        all.items.push_back(
            doc::ListItem{{plain(p.title + restriction_mark(p.visibility))}, "\u2022", 0, false});
        auto o = r.objectives.find(p.id);
        if (o == r.objectives.end()) continue;
        for (const auto& obj : o->second)
            all.items.push_back(doc::ListItem{
                {plain(obj.text + restriction_mark(obj.visibility))}, "\u2013", 1, false});
    }
    d.add(all);
    ++section;

    d.add(heading(2, fmt::format("{}. Monitoring progress against plan priorities", section)));
    doc::List monitoring;
    monitoring.items = {
        numbered(fmt::format("{}.1", section),
                 {plain("Due to the number of priorities, reports are provided on two themes at a "
                        "time on a rolling basis so that a full year's coverage of all the "
                        "priorities can be achieved.")}),
        numbered(fmt::format("{}.2", section),
                 {plain("This report outlines the progress that has been made in relation to the "
                        "following priorities and also includes details of commissioned services "
                        "in these areas:")})};
    for (size_t k = 0; k < r.in_focus.size(); ++k)
        monitoring.items.push_back(
            numbered(area_label(k), {plain(r.in_focus[k].priority.title)}, 1));
    d.add(monitoring);
    ++section;

    for (const auto& f : r.in_focus) {
        d.add(heading(2, fmt::format("{}. {}{}", section, f.priority.title,
                                     restriction_mark(f.priority.visibility))));
        if (!f.objectives.empty()) {
            d.add(doc::Paragraph{{bold("Strategic objectives")}});
            doc::List objectives;
            for (const auto& o : f.objectives)
                objectives.items.push_back(doc::ListItem{
                    {plain(o.text + restriction_mark(o.visibility))}, "\u2022", 0, false});
            d.add(objectives);
        }
        doc::List progress;
        if (f.narrative) {
            int n = 0;
            size_t at = 0;
            const std::string& text = f.narrative->text;
            while (at < text.size()) {
                size_t end = text.find("\n\n", at);
                if (end == std::string::npos) end = text.size();
                std::string para = text.substr(at, end - at);
                at = end + 2;
                if (para.find_first_not_of(" \n\t") == std::string::npos) continue;
                progress.items.push_back(
                    numbered(fmt::format("{}.{}", section, ++n), {plain(para)}));
            }
            progress.items.push_back(doc::ListItem{
                {plain(fmt::format("Progress narrative for the period to {}{}{}.",
                                   long_name(f.narrative->period_end),
                                   f.narrative->author.empty() ? "" : ", by " + f.narrative->author,
                                   restriction_mark(f.narrative->visibility)))},
                "",
                0,
                true});
        } else {
            progress.items.push_back(
                numbered(fmt::format("{}.1", section),
                         {plain("No progress narrative has been recorded for this priority.")}));
        }
        d.add(progress);
        ++section;
    }

    d.add(heading(2, fmt::format("{}. Performance Measures", section)));
    bool computed_rows = std::any_of(r.tables.begin(), r.tables.end(),
                                     [](const AreaTable& t) { return !t.rows.empty(); });
    if (!computed_rows && r.published.empty()) {
        d.add(
            doc::Paragraph{{plain("No indicator data is held for a period before this meeting.")}});
    } else {
        d.add(doc::Paragraph{{plain(fmt::format(
            "{}.1 The following tables outline the performance measures{}, for the force and each "
            "district, against the Long Term Average (the average of the three years before).",
            section, computed_rows ? " for the 12 months to " + long_name(*r.period_end) : ""))}});
        for (const auto& computed : r.tables) {
            const Area& area = r.data->areas[computed.area];
            d.add(heading(3, area.level == AreaLevel::force ? area.name + " (county)" : area.name));
            doc::Table t = area_table(r, computed);
            if (t.rows.empty())
                d.add(
                    doc::Paragraph{{plain("No measures for these priorities are held for this "
                                          "area.")}});
            else
                d.add(std::move(t));
        }
        // The trend charts: the force's series for each measure the data holds.
        for (const auto& computed : r.tables) {
            if (!r.period_end) break;
            const Area& area = r.data->areas[computed.area];
            if (area.level != AreaLevel::force) continue;
            for (const auto& row : computed.rows) {
                const IndicatorDefinition* def = r.data->find_indicator(row.indicator);
                if (!def) continue;
                auto trend = indicator_trend(*r.data, computed.area, *def, *r.period_end);
                if (!trend.why.empty()) continue;
                d.add(heading(3, "Trend: " + def->name + ", " + area.name));
                d.add(doc::Figure{trend.chart});
                if (auto key = trend_key(trend); !key.empty()) d.add(doc::Paragraph{{plain(key)}});
                d.add(trend_table(trend, def->name));
            }
        }
    }
    ++section;

    for (const auto& f : r.in_focus) {
        if (f.services.empty()) continue;
        d.add(heading(2, fmt::format("{}. {} \u2013 Commissioned Services update", section,
                                     f.priority.title)));
        for (const auto& s : f.services) {
            d.add(heading(3, s.service.name));
            if (!s.service.provider.empty())
                d.add(doc::Paragraph{{bold("Provider: "), plain(s.service.provider)}});
            if (!s.service.description.empty())
                d.add(doc::Paragraph{{plain(s.service.description)}});
            if (!s.grants.empty()) {
                doc::Table g;
                g.sheet = "Commissioned services";
                g.header = {{bold("Service")},
                            {bold("Funder")},
                            {bold("Amount")},
                            {bold("Period")},
                            {bold("Decision")}};
                g.widths = {0.22, 0.2, 0.16, 0.28, 0.14};
                g.number_formats = {"", "", "\u00a3#,##0.00", "", ""};
                for (const auto& grant : s.grants) {
                    g.rows.push_back(
                        {{plain(s.service.name)},
                         {plain(grant.funder)},
                         {plain(grant.amount_pence ? format_pounds(*grant.amount_pence) : "")},
                         {plain(grant.note.empty() ? period_words(grant.start, grant.end)
                                                   : grant.note)},
                         {plain(grant.decision_number)}});
                    g.numbers.push_back(
                        {std::nullopt, std::nullopt,
                         grant.amount_pence
                             ? std::optional<double>(static_cast<double>(*grant.amount_pence) / 100)
                             : std::nullopt});
                }
                d.add(std::move(g));
            }
            if (!s.measures.empty()) {
                doc::Table m;
                m.sheet = "Commissioned services";
                m.header = {{bold("Measure")}, {bold("Period")}, {bold("Value")}};
                m.widths = {0.5, 0.3, 0.2};
                m.number_formats = {"", "", "#,##0"};
                for (const auto& measure : s.measures) {
                    m.rows.push_back(
                        {{plain(measure.group.empty() ? measure.measure
                                                      : measure.group + ": " + measure.measure)},
                         {plain(measure.period.label)},
                         {plain(fmt::format("{}", measure.value))}});
                    m.numbers.push_back(
                        {std::nullopt, std::nullopt, static_cast<double>(measure.value)});
                    if (!measure.note.empty())
                        m.notes.push_back(measure.measure + ": " + measure.note);
                }
                d.add(std::move(m));
            }
        }
        ++section;
    }
}

}  // namespace

int64_t next_panel_meeting(store::Database& db, Role viewer, CalendarDate today) {
    for (const auto& panel : store::load_panels(db)) {
        if (panel.kind != PanelKind::police_and_crime_panel) continue;
        for (const auto& m : store::load_meetings(db, panel.id, viewer))
            if (m.status == MeetingStatus::scheduled && !m.reserve && !(m.date < today))
                return m.id;
        throw ReportUnavailable(fmt::format(
            "The {} has no meeting scheduled on or after {}: name one with --meeting ID",
            panel.name, long_name(today)));
    }
    throw ReportUnavailable("There is no Police and Crime Panel in the store");
}

PerformanceReport load_performance_report(store::Database& db, const Dataset& data,
                                          int64_t meeting_id, Role viewer,
                                          std::optional<Month> period_end) {
    PerformanceReport r;
    r.viewer = viewer;
    r.data = &data;
    auto meeting = store::load_meeting(db, meeting_id, viewer);
    if (!meeting) throw ReportUnavailable(fmt::format("There is no meeting {}", meeting_id));
    r.meeting = std::move(*meeting);
    auto panel = store::load_panel(db, r.meeting.panel_id);
    if (!panel) throw ReportUnavailable(fmt::format("There is no meeting {}", meeting_id));
    r.panel = std::move(*panel);
    auto meetings = store::load_meetings(db, r.panel.id, viewer);

    for (const auto& item : r.meeting.items)
        if (!item.priority_ids.empty()) {
            r.item = item;
            break;
        }
    std::optional<Plan> plan;
    if (r.item) {
        for (const auto& p : store::load_plans(db, viewer)) {
            for (const auto& pr : store::load_priorities(db, viewer, p.id))
                if (pr.id == r.item->priority_ids.front()) plan = p;
            if (plan) break;
        }
    } else {
        plan = store::scrutinised_plan(db, viewer, r.panel);
    }
    if (!plan)
        throw ReportUnavailable(
            fmt::format("The {} scrutinises no plan that can be shown", r.panel.name));
    r.plan = std::move(*plan);
    r.priorities = store::load_priorities(db, viewer, r.plan.id);
    for (const auto& p : r.priorities)
        r.objectives[p.id] = store::load_objectives(db, viewer, p.id);

    std::vector<int64_t> focus;
    if (r.item) {
        focus = r.item->priority_ids;
    } else {
        auto programme = rolling_programme(r.priorities, in_depth_reviews(meetings),
                                           next_meetings(meetings, r.meeting.date), r.meeting.date);
        for (const auto& m : programme.meetings)
            if (m.meeting_id == meeting_id) {
                focus = m.placed;
                focus.insert(focus.end(), m.proposed.begin(), m.proposed.end());
            }
    }
    auto reviews = in_depth_reviews(meetings);
    std::optional<SuggestedApproach> approach =
        r.item ? store::load_suggested_approach(db, r.item->id) : std::nullopt;
    if (approach) r.approach_author = approach->author;

    auto ymd = r.meeting.date.ymd;
    r.period_end =
        period_end ? period_end
                   : latest_month_before(data, Month::of(static_cast<int>(ymd.year()),
                                                         static_cast<int>(unsigned(ymd.month()))));
    for (int64_t id : focus) {
        auto p = std::find_if(r.priorities.begin(), r.priorities.end(),
                              [&](const Priority& x) { return x.id == id; });
        if (p == r.priorities.end()) continue;  // not one the viewer may see
        PriorityInFocus f;
        f.priority = *p;
        f.objectives = r.objectives[id];
        for (const auto& rv : reviews)
            if (rv.priority_id == id && rv.date < r.meeting.date &&
                (!f.last_looked || *f.last_looked < rv.date))
                f.last_looked = rv.date;
        for (auto& n : store::load_narratives(db, viewer, id))
            if ((!r.period_end || !(*r.period_end < n.period_end)) &&
                (!f.narrative || f.narrative->period_end < n.period_end))
                f.narrative = std::move(n);
        f.indicators = store::load_priority_indicators(db, viewer, id);
        for (auto& s : store::load_services_for_priority(db, viewer, id)) {
            ServiceUpdate u{s, store::load_grants(db, s.id), store::load_measures(db, s.id)};
            f.services.push_back(std::move(u));
        }
        if (approach)
            for (const auto& q : approach->questions)
                if (q.priority_id == id) f.questions = q.text;
        r.in_focus.push_back(std::move(f));
    }
    if (r.in_focus.empty())
        throw ReportUnavailable(fmt::format(
            "No priorities are in focus at the {} meeting of {}: place them on its agenda from the "
            "rolling programme",
            long_name(r.meeting.date), r.panel.name));

    for (const auto& m : meetings)
        if (m.status == MeetingStatus::held && m.date < r.meeting.date)
            for (const auto& item : m.items)
                if (item.title.find("Annual Report") != std::string::npos)
                    r.annual_report_meeting = m.date;

    if (r.period_end) {
        std::set<std::string> linked;
        for (const auto& f : r.in_focus)
            for (const auto& l : f.indicators) linked.insert(l.indicator);
        r.tables = visible_to(compute_tables(data, *r.period_end), data, viewer);
        for (auto& t : r.tables)
            std::erase_if(t.rows,
                          [&](const IndicatorRow& x) { return !linked.count(x.indicator); });
    } else {
        for (size_t a = 0; a < data.areas.size(); ++a) r.tables.push_back(AreaTable{a, {}});
    }
    for (auto& f : store::load_published_figures(db, viewer))
        if (f.meeting_date == r.meeting.date) r.published.push_back(std::move(f));
    return r;
}

doc::Document performance_report_document(const PerformanceReport& r) {
    doc::Document d;
    d.title = r.plan.title + " \u2013 performance monitoring";
    d.subject = meeting_heading(r.panel, r.meeting);
    d.header = r.panel.name;
    d.footer = meeting_heading(r.panel, r.meeting);
    d.created =
        to_string(r.meeting.agenda_published_on ? *r.meeting.agenda_published_on : r.meeting.date);
    cover_report(d, r);
    annex(d, r);
    return d;
}

std::string performance_report_file_stem(const PerformanceReport& r) {
    return "performance-report-" + to_string(r.meeting.date);
}

}  // namespace scrutineer::report
