// The DOCX writer (docx_writer.hpp): the package unzipped with libzip and its XML parts checked
// (every part well-formed; headings in Heading1..3, the table's repeated header row, links with
// their relationships, bookmarks and PAGEREF fields, the properties, the page), the same bytes
// for the same document, and then the file read by an independent program, LibreOffice headless:
// its text in order, and its own PDF layout (read back with pdftotext) with "Page N of M"
// footers, a long table's header row on every page and a page reference showing the page its
// anchor is on. A document with bad UTF-8 and control characters still opens.
#include <gtest/gtest.h>
#include <zip.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "read_back.hpp"
#include "scrutineer/docx_writer.hpp"
#include "scrutineer/xml_escape.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::doc;

namespace {

using test::count_of;
using test::expect_in_order;
using test::libreoffice_convert;
using test::output_of;
using test::slurp;

// The entries of a zip archive held in memory, read with libzip.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    std::map<std::string, std::string> out;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) throw std::runtime_error("zip_source_buffer_create failed");
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive) {
        zip_source_free(source);
        throw std::runtime_error(std::string("not a zip archive: ") + zip_error_strerror(&error));
    }
    zip_int64_t n = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
        zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        std::string content(st.size, '\0');
        zip_int64_t got = zip_fread(f, content.data(), st.size);
        zip_fclose(f);
        if (got != static_cast<zip_int64_t>(st.size)) throw std::runtime_error("short read");
        out[st.name] = content;
    }
    zip_close(archive);
    return out;
}

