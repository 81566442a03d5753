// The full Norfolk report pack — the performance monitoring report for the force and its seven
// districts, with every police.uk crime type in the tables and a trend chart for each — built
// and written in every format. Issue #6's targets: <= 200 ms as HTML and <= 2 s as PDF.
//
// The report is assembled in memory (no store): Norfolk's areas (data/areas/norfolk.json's
// names and codes), the 14 police.uk crime types as counts over 60 months to December 2025
// (deterministic values), a plan with two priorities in focus linked to all of them, narratives,
// suggested questions and a commissioned service. Each benchmark times building the document
// from the loaded report and writing it; `BuildDocument` times the building alone.
//
//   build/bench/bench_report_pack                  # all formats, figures in milliseconds
//   build/bench/bench_report_pack --benchmark_min_time=0.01   # the CI smoke run
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "scrutineer/performance_report.hpp"
#include "scrutineer/report_formats.hpp"

using namespace scrutineer;

namespace {

const char* kCrimeTypes[] = {"Anti-social behaviour",
                             "Bicycle theft",
                             "Burglary",
                             "Criminal damage and arson",
                             "Drugs",
                             "Other theft",
                             "Possession of weapons",
                             "Public order",
                             "Robbery",
                             "Shoplifting",
                             "Theft from the person",
                             "Vehicle crime",
                             "Violence and sexual offences",
                             "Other crime"};

struct Pack {
    Dataset data;
    report::PerformanceReport report;
};

Pack make_pack() {
    Pack p;
    Dataset& d = p.data;
    d.areas.push_back({"E10000020", "Norfolk Constabulary", AreaLevel::force, 0});
    const std::pair<const char*, const char*> districts[] = {
        {"E07000143", "Breckland"},      {"E07000144", "Broadland"},
        {"E07000145", "Great Yarmouth"}, {"E07000146", "King's Lynn and West Norfolk"},
        {"E07000147", "North Norfolk"},  {"E07000148", "Norwich"},
        {"E07000149", "South Norfolk"}};
    for (const auto& [code, name] : districts)
        d.areas.push_back({code, name, AreaLevel::district, 0});
    for (const char* t : kCrimeTypes) {
        IndicatorDefinition def;
        def.name = t;
        d.indicators.push_back(def);
    }
    for (size_t a = 0; a < d.areas.size(); ++a)
        for (size_t i = 0; i < std::size(kCrimeTypes); ++i) {
            Series s;
            for (Month m = Month::of(2021, 1); m <= Month::of(2025, 12); m = m + 1) {
                int64_t v = static_cast<int64_t>((a == 0 ? 900 : 120) + 37 * i +
                                                 (m.index * 7919 + i * 104729 + a * 31) % 97);
                s.set(m, v * kMicro);
            }
            d.series[{a, kCrimeTypes[i]}] = s;
        }

    report::PerformanceReport& r = p.report;
    r.viewer = Role::public_user;
    r.panel.name = "Norfolk Police and Crime Panel";
    r.panel.kind = PanelKind::police_and_crime_panel;
    r.meeting.date = CalendarDate::of(2026, 2, 3);
    r.meeting.time = "10:00";
    r.plan.title = "Police and Crime Plan for Norfolk 2024-2028";
    r.plan.owner = "PCC";
    r.plan.description = "The plan was produced following a wide ranging public consultation.";
    r.approach_author = "Jo Martin, Democratic Support and Scrutiny Team Manager";
    for (int n = 1; n <= 7; ++n) {
        Priority pr;
        pr.id = n;
        pr.number = n;
        pr.title = fmt::format("Priority number {} of the plan", n);
        r.priorities.push_back(pr);
        for (int o = 1; o <= 4; ++o)
            r.objectives[n].push_back(StrategicObjective{
                o, n, o, fmt::format("Objective {} of priority {}", o, n), "", {}});
    }
    for (int k = 0; k < 2; ++k) {
        report::PriorityInFocus f;
        f.priority = r.priorities[static_cast<size_t>(k * 3)];
        f.objectives = r.objectives[f.priority.id];
        f.last_looked = CalendarDate::of(2025, 2, 4);
        Narrative n;
        n.period_end = Month::of(2025, 12);
        for (int para = 0; para < 12; ++para)
            n.text +=
                "The Constabulary continued to work with partners on this objective, and "
                "the figures for the last twelve months show the effect of that work.\n\n";
        f.narrative = n;
        for (size_t i = 0; i < std::size(kCrimeTypes); ++i)
            if (i % 2 == static_cast<size_t>(k))
                f.indicators.push_back({f.priority.id, kCrimeTypes[i], static_cast<int>(i), {}});
        for (int q = 0; q < 10; ++q)
            f.questions +=
                fmt::format("Question {} for the PCC on this priority.\n- A point.\n", q);
        report::ServiceUpdate s;
        s.service.name = "A commissioned service";
        s.service.provider = "A provider";
        s.service.description = "What the service does.";
        f.services.push_back(s);
        r.in_focus.push_back(std::move(f));
    }
    r.data = &d;
    r.period_end = Month::of(2025, 12);
    r.tables = compute_tables(d, *r.period_end);
    return p;
}

const Pack& pack() {
    static Pack p = make_pack();
    p.report.data = &p.data;  // the copy's own data, not make_pack's
    return p;
}

void BuildDocument(benchmark::State& state) {
    const Pack& p = pack();
    for (auto _ : state) benchmark::DoNotOptimize(report::performance_report_document(p.report));
}

void Write(benchmark::State& state, report::ReportFormat format) {
    Pack p = make_pack();
    p.report.data = &p.data;
    size_t bytes = 0;
    for (auto _ : state) {
        std::string out = report::render(report::performance_report_document(p.report), format);
        bytes = out.size();
        benchmark::DoNotOptimize(out);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
    if (format == report::ReportFormat::pdf) {
        // The pages: page objects ("/Type /Page") less the page tree ("/Type /Pages").
        std::string out = report::render(report::performance_report_document(p.report), format);
        auto count = [&](const std::string& what) {
            double n = 0;
            for (size_t at = 0; (at = out.find(what, at)) != std::string::npos; at += what.size())
                ++n;
            return n;
        };
        state.counters["pages"] = count("/Type /Page") - count("/Type /Pages");
    }
}

}  // namespace

BENCHMARK(BuildDocument)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Write, html, report::ReportFormat::html)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Write, pdf, report::ReportFormat::pdf)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Write, docx, report::ReportFormat::docx)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Write, xlsx, report::ReportFormat::xlsx)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
