#include <gtest/gtest.h>

#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/police_uk_import.hpp"
#include "scrutineer/police_uk_scanner.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::police_uk_file;
using test::police_uk_row;

namespace {

FileTally scan(const std::string& text, const LsoaLookup* lookup = nullptr) {
    FileTally t;
    t.source = "test.csv";
    scan_police_uk(text, lookup, t);
    return t;
}

uint32_t count(const FileTally& t, const std::string& place, const std::string& type) {
    uint32_t total = 0;
    for (const auto& b : t.blocks)
        for (size_t p = 0; p < b.counts.size(); ++p)
            if (t.places[p] == place)
                for (size_t ty = 0; ty < b.counts[p].size(); ++ty)
                    if (t.types[ty] == type) total += b.counts[p][ty];
    return total;
}

std::string error_of(const std::string& text) {
    try {
        scan(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

// A real month as police.uk publishes it: Norfolk, January 2025 (5,419 rows, LF line ends) or,
// from data/police-uk/norfolk-street-2024-01_2024-04, January 2024 (CRLF line ends).
std::string norfolk_month(const std::string& file = "norfolk-street-2025/2025-01") {
    TextBuffer b;
    load_text(
        list_inputs({test::data_dir() + "/police-uk/" + file + "-norfolk-street.csv.gz"}).at(0), b);
    return std::string(b.text());
}

std::string without_cr(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != '\r') out += c;
    return out;
}

std::string with_crlf(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

// Everything a tally holds but its byte count.
void expect_same_counts(const FileTally& a, const FileTally& b) {
    EXPECT_EQ(a.rows, b.rows);
    EXPECT_EQ(a.forces, b.forces);
    EXPECT_EQ(a.places, b.places);
    EXPECT_EQ(a.types, b.types);
    ASSERT_EQ(a.blocks.size(), b.blocks.size());
    for (size_t i = 0; i < a.blocks.size(); ++i) {
        EXPECT_EQ(a.blocks[i].force, b.blocks[i].force);
        EXPECT_EQ(a.blocks[i].month, b.blocks[i].month);
        EXPECT_EQ(a.blocks[i].counts, b.blocks[i].counts);
    }
}

}  // namespace

TEST(PoliceUkScanner, CountsByPlaceAndTypeFromTheLsoaNamePrefix) {
    auto t = scan(police_uk_file({
        police_uk_row("2019-01", "Norfolk Constabulary", "Norwich 013B", "Burglary"),
        police_uk_row("2019-01", "Norfolk Constabulary", "Norwich 001A", "Burglary"),
        police_uk_row("2019-01", "Norfolk Constabulary", "King's Lynn and West Norfolk 001A",
                      "Drugs"),
        police_uk_row("2019-01", "Norfolk Constabulary", "", "Anti-social behaviour"),
    }));
    EXPECT_EQ(t.rows, 4u);
    EXPECT_EQ(count(t, "Norwich", "Burglary"), 2u);
    EXPECT_EQ(count(t, "King's Lynn and West Norfolk", "Drugs"), 1u);
    EXPECT_EQ(count(t, "", "Anti-social behaviour"), 1u);  // no location
    ASSERT_EQ(t.blocks.size(), 1u);
    EXPECT_EQ(t.blocks[0].month, Month::of(2019, 1));
}

TEST(PoliceUkScanner, QuotedFieldsWithCommasQuotesAndLineBreaks) {
    std::string text = police_uk_file({
        "id1,2019-02,Norfolk Constabulary,Norfolk Constabulary,1.2,52.6,\"On or near Park, "
        "Lane\",E01,Norwich 001A,Drugs,\"Court result unavailable, awaiting \"\"update\"\"\",",
        "id2,2019-02,Norfolk Constabulary,Norfolk Constabulary,1.2,52.6,On or near X,E01,"
        "\"Norwich 002B\",\"Public order\",Under investigation,\"a context\nover two lines\"",
        "id3,2019-02,Norfolk Constabulary,Norfolk Constabulary,1.2,52.6,On or near X,E01,Norwich "
        "002B,"
        "Drugs,Under investigation,",
    });
    auto t = scan(text);
    EXPECT_EQ(t.rows, 3u);
    EXPECT_EQ(count(t, "Norwich", "Drugs"), 2u);
    EXPECT_EQ(count(t, "Norwich", "Public order"), 1u);
}

TEST(PoliceUkScanner, CrlfLineEndsBomAndNoFinalNewline) {
    std::string text =
        "\xEF\xBB\xBF" + police_uk_file({police_uk_row("2019-03", "F", "Breckland 001A", "Drugs")});
    std::string crlf;
    for (char c : text) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    crlf += police_uk_row("2019-03", "F", "Breckland 002A", "Drugs");  // no final newline
    auto t = scan(crlf);
    EXPECT_EQ(t.rows, 2u);
    EXPECT_EQ(count(t, "Breckland", "Drugs"), 2u);
}

TEST(PoliceUkScanner, LongFilesCrossManyBlocks) {
    std::vector<std::string> rows;
    for (int i = 0; i < 5000; ++i)
        rows.push_back(police_uk_row(i % 2 ? "2019-01" : "2019-02", "F",
                                     i % 3 ? "Norwich 001A" : "Broadland 002C",
                                     i % 5 ? "Drugs" : "Robbery"));
    auto t = scan(police_uk_file(rows));
    EXPECT_EQ(t.rows, 5000u);
    uint32_t total = 0;
    for (auto* place : {"Norwich", "Broadland"})
        for (auto* type : {"Drugs", "Robbery"}) total += count(t, place, type);
    EXPECT_EQ(total, 5000u);
    EXPECT_EQ(count(t, "Broadland", "Robbery"),
              334u);  // i % 3 == 0 and i % 5 == 0: 0..4995 step 15
    EXPECT_EQ(t.blocks.size(), 2u);
}

TEST(PoliceUkScanner, LookupOverridesTheNamePrefix) {
    LsoaLookup lookup;
    lookup.district_of["E01000001"] = "Broadland";
    auto t =
        scan(police_uk_file({police_uk_row("2019-01", "F", "Norwich 001A", "Drugs")}), &lookup);
    EXPECT_EQ(count(t, "Broadland", "Drugs"), 1u);
    EXPECT_EQ(count(t, "Norwich", "Drugs"), 0u);
}

TEST(PoliceUkScanner, RejectsWithFileLineAndField) {
    EXPECT_EQ(error_of(police_uk_file({police_uk_row("2019-01", "F", "Norwich 001A", "Drugs"),
                                       police_uk_row("2019-13", "F", "Norwich 001A", "Drugs")})),
              "test.csv:3: field 'Month': '2019-13' is not a month (YYYY-MM)");
    EXPECT_EQ(error_of(police_uk_file({"a,2019-01,F,F,1,2"})),
              "test.csv:2: expected 12 fields, found 6");
    EXPECT_EQ(error_of(police_uk_file({police_uk_row("2019-01", "F", "N 1", "")})),
              "test.csv:2: field 'Crime type': is empty");
    EXPECT_EQ(error_of(police_uk_file({police_uk_row("2019-01", "", "N 1", "Drugs")})),
              "test.csv:2: field 'Falls within': is empty");
    EXPECT_EQ(error_of("Month,Crime type\n2019-01,Drugs\n"),
              "test.csv:1: expected 12 fields, found 2");
    EXPECT_NE(error_of("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA "
                       "code,LSOA name,Crime kind,Last outcome category,Context\n")
                  .find("header column 10 is 'Crime kind', expected 'Crime type'"),
              std::string::npos);
    EXPECT_EQ(error_of(""), "test.csv:1: the file is empty: expected the police.uk header");
    EXPECT_NE(error_of(police_uk_file({"a,2019-01,F,F,1,2,\"unclosed,E01,N 1,Drugs,x,"}))
                  .find("quoted field is not closed"),
              std::string::npos);
}

TEST(PoliceUkScanner, ARealMonthWithCrlfLineEndsCountsAsWithLf) {
    // Every line (the header's, every row's, the last) ending in \r\n: the same counts, to the
    // row. And a file police.uk published with CRLF line ends converted to CRLF (again): its
    // lines end in \r\r\n, and its header was refused ("header column 12 is 'Context\r'").
    std::string lf = norfolk_month();
    ASSERT_GT(lf.size(), 1000000u);
    auto a = scan(lf);
    EXPECT_EQ(a.rows, 5419u);
    expect_same_counts(a, scan(with_crlf(lf)));
    std::string published = norfolk_month("norfolk-street-2024-01_2024-04/2024-01");
    ASSERT_NE(published.find("Context\r\n"), std::string::npos);
    auto c = scan(without_cr(published));
    EXPECT_GT(c.rows, 5000u);
    expect_same_counts(c, scan(published));
    expect_same_counts(c, scan(with_crlf(published)));
    // A quoted last field ends its row at \r\n too.
    std::string quoted = police_uk_file({
        "id1,2019-02,F,F,1.2,52.6,On or near X,E01,Norwich 001A,Drugs,Under investigation,"
        "\"a context\"",
    });
    EXPECT_EQ(scan(with_crlf(quoted)).rows, 1u);
}

TEST(PoliceUkScanner, AHeaderAndNoRowsIsRefused) {
    EXPECT_EQ(error_of(police_uk_file({})), "test.csv: has no rows of crimes");
    EXPECT_EQ(error_of(with_crlf(police_uk_file({})) + "\r\n"), "test.csv: has no rows of crimes");
}

TEST(PoliceUkScanner, CountingInPiecesGivesWhatCountingTheWholeGives) {
    // A file too big to hold whole is read in pieces, the row a piece leaves unfinished carried
    // to the next: every piece size counts the same, line ends LF or CRLF, with quoted fields
    // holding line breaks across the pieces' edges.
    std::string lf = norfolk_month();
    std::vector<std::string> rows;
    for (int i = 0; i < 300; ++i)
        rows.push_back(
            "id,2019-02,F,F,1.2,52.6,\"On or near\nPark, Lane\",E01,Norwich 001A,"
            "\"Public order\",Under investigation,\"a \"\"context\"\"\r\nover lines\"");
    std::string quoted = police_uk_file(rows);
    for (const std::string& text :
         {lf, with_crlf(lf), with_crlf(with_crlf(lf)), quoted, with_crlf(quoted)}) {
        auto whole = scan(text);
        for (size_t piece : {300u, 301u, 4096u, 65536u, 1u << 20}) {
            SCOPED_TRACE(piece);
            FileTally t;
            t.source = "test.csv";
            scan_police_uk_in_pieces(text, piece, nullptr, t);
            expect_same_counts(whole, t);
            EXPECT_EQ(t.bytes, text.size());
        }
    }
    // A rejection names the same line, whichever piece it is in.
    std::string bad = lf;
    size_t line_4000 = 0;
    for (int n = 1; n < 4000; ++n) line_4000 = bad.find('\n', line_4000) + 1;
    bad.insert(line_4000, "a,b,c\n");
    EXPECT_EQ(error_of(bad), "test.csv:4000: expected 12 fields, found 3");
    FileTally t;
    t.source = "test.csv";
    EXPECT_EQ(test::error_of([&] { scan_police_uk_in_pieces(bad, 4096, nullptr, t); }),
              "test.csv:4000: expected 12 fields, found 3");
    // A row longer than a piece is refused, not held.
    FileTally u;
    u.source = "test.csv";
    EXPECT_EQ(test::error_of([&] {
                  scan_police_uk_in_pieces(police_uk_file({std::string(5000, 'x')}), 4096, nullptr,
                                           u);
              }),
              "test.csv:2: a row longer than 4096 bytes: not a police.uk street-level file");
}