// Empty when `xml` is a well-formed XML 1.0 document in UTF-8 (one root element, tags nested and
// closed, attributes quoted and not repeated, only the five named entities and character
// references, no characters XML forbids); otherwise what is wrong and where.
std::string xml_problem(const std::string& xml) {
    // Valid UTF-8 and XML characters: escaping changes nothing but the markup characters.
    for (size_t i = 0; i < xml.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(xml[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return fmt::format("control character {} at {}", int(c), i);
    }
    std::string stripped;
    for (char c : xml)
        if (c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' && c != '\t' && c != '\n' &&
            c != '\r')
            stripped += c;
    if (xml_escape(stripped) != stripped) return "bytes that are not UTF-8 or XML characters";

    static const std::regex name(R"([A-Za-z_][\w.\-]*(:[A-Za-z_][\w.\-]*)?)");
    static const std::regex reference(R"(&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)");
    auto references_ok = [&](const std::string& text) {
        for (size_t at = 0; (at = text.find('&', at)) != std::string::npos; ++at) {
            std::smatch m;
            std::string rest = text.substr(at, 12);
            if (!std::regex_search(rest, m, reference, std::regex_constants::match_continuous))
                return false;
        }
        return true;
    };
    std::vector<std::string> open;
    int roots = 0;
    size_t at = 0;
    if (xml.rfind("<?xml", 0) == 0) at = xml.find("?>") + 2;
    while (at < xml.size()) {
        size_t lt = xml.find('<', at);
        std::string text = xml.substr(at, lt == std::string::npos ? std::string::npos : lt - at);
        if (!references_ok(text)) return fmt::format("bad reference in text at {}", at);
        if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string::npos)
            return fmt::format("text outside the root at {}", at);
        if (lt == std::string::npos) break;
        size_t gt = lt;
        char quote = 0;
        for (++gt; gt < xml.size(); ++gt) {
            if (quote) {
                if (xml[gt] == quote) quote = 0;
                if (xml[gt] == '<') return fmt::format("'<' in an attribute at {}", gt);
            } else if (xml[gt] == '"' || xml[gt] == '\'') {
                quote = xml[gt];
            } else if (xml[gt] == '>') {
                break;
            }
        }
        if (gt >= xml.size()) return fmt::format("unclosed tag at {}", lt);
        std::string tag = xml.substr(lt + 1, gt - lt - 1);
        at = gt + 1;
        if (!tag.empty() && tag[0] == '/') {
            std::string closing = tag.substr(1);
            if (open.empty() || open.back() != closing)
                return fmt::format("</{}> at {} closes {}", closing, lt,
                                   open.empty() ? "nothing" : "<" + open.back() + ">");
            open.pop_back();
            continue;
        }
        bool empty = !tag.empty() && tag.back() == '/';
        if (empty) tag.pop_back();
        std::smatch m;
        if (!std::regex_search(tag, m, name, std::regex_constants::match_continuous))
            return fmt::format("bad element name at {}", lt);
        std::string element = m.str();
        std::string attributes = tag.substr(element.size());
        static const std::regex attribute(
            R"(\s+([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)\s*=\s*("[^"]*"|'[^']*'))");
        std::set<std::string> seen;
        auto it = attributes.cbegin();
        std::smatch a;
        while (std::regex_search(it, attributes.cend(), a, attribute,
                                 std::regex_constants::match_continuous)) {
            if (!seen.insert(a[1].str()).second)
                return fmt::format("attribute {} twice at {}", a[1].str(), lt);
            if (!references_ok(a[2].str())) return fmt::format("bad reference at {}", lt);
            it = a[0].second;
        }
        if (std::string(it, attributes.cend()).find_first_not_of(" \t\r\n") != std::string::npos)
            return fmt::format("bad attributes in <{}> at {}", element, lt);
        if (open.empty()) ++roots;
        if (!empty) open.push_back(element);
    }
    if (!open.empty()) return "<" + open.back() + "> is not closed";
    if (roots != 1) return fmt::format("{} root elements", roots);
    return "";
}

// The names of the child elements of every `element` in `xml` ("w:pPr"), one list per element.
std::vector<std::vector<std::string>> children_of(const std::string& xml,
                                                  const std::string& element) {
    std::vector<std::vector<std::string>> out;
    static const std::regex tag(R"re(<(/?)([\w:]+)[^>]*?(/?)>)re");
    int depth = -1;  // -1: outside the element; 0: directly inside it
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator();
         ++it) {
        const auto& m = *it;
        bool closing = m[1].length() > 0, empty = m[3].length() > 0;
        std::string name = m[2].str();
        if (depth < 0) {
            if (name == element && !closing) {
                out.emplace_back();
                if (!empty) depth = 0;
            }
            continue;
        }
        if (closing) {
            if (depth == 0)
                depth = -1;
            else
                --depth;
            continue;
        }
        if (depth == 0) out.back().push_back(name);
        if (!empty) ++depth;
    }
    return out;
}

// Word refuses a file whose elements are out of the schema's order (LibreOffice does not mind):
// the children of every `element` in `xml` come in the order `order` lists them (ECMA-376).
void expect_schema_order(const std::string& xml, const std::string& element,
                         const std::vector<std::string>& order, const std::string& part) {
    for (const auto& children : children_of(xml, element)) {
        size_t last = 0;
        for (const auto& child : children) {
            auto at = std::find(order.begin(), order.end(), child);
            EXPECT_NE(at, order.end()) << child << " in " << element << " of " << part;
            if (at == order.end()) continue;
            size_t index = static_cast<size_t>(at - order.begin());
            EXPECT_GE(index, last)
                << child << " after " << order[last] << " in " << element << " of " << part;
            last = index;
        }
    }
}

// The table that runs over several pages.
constexpr int kLongRows = 120;

// A document with every kind of block: three heading levels, bold and linked runs, a line
// break, bulleted, numbered and labelled lists with nesting and a continuation, key-values, a
// long table with notes, a page reference, a page break and the anchor it refers to.
Document rich_document() {
    Document d;
    d.title = "Performance report: Norwich & Broadland";
    d.subject = "Police and Crime Panel, 4 February 2020";
    d.header = "Norfolk Police and Crime Panel";
    d.footer = "Performance monitoring report";
    d.created = "2020-02-04";
    d.add(Heading{1, "Performance monitoring report", ""});
    d.add(KeyValues{{{"Date:", {plain("4 February 2020")}}, {"Item:", {plain("7")}}}, 0.2, true});
    d.add(
        Paragraph{{plain("The Panel "), bold("NOTED"), plain(" the report <and> its \"annex\".")}});
    d.add(Paragraph{{plain("Contact "),
                     hyperlink("the Panel's officer", "https://www.norfolk.gov.uk/?a=1&b=2"),
                     plain(".\nA second line.")}});
    d.add(Paragraph{{plain("The indicator tables are in Annex A on page "),
                     page_number_of("annex-a", "Annex A"), plain(".")}});
    d.add(Heading{2, "Purpose", ""});
    d.add(List{false,
               {{{plain("Bullet one")}, "", 0, false},
                {{plain("Nested bullet")}, "", 1, false},
                {{plain("Bullet two")}, "", 0, false}}});
    d.add(List{
        true,
        {{{plain("First question")}, "", 0, false}, {{plain("Second question")}, "", 0, false}}});
    d.add(List{true, {{{plain("Again from one")}, "", 0, false}}});
    LineChart chart;
    chart.title = "Robbery, Norwich: recorded crimes per month";
    chart.description = "Robbery rose from 20 in January 2019 to 31 in December 2019.";
    chart.value_label = "Crimes per month";
    for (int m = 0; m < 12; ++m)
        chart.points.push_back({Month::of(2019, 1) + m, std::optional<double>(20 + m)});
    chart.reference = 25;
    chart.reference_label = "Long-term average";
    d.add(Figure{chart});
    d.add(Heading{3, "Resolutions", ""});
    d.add(List{false,
               {{{plain("The Panel "), bold("AGREED"), plain(" the minutes.")}, "6.1", 0, false},
                {{plain("Carried unanimously.")}, "", 0, true},
                {{plain("Sub-item")}, "6.1.1", 1, false}}});
    Table t;
    t.widths = {3, 1, 1};
    t.header = {{plain("Area")}, {plain("Crimes")}, {plain("Change")}};
    for (int i = 1; i <= kLongRows; ++i) {
        t.rows.push_back({{plain(fmt::format("District {:03}", i))},
                          {plain(fmt::format("{}", 1000 + i))},
                          {plain(fmt::format("{}%", i % 17))}});
        t.numbers.push_back({std::nullopt, double(1000 + i), double(i % 17)});
    }
    t.notes = {"Source: police.uk, recorded crime.", "(a) Rounded to the nearest whole number."};
    d.add(std::move(t));
    d.add(PageBreak{});
    d.add(Anchor{"annex-a"});
    d.add(Heading{2, "Annex A: the indicator tables", ""});
    d.add(Paragraph{{plain("The end of the annex.")}});
    return d;
}

}  // namespace

