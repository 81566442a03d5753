// Reads one police.uk street-level crime file (its text, already decompressed) into a tally:
// how many rows per force, month, place and crime type. Only the fields the indicators need
// are looked at (Month, Falls within, LSOA code, LSOA name, Crime type); every row's field
// count is checked, quoted fields (with commas, doubled quotes or line breaks) are honoured.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scrutineer/month.hpp"

namespace scrutineer {

inline constexpr std::string_view kPoliceUkHeader =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context";

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringMap = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

// An optional LSOA code -> district name lookup that overrides the LSOA name prefix.
struct LsoaLookup {
    StringMap district_of;  // LSOA code -> district name
};

// Counts from one file. Strings are interned per file; the importer maps them to areas.
// A row's "place" is the district its LSOA belongs to: the LSOA name without its last word
// ("Norwich 013B" -> "Norwich"), or the lookup's district for its LSOA code. Place 0 is
// "no location" (an empty LSOA).
struct FileTally {
    std::string source;  // path, or archive!entry
    uint64_t bytes = 0;
    uint64_t rows = 0;
    std::vector<std::string> forces;
    std::vector<std::string> places;  // index 0 is "" (no location)
    std::vector<std::string> types;

    struct Block {
        uint32_t force = 0;
        Month month;
        std::vector<std::vector<uint32_t>> counts;  // [place][type]
    };
    std::vector<Block> blocks;
};

// Scans a file given in pieces, so that a file of any size is read in bounded memory. Each
// call's `text` begins at the start of a row: the first call's at the start of the file, a later
// call's with what the call before left. Without `last`, only the rows ended in `text` are
// counted, and the number of bytes counted returned: the rest (an unfinished row) must begin
// the next call's text, followed by more of the file. With `last`, `text` ends the file and all
// of it is counted. `new_bytes`: how many of `text`'s bytes were not given before (for
// FileTally::bytes). Throws InputError naming out.source, the line and the field on a malformed
// row, and when the file has a header but no rows. `lookup` may be null.
class PoliceUkScanner {
  public:
    PoliceUkScanner(const LsoaLookup* lookup, FileTally& out);
    ~PoliceUkScanner();
    PoliceUkScanner(const PoliceUkScanner&) = delete;
    PoliceUkScanner& operator=(const PoliceUkScanner&) = delete;

    size_t scan(std::string_view text, size_t new_bytes, bool last);
    size_t line() const;  // the line the next call's text begins on

  private:
    struct State;
    FileTally& out_;
    std::unique_ptr<State> state_;
};

// Scans `text` (a whole file) into `out`, as one call of PoliceUkScanner::scan with `last`.
void scan_police_uk(std::string_view text, const LsoaLookup* lookup, FileTally& out);

}  // namespace scrutineer
