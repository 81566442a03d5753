// Imports police.uk street-level files: scans them in parallel, merges the per-file tallies,
// assigns rows to the force and its districts, and reports every row that fell outside.
//
// Counting rules (issue #2): the force row counts every row of the force's files; a district
// row counts the rows located in that district; rows with no LSOA, or in no configured
// district, count for the force only, and how many there were is reported, never dropped
// silently. The same file given twice counts once; two different files for the same force
// and month are an error.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "scrutineer/area.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/police_uk_scanner.hpp"
#include "scrutineer/series.hpp"

namespace scrutineer {

struct PoliceUkImportOptions {
    // The forces and districts to count for. With from_data: every force in the files, and as
    // its districts every local authority its rows' LSOA names name, except that a force given
    // here keeps the districts given (the store's forces that came from an area file).
    std::vector<ForceDefinition> forces;
    bool from_data = false;
    // from_data: district name -> GSS code, to give discovered districts their codes.
    std::map<std::string, std::string> district_codes;
    const LsoaLookup* lookup = nullptr;
    unsigned threads = 0;  // 0: all cores
    std::function<void(size_t files_done, size_t files_total, uint64_t bytes_done)> progress;
    // Optional: shown each input's text as it is read, in pieces, in order, each byte once, on
    // the thread that reads it (the store hashes the files for its import log here, so nothing
    // is read twice). A file up to kTextPieceBytes is one piece; a bigger one is read, and so
    // shown, in several, as it would not fit the memory whole.
    std::function<void(size_t input, std::string_view piece)> on_text_piece;
    // Optional, with threads == 1: the buffer inputs are read into, kept by a caller that counts
    // one file per call, so each file reuses the memory rather than faulting in new pages (a
    // fifth of the time of importing a month of national files).
    TextBuffer* buffer = nullptr;
};

struct ForceImportReport {
    std::string force;
    uint64_t rows = 0;
    uint64_t rows_no_location = 0;                   // empty LSOA
    uint64_t rows_outside = 0;                       // LSOA in no configured district
    std::map<std::string, uint64_t> outside_places;  // where those were
    std::vector<Month> months;                       // months present, ascending
};

struct PoliceUkImportReport {
    size_t files = 0;
    uint64_t bytes = 0;
    uint64_t rows = 0;
    std::vector<std::string> duplicates;  // files skipped: same rows as an earlier one
    // Lines to show the importer: a file whose rows are not of the one month its name says
    // (YYYY-MM-<force>-street.csv), or are of several months, each month named.
    std::vector<std::string> warnings;
    std::vector<ForceImportReport> forces;         // in the order of PoliceUkData::forces
    std::map<std::string, uint64_t> other_forces;  // rows of forces not asked for
};

struct PoliceUkData {
    std::vector<ForceDefinition> forces;
    std::vector<std::string> crime_types;  // as they appear, sorted
    // (force index, district name or "" for the force itself, indicator) -> monthly counts in
    // millionths; the indicators are the crime types and "All crime".
    std::map<std::tuple<size_t, std::string, std::string>, Series> series;
    PoliceUkImportReport report;
};

// Reads one input and counts its rows into `out` (out.source naming it), holding at most `piece`
// bytes of its text at once in `buffer`: a file up to that size is read whole and scanned at
// once, a bigger one a piece at a time, the row a piece leaves unfinished carried to the next.
// `on_piece` (optional) is shown the text as read. Throws InputError.
void scan_police_uk_input(const InputFile& input, TextBuffer& buffer, const LsoaLookup* lookup,
                          FileTally& out,
                          const std::function<void(std::string_view)>& on_piece = {},
                          size_t piece = kTextPieceBytes);

// Counts `text` as scan_police_uk_input counts a file, reading it `piece` bytes at a time (for
// tests and fuzzing: counting in pieces must give what counting the whole text gives).
void scan_police_uk_in_pieces(std::string_view text, size_t piece, const LsoaLookup* lookup,
                              FileTally& out);

// A place name as places are matched to districts: lower case, with ’ (U+2019) read as '.
std::string fold_place_name(std::string_view name);

// Throws InputError (naming file, line and field) on any malformed input; then nothing is
// returned, so nothing of a failed import is used.
PoliceUkData import_police_uk(const std::vector<InputFile>& inputs,
                              const PoliceUkImportOptions& options);

}  // namespace scrutineer