TEST(XmlEscape, EscapesMarkupAndKeepsWhitespaceAsReferences) {
    EXPECT_EQ(xml_escape("a & b < c > \"d\" 'e'"),
              "a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;");
    EXPECT_EQ(xml_escape("tab\tline\nreturn\r"), "tab&#9;line&#10;return&#13;");
    EXPECT_EQ(xml_escape("\xC2\xA3"
                         "5 \xE2\x80\x93 \xF0\x9F\x98\x80 \xEF\xBF\xBD"),
              "\xC2\xA3"
              "5 \xE2\x80\x93 \xF0\x9F\x98\x80 \xEF\xBF\xBD");
}

TEST(XmlEscape, LeavesOutCharactersXmlForbidsAndRepairsBadUtf8) {
    const std::string r = "\xEF\xBF\xBD";  // U+FFFD
    EXPECT_EQ(xml_escape(std::string("a\x01"
                                     "b\x1F"
                                     "c\x0B"
                                     "d\x7F",
                                     8) +
                         std::string(1, '\0')),
              "abcd\x7F");
    EXPECT_EQ(xml_escape("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");  // U+FFFE, U+FFFF
    EXPECT_EQ(xml_escape("caf\xC3"), "caf" + r);                  // cut short
    EXPECT_EQ(xml_escape("\xFF!"), r + "!");                      // never a first byte
    EXPECT_EQ(xml_escape("\xC0\xAF"), r + r);                     // overlong '/'
    EXPECT_EQ(xml_escape("\xED\xA0\x80"), r + r + r);             // a surrogate
    EXPECT_EQ(xml_escape("\xF4\x90\x80\x80"), r + r + r + r);     // beyond U+10FFFF
}

TEST(DocxWriter, ThePackageHasEveryPartWellFormedAndDeclared) {
    auto parts = unzip(render_docx(rich_document()));
    for (const char* name :
         {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
          "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
          "word/numbering.xml", "word/settings.xml", "word/header1.xml", "word/footer1.xml",
          "word/media/chart1.png"}) {
        EXPECT_TRUE(parts.count(name)) << name << " is missing";
    }
    EXPECT_EQ(parts.begin()->first, "[Content_Types].xml");
    for (const auto& [name, content] : parts) {
        if (name.ends_with(".png")) continue;
        EXPECT_EQ(xml_problem(content), "") << name;
    }
    const std::string& types = parts["[Content_Types].xml"];
    for (const char* part :
         {"/word/document.xml", "/word/styles.xml", "/word/numbering.xml", "/word/settings.xml",
          "/word/header1.xml", "/word/footer1.xml", "/docProps/core.xml", "/docProps/app.xml"}) {
        EXPECT_NE(types.find(fmt::format("PartName=\"{}\"", part)), std::string::npos) << part;
    }
    EXPECT_NE(types.find("wordprocessingml.document.main+xml"), std::string::npos);
    EXPECT_NE(types.find("Extension=\"png\" ContentType=\"image/png\""), std::string::npos);
    EXPECT_NE(parts["_rels/.rels"].find("Target=\"word/document.xml\""), std::string::npos);
    const std::string& rels = parts["word/_rels/document.xml.rels"];
    for (const char* target : {"styles.xml", "numbering.xml", "settings.xml", "header1.xml",
                               "footer1.xml", "media/chart1.png"}) {
        EXPECT_NE(rels.find(fmt::format("Target=\"{}\"", target)), std::string::npos) << target;
    }
}

TEST(DocxWriter, HeadingsListsTablesAndLinksUseWordsOwnStructures) {
    auto parts = unzip(render_docx(rich_document()));
    const std::string& xml = parts["word/document.xml"];
    // Headings in the Heading styles, which carry the outline levels.
    EXPECT_NE(xml.find("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
                       "Performance monitoring report</w:t>"),
              std::string::npos);
    EXPECT_EQ(count_of(xml, "<w:pStyle w:val=\"Heading2\"/>"), 2u);
    EXPECT_EQ(count_of(xml, "<w:pStyle w:val=\"Heading3\"/>"), 1u);
    const std::string& styles = parts["word/styles.xml"];
    for (int level = 1; level <= 3; ++level) {
        std::regex heading(fmt::format(R"(w:styleId="Heading{}">.*?<w:keepNext/>.*?)"
                                       R"(<w:outlineLvl w:val="{}"/>)",
                                       level, level - 1));
        EXPECT_TRUE(std::regex_search(styles, heading)) << "Heading" << level;
    }
    for (const char* style :
         {"w:styleId=\"Normal\"", "w:styleId=\"Title\"", "w:styleId=\"FootnoteText\"",
          "w:styleId=\"Hyperlink\"", "w:styleId=\"ScrutineerTable\"", "w:ascii=\"Arial\"",
          "<w:sz w:val=\"22\"/>"}) {
        EXPECT_NE(styles.find(style), std::string::npos) << style;
    }
    // Bold runs, escaped text and a line break.
    EXPECT_NE(xml.find("<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">NOTED"),
              std::string::npos);
    EXPECT_NE(xml.find("the report &lt;and&gt; its &quot;annex&quot;."), std::string::npos);
    EXPECT_NE(xml.find(".</w:t><w:br/><w:t xml:space=\"preserve\">A second line."),
              std::string::npos);
    // The link: a hyperlink element whose relationship is external and has the URL.
    std::smatch link;
    ASSERT_TRUE(std::regex_search(xml, link,
                                  std::regex(R"re(<w:hyperlink r:id="([^"]+)"><w:r>)re"
                                             R"re(<w:rPr><w:rStyle w:val="Hyperlink"/>)re"
                                             R"re(</w:rPr><w:t[^>]*>the Panel&apos;s officer)re")));
    EXPECT_NE(parts["word/_rels/document.xml.rels"].find(
                  "<Relationship Id=\"" + link[1].str() +
                  "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "hyperlink\" Target=\"https://www.norfolk.gov.uk/?a=1&amp;b=2\" "
                  "TargetMode=\"External\"/>"),
              std::string::npos);
    // Lists: bullets on w:num 1 at their depths, each numbered list its own w:num counting from
    // 1; labelled items as label, tab and hanging indent; the continuation indented, unmarked.
    EXPECT_NE(xml.find("<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
                       "<w:r><w:t xml:space=\"preserve\">Nested bullet"),
              std::string::npos);
    EXPECT_EQ(count_of(xml, "<w:numId w:val=\"2\"/>"), 2u);
    EXPECT_EQ(count_of(xml, "<w:numId w:val=\"3\"/>"), 1u);
    const std::string& numbering = parts["word/numbering.xml"];
    EXPECT_NE(numbering.find("<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride "
                             "w:ilvl=\"0\"><w:startOverride w:val=\"1\"/>"),
              std::string::npos);
    EXPECT_NE(numbering.find("<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/>"),
              std::string::npos);
    EXPECT_NE(numbering.find("<w:numFmt w:val=\"bullet\"/>"), std::string::npos);
    EXPECT_NE(xml.find("<w:ind w:left=\"567\" w:hanging=\"567\"/></w:pPr><w:r><w:t "
                       "xml:space=\"preserve\">6.1</w:t></w:r><w:r><w:tab/></w:r>"),
              std::string::npos);
    EXPECT_NE(xml.find("<w:ind w:left=\"567\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Carried "
                       "unanimously."),
              std::string::npos);
    EXPECT_NE(xml.find("<w:ind w:left=\"1134\" w:hanging=\"567\"/></w:pPr><w:r><w:t "
                       "xml:space=\"preserve\">6.1.1</w:t>"),
              std::string::npos);
    // The table: one header row marked to repeat, every row kept whole, bold header cells,
    // numbers aligned right, the notes in the footnote style under it.
    EXPECT_EQ(count_of(xml, "<w:tblHeader/>"), 1u);
    EXPECT_EQ(count_of(xml, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"), 1u);
    EXPECT_EQ(count_of(xml, "<w:trPr><w:cantSplit/></w:trPr>"), size_t(kLongRows) + 2);
    EXPECT_NE(xml.find("<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Area"),
              std::string::npos);
    EXPECT_NE(xml.find("<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1001<"),
              std::string::npos);
    EXPECT_NE(xml.find("</w:tbl><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:t "
                       "xml:space=\"preserve\">Source: police.uk"),
              std::string::npos);
    // The key-value block: a table in the borderless style, keys bold.
    EXPECT_NE(xml.find("<w:tblStyle w:val=\"KeyValues\"/>"), std::string::npos);
    EXPECT_NE(xml.find("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Date:"),
              std::string::npos);
    EXPECT_NE(styles.find("w:styleId=\"KeyValues\"><w:name w:val=\"Key Values\"/><w:basedOn "
                          "w:val=\"TableNormal\"/><w:tblPr><w:tblBorders><w:top w:val=\"nil\"/>"),
              std::string::npos);
}

TEST(DocxWriter, ColumnWidthsAreTheTablesFractionsOfTheTextWidth) {
    auto parts = unzip(render_docx(rich_document()));
    const std::string& xml = parts["word/document.xml"];
    // widths {3, 1, 1} of 9638 twips (A4's 11906 less two 20 mm margins of 1134).
    EXPECT_NE(xml.find("<w:tblGrid><w:gridCol w:w=\"5783\"/><w:gridCol w:w=\"1928\"/><w:gridCol "
                       "w:w=\"1927\"/></w:tblGrid>"),
              std::string::npos);
    // Key-values: 0.2 and 0.8.
    EXPECT_NE(xml.find("<w:tblGrid><w:gridCol w:w=\"1928\"/><w:gridCol w:w=\"7710\"/>"),
              std::string::npos);
    // No widths: equal.
    Document d;
    Table t;
    t.header = {{plain("a")}, {plain("b")}, {plain("c")}, {plain("d")}};
    t.rows = {{{plain("1")}, {plain("2")}}};  // a short row is filled with empty cells
    d.add(t);
    std::string equal = unzip(render_docx(d))["word/document.xml"];
    EXPECT_NE(equal.find("<w:tblGrid><w:gridCol w:w=\"2410\"/><w:gridCol w:w=\"2410\"/><w:gridCol "
                         "w:w=\"2410\"/><w:gridCol w:w=\"2408\"/></w:tblGrid>"),
              std::string::npos);
    EXPECT_EQ(count_of(equal, "<w:tc>"), 8u);
    EXPECT_EQ(xml_problem(equal), "");
}

TEST(DocxWriter, PropertiesPageHeaderAndFooter) {
    auto parts = unzip(render_docx(rich_document()));
    const std::string& core = parts["docProps/core.xml"];
    EXPECT_NE(core.find("<dc:title>Performance report: Norwich &amp; Broadland</dc:title>"),
              std::string::npos);
    EXPECT_NE(core.find("<dc:subject>Police and Crime Panel, 4 February 2020</dc:subject>"),
              std::string::npos);
    EXPECT_NE(core.find("<dc:creator>scrutineer</dc:creator>"), std::string::npos);
    EXPECT_NE(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-02-04T00:00:00Z<"),
              std::string::npos);
    EXPECT_NE(parts["docProps/app.xml"].find("<Application>scrutineer</Application>"),
              std::string::npos);
    EXPECT_NE(parts["word/settings.xml"].find("<w:updateFields w:val=\"true\"/>"),
              std::string::npos);
    const std::string& xml = parts["word/document.xml"];
    EXPECT_NE(xml.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
                       "w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\""),
              std::string::npos);
    EXPECT_NE(xml.find("<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
                       "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"),
              std::string::npos);
    EXPECT_NE(parts["word/header1.xml"].find(">Norfolk Police and Crime Panel</w:t>"),
              std::string::npos);
    const std::string& footer = parts["word/footer1.xml"];
    expect_in_order(footer, {"Performance monitoring report", "<w:tab/>", "Page ",
                             "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>", " of ",
                             "<w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText>"});

    // Without a header, a creation date or a footer text: no header part, no dates, the page
    // numbers alone.
    Document bare;
    bare.add(Paragraph{{plain("Text")}});
    auto bare_parts = unzip(render_docx(bare));
    EXPECT_FALSE(bare_parts.count("word/header1.xml"));
    EXPECT_EQ(bare_parts["word/document.xml"].find("headerReference"), std::string::npos);
    EXPECT_EQ(bare_parts["[Content_Types].xml"].find("header1"), std::string::npos);
    EXPECT_EQ(bare_parts["docProps/core.xml"].find("dcterms:created"), std::string::npos);
    EXPECT_EQ(bare_parts["docProps/core.xml"].find("dc:title"), std::string::npos);
    EXPECT_NE(bare_parts["word/footer1.xml"].find("<w:r><w:tab/><w:t xml:space=\"preserve\">Page "),
              std::string::npos);
    for (const auto& [name, content] : bare_parts) EXPECT_EQ(xml_problem(content), "") << name;

    Document dated = bare;
    dated.created = "2020-02-04T18:30:00Z";
    EXPECT_NE(unzip(render_docx(dated))["docProps/core.xml"].find(">2020-02-04T18:30:00Z<"),
              std::string::npos);
    dated.created = "4 February 2020";
    try {
        render_docx(dated);
        ADD_FAILURE() << "a creation date that is not a date was taken";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("'4 February 2020'"), std::string::npos) << e.what();
    }
}

TEST(DocxWriter, AnchorsAreBookmarksAndPageReferencesArePagerefFields) {
    auto parts = unzip(render_docx(rich_document()));
    const std::string& xml = parts["word/document.xml"];
    // The reference: a PAGEREF field to the bookmark, showing the run's text until updated.
    EXPECT_NE(xml.find("on page </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\" "
                       "w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGEREF "
                       "annex_a \\h </w:instrText></w:r><w:r><w:fldChar "
                       "w:fldCharType=\"separate\"/></w:r><w:r><w:t xml:space=\"preserve\">Annex "
                       "A</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"),
              std::string::npos);
    // The bookmark after the page break, in the heading's paragraph (so on the new page).
    EXPECT_NE(xml.find("<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:br "
                       "w:type=\"page\"/></w:r><w:bookmarkStart w:id=\"0\" w:name=\"annex_a\"/>"
                       "<w:bookmarkEnd w:id=\"0\"/><w:r><w:t xml:space=\"preserve\">Annex A: the "
                       "indicator tables"),
              std::string::npos);

    // Bookmark ids unique, names Word accepts; a repeated anchor is one bookmark; a reference
    // to an anchor the document lacks is its text; "#id" links go to the bookmark; anchors at
    // the end get a paragraph.
    Document d;
    d.add(Paragraph{{page_number_of("2020-item-5", "p. ?"), page_number_of("nowhere", "p. 9"),
                     hyperlink("item 5", "#2020-item-5"),
                     doc::Run{"linked", false, "https://example.org/", "missing"}}});
    d.add(Anchor{"first"});
    d.add(Anchor{"first"});
    d.add(Paragraph{{plain("First")}});
    d.add(PageBreak{});
    d.add(Anchor{"2020-item-5"});
    std::string x = unzip(render_docx(d))["word/document.xml"];
    EXPECT_EQ(xml_problem(x), "");
    EXPECT_EQ(count_of(x, "<w:bookmarkStart "), 2u);
    EXPECT_NE(x.find("<w:bookmarkStart w:id=\"0\" w:name=\"first\"/><w:bookmarkEnd w:id=\"0\"/>"),
              std::string::npos);
    EXPECT_NE(x.find("<w:p><w:r><w:br w:type=\"page\"/></w:r><w:bookmarkStart w:id=\"1\" "
                     "w:name=\"a_2020_item_5\"/><w:bookmarkEnd w:id=\"1\"/></w:p>"),
              std::string::npos);
    EXPECT_NE(x.find(" PAGEREF a_2020_item_5 \\h "), std::string::npos);
    EXPECT_EQ(count_of(x, "PAGEREF"), 1u);
    EXPECT_NE(x.find("<w:r><w:t xml:space=\"preserve\">p. 9</w:t></w:r>"), std::string::npos);
    EXPECT_NE(x.find("<w:hyperlink w:anchor=\"a_2020_item_5\">"), std::string::npos);
    // A link whose page reference has no anchor is still a link.
    EXPECT_NE(x.find("<w:hyperlink r:id=\"rIdLink1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/>"
                     "</w:rPr><w:t xml:space=\"preserve\">linked</w:t>"),
              std::string::npos);
}

TEST(DocxWriter, AChartIsAPngPictureWithItsTitleAndDescriptionAsAlternativeText) {
    auto parts = unzip(render_docx(rich_document()));
    const std::string& png = parts["word/media/chart1.png"];
    ASSERT_GE(png.size(), 24u);
    EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
    auto be32 = [&](size_t at) {
        return (static_cast<unsigned char>(png[at]) << 24) |
               (static_cast<unsigned char>(png[at + 1]) << 16) |
               (static_cast<unsigned char>(png[at + 2]) << 8) |
               static_cast<unsigned char>(png[at + 3]);
    };
    EXPECT_EQ(be32(16), 1520u);  // twice the chart's 760 × 320
    EXPECT_EQ(be32(20), 640u);
    const std::string& xml = parts["word/document.xml"];
    std::smatch m;
    ASSERT_TRUE(std::regex_search(
        xml, m,
        std::regex(R"re(<wp:inline [^>]*><wp:extent cx="(\d+)" cy="(\d+)"/>.*?<wp:docPr id="1" )re"
                   R"re(name="Chart 1" descr="([^"]*)" title="([^"]*)"/>.*?<a:blip )re"
                   R"re(r:embed="([^"]+)"/>)re")));
    EXPECT_EQ(m[1].str(), "6120130");  // the text width, 9638 twips, in EMU
    EXPECT_EQ(m[2].str(), "2576897");  // in the chart's proportions
    EXPECT_EQ(m[3].str(),
              "Robbery, Norwich: recorded crimes per month. Robbery rose from 20 in January 2019 "
              "to 31 in December 2019.");
    EXPECT_EQ(m[4].str(), "Robbery, Norwich: recorded crimes per month");
    EXPECT_NE(parts["word/_rels/document.xml.rels"].find(
                  "Id=\"" + m[5].str() +
                  "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "image\" Target=\"media/chart1.png\"/>"),
              std::string::npos);
}

TEST(DocxWriter, TheSameDocumentGivesTheSameBytesInAnyTimeZone) {
    std::string first = render_docx(rich_document());
    EXPECT_EQ(render_docx(rich_document()), first);
    const char* tz = std::getenv("TZ");
    std::string saved = tz ? tz : "";
    setenv("TZ", "America/New_York", 1);
    tzset();
    std::string elsewhere = render_docx(rich_document());
    if (tz) {
        setenv("TZ", saved.c_str(), 1);
    } else {
        unsetenv("TZ");
    }
    tzset();
    EXPECT_EQ(elsewhere, first);
    Document changed = rich_document();
    changed.created = "2020-02-05";
    EXPECT_NE(render_docx(changed), first);
}

// Each element's children in the order of the schema (ECMA-376 Part 1), which Word enforces.
TEST(DocxWriter, ElementsComeInTheSchemasOrder) {
    const std::vector<std::string> paragraph = {"w:pStyle",
                                                "w:keepNext",
                                                "w:keepLines",
                                                "w:pageBreakBefore",
                                                "w:framePr",
                                                "w:widowControl",
                                                "w:numPr",
                                                "w:suppressLineNumbers",
                                                "w:pBdr",
                                                "w:shd",
                                                "w:tabs",
                                                "w:suppressAutoHyphens",
                                                "w:kinsoku",
                                                "w:wordWrap",
                                                "w:overflowPunct",
                                                "w:topLinePunct",
                                                "w:autoSpaceDE",
                                                "w:autoSpaceDN",
                                                "w:bidi",
                                                "w:adjustRightInd",
                                                "w:snapToGrid",
                                                "w:spacing",
                                                "w:ind",
                                                "w:contextualSpacing",
                                                "w:mirrorIndents",
                                                "w:suppressOverlap",
                                                "w:jc",
                                                "w:textDirection",
                                                "w:textAlignment",
                                                "w:textboxTightWrap",
                                                "w:outlineLvl",
                                                "w:divId",
                                                "w:cnfStyle",
                                                "w:rPr",
                                                "w:sectPr",
                                                "w:pPrChange"};
    const std::vector<std::string> run = {"w:rStyle",
                                          "w:rFonts",
                                          "w:b",
                                          "w:bCs",
                                          "w:i",
                                          "w:iCs",
                                          "w:caps",
                                          "w:smallCaps",
                                          "w:strike",
                                          "w:dstrike",
                                          "w:outline",
                                          "w:shadow",
                                          "w:emboss",
                                          "w:imprint",
                                          "w:noProof",
                                          "w:snapToGrid",
                                          "w:vanish",
                                          "w:webHidden",
                                          "w:color",
                                          "w:spacing",
                                          "w:w",
                                          "w:kern",
                                          "w:position",
                                          "w:sz",
                                          "w:szCs",
                                          "w:highlight",
                                          "w:u",
                                          "w:effect",
                                          "w:bdr",
                                          "w:shd",
                                          "w:fitText",
                                          "w:vertAlign",
                                          "w:rtl",
                                          "w:cs",
                                          "w:em",
                                          "w:lang",
                                          "w:eastAsianLayout",
                                          "w:specVanish",
                                          "w:oMath"};
    const std::vector<std::string> table = {"w:tblStyle",
                                            "w:tblpPr",
                                            "w:tblOverlap",
                                            "w:bidiVisual",
                                            "w:tblStyleRowBandSize",
                                            "w:tblStyleColBandSize",
                                            "w:tblW",
                                            "w:jc",
                                            "w:tblCellSpacing",
                                            "w:tblInd",
                                            "w:tblBorders",
                                            "w:shd",
                                            "w:tblLayout",
                                            "w:tblCellMar",
                                            "w:tblLook"};
    const std::vector<std::string> cell = {
        "w:cnfStyle",  "w:tcW",    "w:gridSpan", "w:hMerge", "w:vMerge",
        "w:tcBorders", "w:shd",    "w:noWrap",   "w:tcMar",  "w:textDirection",
        "w:tcFitText", "w:vAlign", "w:hideMark"};
    const std::vector<std::string> style = {"w:name",          "w:aliases",
                                            "w:basedOn",       "w:next",
                                            "w:link",          "w:autoRedefine",
                                            "w:hidden",        "w:uiPriority",
                                            "w:semiHidden",    "w:unhideWhenUsed",
                                            "w:qFormat",       "w:locked",
                                            "w:personal",      "w:personalCompose",
                                            "w:personalReply", "w:rsid",
                                            "w:pPr",           "w:rPr",
                                            "w:tblPr",         "w:trPr",
                                            "w:tcPr",          "w:tblStylePr"};
    const std::vector<std::string> level = {
        "w:start",   "w:numFmt",         "w:lvlRestart", "w:pStyle", "w:isLgl", "w:suff",
        "w:lvlText", "w:lvlPicBulletId", "w:legacy",     "w:lvlJc",  "w:pPr",   "w:rPr"};
    const std::vector<std::string> section = {"w:headerReference",
                                              "w:footerReference",
                                              "w:footnotePr",
                                              "w:endnotePr",
                                              "w:type",
                                              "w:pgSz",
                                              "w:pgMar",
                                              "w:paperSrc",
                                              "w:pgBorders",
                                              "w:lnNumType",
                                              "w:pgNumType",
                                              "w:cols",
                                              "w:formProt",
                                              "w:vAlign",
                                              "w:noEndnote",
                                              "w:titlePg",
                                              "w:textDirection",
                                              "w:bidi",
                                              "w:rtlGutter",
                                              "w:docGrid"};
    const std::vector<std::string> settings = {
        "w:zoom",         "w:defaultTabStop", "w:characterSpacingControl",
        "w:updateFields", "w:footnotePr",     "w:compat"};
    const std::vector<std::string> inline_picture = {"wp:extent", "wp:effectExtent", "wp:docPr",
                                                     "wp:cNvGraphicFramePr", "a:graphic"};
    auto parts = unzip(render_docx(rich_document()));
    for (const auto& [name, xml] : parts) {
        if (name.ends_with(".png")) continue;
        expect_schema_order(xml, "w:pPr", paragraph, name);
        expect_schema_order(xml, "w:rPr", run, name);
        expect_schema_order(xml, "w:tblPr", table, name);
        expect_schema_order(xml, "w:tcPr", cell, name);
        expect_schema_order(xml, "w:style", style, name);
        expect_schema_order(xml, "w:lvl", level, name);
        expect_schema_order(xml, "w:sectPr", section, name);
        expect_schema_order(xml, "w:settings", settings, name);
        expect_schema_order(xml, "wp:inline", inline_picture, name);
    }
    // The check sees the elements it checks.
    EXPECT_GT(children_of(parts["word/document.xml"], "w:pPr").size(), size_t(kLongRows));
    EXPECT_EQ(children_of(parts["word/settings.xml"], "w:settings").at(0).size(), 4u);
}

// LibreOffice, a second and independent reader of the file, finds every text in order.
TEST(DocxWriter, LibreOfficeReadsTheTextInOrder) {
    test::TempDir dir;
    std::string docx = dir.write("rich.docx", render_docx(rich_document()));
    std::string text = slurp(libreoffice_convert(dir, docx, "txt:Text", "txt"));
    expect_in_order(text, {"Performance monitoring report",
                           "Date:",
                           "4 February 2020",
                           "Item:",
                           "7",
                           "The Panel NOTED the report <and> its \"annex\".",
                           "Contact the Panel's officer.",
                           "A second line.",
                           "The indicator tables are in Annex A on page",
                           "Purpose",
                           "\xE2\x80\xA2 Bullet one",
                           "Nested bullet",
                           "\xE2\x80\xA2 Bullet two",
                           "1. First question",
                           "2. Second question",
                           "1. Again from one",
                           "Resolutions",
                           "6.1\tThe Panel AGREED the minutes.",
                           "Carried unanimously.",
                           "6.1.1\tSub-item",
                           "Area",
                           "Crimes",
                           "Change",
                           "District 001",
                           "1001",
                           "1%",
                           "District 120",
                           "1120",
                           "Source: police.uk, recorded crime.",
                           "(a) Rounded to the nearest whole number.",
                           "Annex A: the indicator tables",
                           "The end of the annex."});
}

// LibreOffice's own layout of the file, as PDF read back with poppler: the running header and
// "Page N of M" on every page, the 120-row table over several pages with its header row at the
// top of each, and the page reference showing the page the annex starts on.
TEST(DocxWriter, LibreOfficeLaysItOutWithPageNumbersRepeatedHeadersAndPageReferences) {
    test::TempDir dir;
    std::string docx = dir.write("rich.docx", render_docx(rich_document()));
    std::string pdf = libreoffice_convert(dir, docx, "pdf", "pdf");
    std::string info = output_of("pdfinfo " + pdf);
    EXPECT_NE(info.find("Performance report: Norwich & Broadland"), std::string::npos) << info;
    std::string all = output_of("pdftotext -layout " + pdf + " -");
    std::vector<std::string> pages;
    size_t start = 0;
    for (size_t ff; (ff = all.find('\f', start)) != std::string::npos; start = ff + 1)
        pages.push_back(all.substr(start, ff - start));
    ASSERT_GE(pages.size(), 4u) << all;
    const size_t n = pages.size();
    static const std::regex header_row(R"(\n\s*Area\s+Crimes\s+Change\s*\n)");
    int table_pages = 0, annex_page = 0;
    for (size_t p = 0; p < n; ++p) {
        const std::string& page = pages[p];
        EXPECT_NE(page.find("Norfolk Police and Crime Panel"), std::string::npos) << p + 1;
        EXPECT_TRUE(std::regex_search(
            page,
            std::regex(fmt::format("Performance monitoring report\\s+Page {} of {}", p + 1, n))))
            << "page " << p + 1 << ":\n"
            << page;
        if (page.find("District ") != std::string::npos) {
            ++table_pages;
            EXPECT_TRUE(std::regex_search(page, header_row)) << "page " << p + 1 << ":\n" << page;
        }
        if (page.find("Annex A: the indicator tables") != std::string::npos)
            annex_page = static_cast<int>(p) + 1;
    }
    EXPECT_GE(table_pages, 3);
    ASSERT_GT(annex_page, 1);
    EXPECT_NE(
        pages[0].find(fmt::format("The indicator tables are in Annex A on page {}.", annex_page)),
        std::string::npos)
        << pages[0];
    EXPECT_NE(all.find("District 120"), std::string::npos);
}

// Bytes that are not UTF-8 and control characters, everywhere text goes: the parts stay
// well-formed, the bad bytes become U+FFFD, the control characters go, and LibreOffice opens it.
TEST(DocxWriter, BadUtf8AndControlCharactersStillGiveAFileLibreOfficeOpens) {
    const std::string bad = "Before\x01\x02 \xFF\xFE middle \xC3 after\x0B end";
    const std::string repaired = "Before \xEF\xBF\xBD\xEF\xBF\xBD middle \xEF\xBF\xBD after end";
    Document d;
    d.title = "Title " + bad;
    d.subject = bad;
    d.author = bad;
    d.header = "Header " + bad;
    d.footer = "Footer " + bad;
    d.add(Heading{1, "Heading " + bad, ""});
    d.add(Paragraph{{plain("Paragraph " + bad), bold(bad), hyperlink(bad, "https://x/\x01\xFF")}});
    d.add(List{true,
               {{{plain("Item " + bad)},
                 "\x02"
                 "1\xFF",
                 0,
                 false}}});
    Table t;
    t.header = {{plain("Cell " + bad)}};
    t.rows = {{{plain(bad)}}};
    t.notes = {"Note " + bad};
    d.add(t);
    d.add(KeyValues{{{"Key " + bad, {plain(bad)}}}, 0.3, true});
    LineChart chart;
    chart.title = "Chart " + bad;
    chart.description = bad;
    chart.points = {{Month::of(2020, 1), 1.0}, {Month::of(2020, 2), 2.0}};
    d.add(Figure{chart});
    std::string bytes = render_docx(d);
    auto parts = unzip(bytes);
    for (const auto& [name, content] : parts) {
        if (name.ends_with(".png")) continue;
        EXPECT_EQ(xml_problem(content), "") << name;
    }
    EXPECT_NE(parts["word/document.xml"].find("Paragraph " + repaired), std::string::npos);
    EXPECT_NE(parts["docProps/core.xml"].find("<dc:title>Title " + repaired), std::string::npos);

    test::TempDir dir;
    std::string docx = dir.write("bad.docx", bytes);
    std::string text = slurp(libreoffice_convert(dir, docx, "txt:Text", "txt"));
    expect_in_order(text, {"Heading " + repaired, "Paragraph " + repaired, "Item " + repaired,
                           "Cell " + repaired, "Note " + repaired, "Key " + repaired});
}
