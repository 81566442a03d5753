// The police.uk street-level CSV scanner (the SIMD one that imports every month), without and
// with an LSOA lookup. An accepted file's counts add up to its rows. Counted in pieces (as a
// file too big to hold whole is), the same text gives the same counts, or the same rejection.
#include "fuzz_support.hpp"
#include "scrutineer/police_uk_import.hpp"
#include "scrutineer/police_uk_scanner.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const LsoaLookup lookup{{{"E01026483", "Broadland"}, {"E01026789", "Norwich"}}};
    const std::string source = "fuzz.csv";
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const LsoaLookup* with = size % 2 ? &lookup : nullptr;
    FileTally tally;
    tally.source = source;
    bool accepted = false;
    std::string rejection;
    fuzz::accept_or_reject_clearly(source, [&] {
        try {
            scan_police_uk(text, with, tally);
        } catch (const InputError& e) {
            rejection = e.what();
            throw;
        }
        accepted = true;
    });
    // In pieces of 64 to 1,087 bytes (a row longer than a piece is refused on its own).
    FileTally pieces;
    pieces.source = source;
    std::string piece_rejection;
    try {
        scan_police_uk_in_pieces(text, 64 + size % 1024, with, pieces);
    } catch (const InputError& e) {
        piece_rejection = e.what();
    }
    if (piece_rejection.find("a row longer than") == std::string::npos) {
        fuzz::require(piece_rejection == rejection, "counted in pieces, rejected differently");
        if (accepted)
            fuzz::require(pieces.rows == tally.rows && pieces.bytes == tally.bytes &&
                              pieces.forces == tally.forces && pieces.places == tally.places &&
                              pieces.types == tally.types &&
                              pieces.blocks.size() == tally.blocks.size(),
                          "counted in pieces, counted differently");
        for (size_t b = 0; accepted && b < tally.blocks.size(); ++b)
            fuzz::require(pieces.blocks[b].force == tally.blocks[b].force &&
                              pieces.blocks[b].month == tally.blocks[b].month &&
                              pieces.blocks[b].counts == tally.blocks[b].counts,
                          "counted in pieces, a block differs");
    }
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
