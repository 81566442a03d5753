// The police.uk street-level CSV scanner (the SIMD one that imports every month), without and
// with an LSOA lookup. An accepted file's counts add up to its rows.
#include "fuzz_support.hpp"
#include "scrutineer/police_uk_scanner.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const LsoaLookup lookup{{{"E01026483", "Broadland"}, {"E01026789", "Norwich"}}};
    const std::string source = "fuzz.csv";
    FileTally tally;
    tally.source = source;
    bool accepted = false;
    fuzz::accept_or_reject_clearly(source, [&] {
        scan_police_uk(std::string_view(reinterpret_cast<const char*>(data), size),
                       size % 2 ? &lookup : nullptr, tally);
        accepted = true;
    });
    if (accepted) {
        uint64_t counted = 0;
        for (const auto& b : tally.blocks) {
            fuzz::require(b.force < tally.forces.size(), "a block's force is not interned");
            fuzz::require(b.counts.size() <= tally.places.size(), "more places than interned");
            for (const auto& place : b.counts) {
                fuzz::require(place.size() <= tally.types.size(), "more types than interned");
                for (uint32_t n : place) counted += n;
            }
        }
        fuzz::require(counted == tally.rows, "the counts do not add up to the rows");
    }
    return 0;
}
