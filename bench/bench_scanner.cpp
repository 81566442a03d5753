// Micro-benchmark of the police.uk scanner on in-memory text: no disk, no page cache, no
// threads, so its bytes/s is the ceiling for what one core can import.
#include <benchmark/benchmark.h>

#include <string>

#include "scrutineer/police_uk_scanner.hpp"
#include "synthetic_rows.hpp"

namespace {

const synth::Nation& nation() {
    static const synth::Nation n(3, 1);
    return n;
}

// One street-level file of `rows` rows for force 0 (a mid-sized force's month is ~8000 rows).
std::string make_file(uint64_t rows, bool quoted_outcomes) {
    std::string text;
    synth::FileStats stats;
    nation().write_file(0, synth::YearMonth{2024, 6}, rows, text, stats, quoted_outcomes);
    return text;
}

void scan(benchmark::State& state, const std::string& text, const scrutineer::LsoaLookup* lookup) {
    uint64_t rows = 0;
    for (auto _ : state) {
        scrutineer::FileTally tally;
        scrutineer::scan_police_uk(text, lookup, tally);
        rows = tally.rows;
        benchmark::DoNotOptimize(tally.blocks.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
    state.counters["file_MB"] = static_cast<double>(text.size()) / 1e6;
}

// The common case: one outcome in ~300 is quoted, so the quote path is taken.
void BM_Scan(benchmark::State& state) {
    const std::string text = make_file(static_cast<uint64_t>(state.range(0)), true);
    scan(state, text, nullptr);
}
BENCHMARK(BM_Scan)->Arg(8'000)->Arg(200'000);

// No quotes anywhere: the scanner can skip unquoting needed fields.
void BM_ScanNoQuotes(benchmark::State& state) {
    const std::string text = make_file(static_cast<uint64_t>(state.range(0)), false);
    scan(state, text, nullptr);
}
BENCHMARK(BM_ScanNoQuotes)->Arg(8'000)->Arg(200'000);

// With an LSOA code -> district lookup (--lsoa-lookup), which adds a hash look-up per LSOA.
void BM_ScanWithLookup(benchmark::State& state) {
    const std::string text = make_file(static_cast<uint64_t>(state.range(0)), true);
    scrutineer::LsoaLookup lookup;
    for (const auto& force : nation().forces())
        for (const auto& district : force.districts)
            for (const auto& lsoa : district.lsoas)
                lookup.district_of.emplace(lsoa.suffix.substr(0, lsoa.suffix.find(',')),
                                           district.name);
    scan(state, text, &lookup);
}
BENCHMARK(BM_ScanWithLookup)->Arg(200'000);

}  // namespace

BENCHMARK_MAIN();
