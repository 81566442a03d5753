// The DOCX writer. No Debian package writes WordprocessingML from C++, so every part's XML is
// written here by hand, each text through xml_escape (repaired UTF-8, no characters XML forbids),
// and the parts are zipped in memory with libzip (a buffer source the finished archive is read
// back from: no temporary file).
#include "scrutineer/docx_writer.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
#include <numeric>
#include <regex>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "scrutineer/chart_drawing.hpp"
#include "scrutineer/xml_escape.hpp"

namespace scrutineer {

namespace {

// Sizes in twentieths of a point (twips): A4 with 20 mm margins.
constexpr int kPageWidth = 11906;
constexpr int kPageHeight = 16838;
constexpr int kMargin = 1134;                         // 20 mm
constexpr int kTextWidth = kPageWidth - 2 * kMargin;  // 9638
constexpr int kHeaderDistance = 567;                  // 10 mm from the page's edge
constexpr int kListIndent = 567;                      // 1 cm per level of a list
constexpr int kEmuPerTwip = 635;

constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kWordNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
constexpr std::string_view kRelationshipBase =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// A Word bookmark name for an anchor id (letters, digits and '-'): Word's names are letters,
// digits and '_' starting with a letter, so '-' becomes '_' (ids have no '_', so names stay
// unique) and an id starting with a digit gets "a_" in front.
std::string bookmark_name(const std::string& id) {
    std::string name;
    for (char c : id) {
        bool word_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        name += word_char ? c : '_';
    }
    if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
        name = "a_" + name;
    return name;
}

// The W3CDTF date-time for the core properties from Document::created ("YYYY-MM-DD" or
// "YYYY-MM-DDThh:mm:ssZ").
std::string w3cdtf(const std::string& created) {
    static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
    static const std::regex date_time(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    if (std::regex_match(created, date)) return created + "T00:00:00Z";
    if (std::regex_match(created, date_time)) return created;
    throw std::runtime_error("The DOCX could not be made: the creation date '" + created +
                             "' is neither YYYY-MM-DD nor YYYY-MM-DDThh:mm:ssZ");
}

// The zip entries' modification time: noon on the creation date (1 January 1980 without one),
// as local time, which libzip turns back into the same local DOS date and time whatever the
// machine's time zone.
time_t entry_time(const std::string& created) {
    std::tm tm{};
    tm.tm_year = 80;
    tm.tm_mday = 1;
    if (!created.empty()) {
        tm.tm_year = std::stoi(created.substr(0, 4)) - 1900;
        tm.tm_mon = std::stoi(created.substr(5, 2)) - 1;
        tm.tm_mday = std::stoi(created.substr(8, 2));
    }
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
}

// Column widths in twips adding up to `total`: `fractions` scaled to add up to 1, or equal
// widths when they are missing, of the wrong count or not positive.
std::vector<int> column_widths(const std::vector<double>& fractions, size_t columns, int total) {
    std::vector<double> f = fractions;
    bool usable = f.size() == columns;
    for (double x : f) usable = usable && std::isfinite(x) && x > 0;
    if (!usable) f.assign(columns, 1.0);
    double sum = std::accumulate(f.begin(), f.end(), 0.0);
    std::vector<int> out;
    int used = 0;
    for (size_t i = 0; i < columns; ++i) {
        int w = i + 1 == columns ? total - used : static_cast<int>(std::lround(total * f[i] / sum));
        out.push_back(w);
        used += w;
    }
    return out;
}

struct Relationship {
    std::string id, type, target;
    bool external = false;
};

struct Image {
    std::string name;  // in word/media/
    std::string relationship;
    std::string bytes;
};

// Turns the blocks into word/document.xml's body, collecting the relationships (links, pictures)
// and numbering instances it needs on the way.
class BodyWriter {
  public:
    explicit BodyWriter(const doc::Document& document) : document_(document) {
        for (const auto& block : document.blocks)
            if (const auto* anchor = std::get_if<doc::Anchor>(&block)) anchors_.insert(anchor->id);
    }

    std::string body() {
        for (const auto& block : document_.blocks) std::visit(*this, block);
        // Anchors or a page break at the very end need a paragraph to sit in.
        if (!pending_anchors_.empty() || pending_break_) out_ += open_paragraph("") + "</w:p>";
        return out_;
    }

    std::vector<Relationship>& relationships() { return relationships_; }
    const std::vector<int>& numbered_lists() const { return numbered_lists_; }
    const std::vector<Image>& images() const { return images_; }

    void operator()(const doc::Heading& heading) {
        int level = std::clamp(heading.level, 1, 3);
        out_ += open_paragraph(fmt::format("<w:pStyle w:val=\"Heading{}\"/>", level));
        out_ += text_runs(heading.text, false);
        out_ += "</w:p>";
    }

    void operator()(const doc::Paragraph& paragraph) {
        out_ += open_paragraph("");
        out_ += runs(paragraph.text, false);
        out_ += "</w:p>";
    }

    void operator()(const doc::List& list) {
        int num_id = 1;  // the bullets
        if (list.numbered) {
            num_id = 2 + static_cast<int>(numbered_lists_.size());
            numbered_lists_.push_back(num_id);
        }
        for (const auto& item : list.items) {
            int depth = std::clamp(item.depth, 0, 8);
            int left = kListIndent * (depth + 1);
            std::string properties = "<w:pStyle w:val=\"ListParagraph\"/>";
            std::string label;
            if (item.continuation) {
                properties += fmt::format("<w:ind w:left=\"{}\"/>", left);
            } else if (!item.label.empty()) {
                properties += fmt::format(
                    "<w:tabs><w:tab w:val=\"left\" w:pos=\"{0}\"/></w:tabs>"
                    "<w:ind w:left=\"{0}\" w:hanging=\"{1}\"/>",
                    left, kListIndent);
                label = text_runs(item.label, false) + "<w:r><w:tab/></w:r>";
            } else {
                properties +=
                    fmt::format("<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>",
                                depth, num_id);
            }
            out_ += open_paragraph(properties) + label + runs(item.text, false) + "</w:p>";
        }
    }

    void operator()(const doc::Table& table) {
        size_t columns = std::max(table.header.size(), table.widths.size());
        for (const auto& row : table.rows) columns = std::max(columns, row.size());
        if (columns == 0) return;
        std::vector<int> widths = column_widths(table.widths, columns, kTextWidth);
        // A column whose cells carry numbers is aligned right, its header too.
        std::vector<bool> numeric(columns, false);
        for (const auto& row : table.numbers)
            for (size_t c = 0; c < row.size() && c < columns; ++c)
                if (row[c]) numeric[c] = true;

        out_ += "<w:tbl><w:tblPr><w:tblStyle w:val=\"ScrutineerTable\"/>";
        out_ += fmt::format("<w:tblW w:w=\"{}\" w:type=\"dxa\"/>", kTextWidth);
        out_ += "<w:tblLayout w:type=\"fixed\"/>";
        out_ +=
            "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" "
            "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>";
        out_ += grid(widths);
        if (!table.header.empty()) {
            out_ += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
            for (size_t c = 0; c < columns; ++c) {
                static const doc::Text empty;
                const doc::Text& text = c < table.header.size() ? table.header[c] : empty;
                out_ += cell(text, widths[c], true, numeric[c], "F3F2F1");
            }
            out_ += "</w:tr>";
        }
        for (const auto& row : table.rows) {
            out_ += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
            for (size_t c = 0; c < columns; ++c) {
                static const doc::Text empty;
                out_ += cell(c < row.size() ? row[c] : empty, widths[c], false, numeric[c], "");
            }
            out_ += "</w:tr>";
        }
        out_ += "</w:tbl>";
        for (const auto& note : table.notes)
            out_ += "<w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>" +
                    text_runs(note, false) + "</w:p>";
        space_after_table();
    }

    void operator()(const doc::KeyValues& key_values) {
        if (key_values.rows.empty()) return;
        double key = std::clamp(key_values.key_width, 0.05, 0.95);
        std::vector<int> widths = column_widths({key, 1 - key}, 2, kTextWidth);
        out_ += "<w:tbl><w:tblPr><w:tblStyle w:val=\"KeyValues\"/>";
        out_ += fmt::format("<w:tblW w:w=\"{}\" w:type=\"dxa\"/>", kTextWidth);
        out_ += "<w:tblLayout w:type=\"fixed\"/>";
        out_ +=
            "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" "
            "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>";
        out_ += grid(widths);
        for (const auto& [label, value] : key_values.rows) {
            out_ += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
            out_ +=
                cell({doc::Run{label, key_values.bold_keys, {}, {}}}, widths[0], false, false, "");
            out_ += cell(value, widths[1], false, false, "");
            out_ += "</w:tr>";
        }
        out_ += "</w:tbl>";
        space_after_table();
    }

    // The chart as a PNG picture across the text width (drawn at twice the chart's own size, for
    // print), inline in its own paragraph; its title and description are the alternative text.
    void operator()(const doc::Figure& figure) {
        const LineChart& chart = figure.chart;
        int width = chart.width > 0 ? chart.width : 760;
        int height = chart.height > 0 ? chart.height : 320;
        double scale = std::min(2.0, 8000.0 / std::max(width, height));
        int width_px = std::max(16, static_cast<int>(std::lround(width * scale)));
        int height_px = std::max(16, static_cast<int>(std::lround(height * scale)));
        int n = static_cast<int>(images_.size()) + 1;
        std::string relationship = fmt::format("rIdImage{}", n);
        images_.push_back(Image{fmt::format("chart{}.png", n), relationship,
                                render_line_chart_png(chart, width_px, height_px)});
        long cx = static_cast<long>(kTextWidth) * kEmuPerTwip;
        long cy = std::lround(static_cast<double>(cx) * height / width);
        std::string description = chart.title;
        if (!chart.title.empty() && !chart.description.empty()) description += ". ";
        description += chart.description;
        std::string descr = xml_escape(description), title = xml_escape(chart.title);
        out_ += open_paragraph("<w:keepLines/><w:spacing w:before=\"120\" w:after=\"120\"/>");
        out_ += fmt::format(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
            "<wp:extent cx=\"{0}\" cy=\"{1}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
            "<wp:docPr id=\"{2}\" name=\"Chart {2}\" descr=\"{3}\" title=\"{4}\"/>"
            "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
            "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
            "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
            "<pic:nvPicPr><pic:cNvPr id=\"{2}\" name=\"chart{2}.png\" descr=\"{3}\"/>"
            "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"{5}\"/><a:stretch>"
            "<a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
            "<a:ext cx=\"{0}\" cy=\"{1}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/>"
            "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
            "</w:drawing></w:r></w:p>",
            cx, cy, n, descr, title, relationship);
    }

    void operator()(const doc::Anchor& anchor) {
        if (anchors_written_.insert(anchor.id).second) pending_anchors_.push_back(anchor.id);
    }

    void operator()(const doc::PageBreak&) { pending_break_ = true; }

    void operator()(const doc::Spacer& spacer) {
        int line = std::max(20, static_cast<int>(std::lround(spacer.points * 20)));
        out_ += open_paragraph(fmt::format(
            "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>"
            "<w:rPr><w:sz w:val=\"2\"/></w:rPr>",
            line));
        out_ += "</w:p>";
    }

  private:
    // "<w:p>" with its properties, then a page break and bookmarks waiting for a paragraph: the
    // break first, so that the bookmarks are on the new page.
    std::string open_paragraph(const std::string& properties) {
        std::string p = "<w:p>";
        if (!properties.empty()) p += "<w:pPr>" + properties + "</w:pPr>";
        if (pending_break_) p += "<w:r><w:br w:type=\"page\"/></w:r>";
        pending_break_ = false;
        for (const auto& id : pending_anchors_) {
            int n = next_bookmark_++;
            p += fmt::format(
                "<w:bookmarkStart w:id=\"{0}\" w:name=\"{1}\"/><w:bookmarkEnd w:id=\"{0}\"/>", n,
                xml_escape(bookmark_name(id)));
        }
        pending_anchors_.clear();
        return p;
    }

    // A little space under every table, which also keeps two tables one after the other from
    // merging into one and gives a table at the end of the body the paragraph Word wants there.
    void space_after_table() { (*this)(doc::Spacer{6}); }

    static std::string grid(const std::vector<int>& widths) {
        std::string g = "<w:tblGrid>";
        for (int w : widths) g += fmt::format("<w:gridCol w:w=\"{}\"/>", w);
        return g + "</w:tblGrid>";
    }

    std::string cell(const doc::Text& text, int width, bool header, bool right,
                     const std::string& shading) {
        std::string c = fmt::format("<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>", width);
        if (!shading.empty())
            c += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"" + shading + "\"/>";
        c += "</w:tcPr>";
        std::string properties = "<w:pStyle w:val=\"TableText\"/>";
        if (header) properties += "<w:keepNext/>";
        if (right) properties += "<w:jc w:val=\"right\"/>";
        c += open_paragraph(properties) + runs(text, header) + "</w:p></w:tc>";
        return c;
    }

    // The runs of a text: bold, links (external relationships; "#id" links to a bookmark) and
    // page references (PAGEREF fields whose shown result is the run's text until updated).
    std::string runs(const doc::Text& text, bool all_bold) {
        std::string out;
        for (const auto& run : text) {
            bool bold = all_bold || run.bold;
            if (!run.page_of.empty() && anchors_.count(run.page_of)) {
                out += page_reference(run, bold);
            } else if (!run.link.empty()) {
                if (run.link[0] == '#') {
                    out += "<w:hyperlink w:anchor=\"" +
                           xml_escape(bookmark_name(run.link.substr(1))) + "\">";
                } else {
                    out += "<w:hyperlink r:id=\"" + link_relationship(run.link) + "\">";
                }
                out += text_runs(run.text, bold, "Hyperlink") + "</w:hyperlink>";
            } else {
                // A page reference to an anchor the document does not have shows its text.
                out += text_runs(run.text, bold);
            }
        }
        return out;
    }

    std::string page_reference(const doc::Run& run, bool bold) {
        std::string properties = bold ? "<w:rPr><w:b/><w:bCs/></w:rPr>" : "";
        std::string out;
        out += "<w:r>" + properties + "<w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>";
        out += "<w:r>" + properties + "<w:instrText xml:space=\"preserve\"> PAGEREF " +
               xml_escape(bookmark_name(run.page_of)) + " \\h </w:instrText></w:r>";
        out += "<w:r>" + properties + "<w:fldChar w:fldCharType=\"separate\"/></w:r>";
        out += text_runs(run.text, bold);
        out += "<w:r>" + properties + "<w:fldChar w:fldCharType=\"end\"/></w:r>";
        return out;
    }

    std::string link_relationship(const std::string& url) {
        auto found = link_ids_.find(url);
        if (found != link_ids_.end()) return found->second;
        std::string id = fmt::format("rIdLink{}", link_ids_.size() + 1);
        link_ids_.emplace(url, id);
        relationships_.push_back(Relationship{id, "hyperlink", url, true});
        return id;
    }

  public:
    // One run of text in a style: '\n' becomes a line break and '\t' a tab.
    static std::string text_runs(std::string_view text, bool bold,
                                 const std::string& character_style = "") {
        std::string properties;
        if (!character_style.empty()) properties += "<w:rStyle w:val=\"" + character_style + "\"/>";
        if (bold) properties += "<w:b/><w:bCs/>";
        std::string out = "<w:r>";
        if (!properties.empty()) out += "<w:rPr>" + properties + "</w:rPr>";
        size_t start = 0;
        for (size_t i = 0; i <= text.size(); ++i) {
            if (i < text.size() && text[i] != '\n' && text[i] != '\t') continue;
            if (i > start)
                out += "<w:t xml:space=\"preserve\">" + xml_escape(text.substr(start, i - start)) +
                       "</w:t>";
            if (i < text.size()) out += text[i] == '\n' ? "<w:br/>" : "<w:tab/>";
            start = i + 1;
        }
        return out + "</w:r>";
    }

  private:
    const doc::Document& document_;
    std::set<std::string> anchors_;
    std::set<std::string> anchors_written_;
    std::string out_;
    std::vector<std::string> pending_anchors_;
    bool pending_break_ = false;
    int next_bookmark_ = 0;
    std::vector<Relationship> relationships_;
    std::map<std::string, std::string> link_ids_;
    std::vector<int> numbered_lists_;
    std::vector<Image> images_;
};

std::string relationships_part(const std::vector<Relationship>& relationships) {
    std::string out(kXmlDeclaration);
    out +=
        "<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (const auto& r : relationships) {
        out += "<Relationship Id=\"" + r.id + "\" Type=\"" +
               (r.type.find("://") == std::string::npos ? std::string(kRelationshipBase) + r.type
                                                        : r.type) +
               "\" Target=\"" + xml_escape(r.target) + "\"";
        if (r.external) out += " TargetMode=\"External\"";
        out += "/>";
    }
    return out + "</Relationships>";
}

std::string content_types(bool has_header, bool has_images) {
    std::string out(kXmlDeclaration);
    out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">";
    out +=
        "<Default Extension=\"rels\" "
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>";
    out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
    if (has_images) out += "<Default Extension=\"png\" ContentType=\"image/png\"/>";
    auto part = [&](const std::string& name, const std::string& type) {
        out += "<Override PartName=\"" + name + "\" ContentType=\"" + type + "\"/>";
    };
    const std::string word = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    part("/word/document.xml", word + "document.main+xml");
    part("/word/styles.xml", word + "styles+xml");
    part("/word/numbering.xml", word + "numbering+xml");
    part("/word/settings.xml", word + "settings+xml");
    if (has_header) part("/word/header1.xml", word + "header+xml");
    part("/word/footer1.xml", word + "footer+xml");
    part("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    part("/docProps/app.xml",
         "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    return out + "</Types>";
}

std::string core_properties(const doc::Document& d) {
    std::string out(kXmlDeclaration);
    out +=
        "<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    if (!d.title.empty()) out += "<dc:title>" + xml_escape(d.title) + "</dc:title>";
    if (!d.subject.empty()) out += "<dc:subject>" + xml_escape(d.subject) + "</dc:subject>";
    std::string creator = xml_escape(d.author.empty() ? "scrutineer" : d.author);
    out += "<dc:creator>" + creator + "</dc:creator>";
    out += "<cp:lastModifiedBy>" + creator + "</cp:lastModifiedBy>";
    if (!d.created.empty()) {
        std::string when = w3cdtf(d.created);
        out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:created>";
        out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:modified>";
    }
    return out + "</cp:coreProperties>";
}

std::string app_properties() {
    std::string out(kXmlDeclaration);
    out +=
        "<Properties "
        "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        "<Application>scrutineer</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>";
    return out;
}

std::string styles() {
    std::string out(kXmlDeclaration);
    out += "<w:styles " + std::string(kWordNamespaces) + ">";
    // Defaults: Arial 11 pt, British English, 6 pt after each paragraph.
    out +=
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>"
        "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\"/>"
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        "<w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>"
        "</w:pPr></w:pPrDefault></w:docDefaults>";
    out +=
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
        "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>";
    out +=
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
        "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
        "<w:semiHidden/><w:unhideWhenUsed/></w:style>";
    out +=
        "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
        "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
        "<w:pPr><w:keepNext/><w:spacing w:after=\"240\"/></w:pPr>"
        "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"48\"/><w:szCs w:val=\"48\"/></w:rPr></w:style>";
    const struct { int size, before; } headings[] = {{32, 360}, {26, 280}, {22, 240}};
    for (int level = 1; level <= 3; ++level) {
        out += fmt::format(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{0}\"><w:name w:val=\"heading {0}\"/>"
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>"
            "<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>"
            "<w:spacing w:before=\"{1}\" w:after=\"120\"/><w:outlineLvl w:val=\"{2}\"/></w:pPr>"
            "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"{3}\"/><w:szCs w:val=\"{3}\"/></w:rPr></w:style>",
            level, headings[level - 1].before, level - 1, headings[level - 1].size);
    }
    out +=
        "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\">"
        "<w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
        "<w:pPr><w:spacing w:after=\"80\"/></w:pPr></w:style>";
    out +=
        "<w:style w:type=\"paragraph\" w:styleId=\"TableText\">"
        "<w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
        "<w:pPr><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" "
        "w:lineRule=\"auto\"/></w:pPr>"
        "<w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>";
    out +=
        "<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\">"
        "<w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/>"
        "<w:pPr><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" "
        "w:lineRule=\"auto\"/></w:pPr>"
        "<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>";
    out += fmt::format(
        "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
        "<w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"{0}\"/>"
        "</w:tabs><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:color w:val=\"505A5F\"/>"
        "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
        "<w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"{0}\"/>"
        "</w:tabs><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:color w:val=\"505A5F\"/>"
        "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>",
        kTextWidth);
    out +=
        "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>"
        "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/>"
        "<w:unhideWhenUsed/><w:rPr><w:color w:val=\"1D70B8\"/><w:u w:val=\"single\"/>"
        "</w:rPr></w:style>";
    out +=
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
        "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
        "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
        "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
        "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
        "</w:tblCellMar></w:tblPr></w:style>";
    std::string border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"";
    out +=
        "<w:style w:type=\"table\" w:styleId=\"ScrutineerTable\">"
        "<w:name w:val=\"Scrutineer Table\"/><w:basedOn w:val=\"TableNormal\"/>"
        "<w:uiPriority w:val=\"59\"/><w:tblPr><w:tblBorders>"
        "<w:top " +
        border + "/><w:left " + border + "/><w:bottom " + border + "/><w:right " + border +
        "/><w:insideH " + border + "/><w:insideV " + border +
        "/></w:tblBorders><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>"
        "<w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        "<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr>"
        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F2F1\"/></w:tcPr></w:tblStylePr>"
        "</w:style>";
    out +=
        "<w:style w:type=\"table\" w:styleId=\"KeyValues\">"
        "<w:name w:val=\"Key Values\"/><w:basedOn w:val=\"TableNormal\"/>"
        "<w:tblPr><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/>"
        "<w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/>"
        "<w:insideV w:val=\"nil\"/></w:tblBorders><w:tblCellMar>"
        "<w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"113\" w:type=\"dxa\"/>"
        "</w:tblCellMar></w:tblPr></w:style>";
    return out + "</w:styles>";
}

// Bullets (abstract list 1, w:num 1) and numbers "1." per level (abstract list 2, one w:num per
// numbered list, each starting again at 1).
std::string numbering(const std::vector<int>& numbered_lists) {
    std::string out(kXmlDeclaration);
    out += "<w:numbering " + std::string(kWordNamespaces) + ">";
    const char* bullets[] = {"\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x97\xA6"};  // • – ◦
    out += "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>";
    for (int level = 0; level < 9; ++level) {
        out += fmt::format(
            "<w:lvl w:ilvl=\"{0}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
            "<w:lvlText w:val=\"{1}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:tabs>"
            "<w:tab w:val=\"num\" w:pos=\"{2}\"/></w:tabs><w:ind w:left=\"{2}\" w:hanging=\"{3}\"/>"
            "</w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/></w:rPr></w:lvl>",
            level, bullets[level % 3], kListIndent * (level + 1), kListIndent / 2);
    }
    out += "</w:abstractNum>";
    out += "<w:abstractNum w:abstractNumId=\"2\"><w:multiLevelType w:val=\"multilevel\"/>";
    for (int level = 0; level < 9; ++level) {
        out += fmt::format(
            "<w:lvl w:ilvl=\"{0}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
            "<w:lvlText w:val=\"%{1}.\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:tabs>"
            "<w:tab w:val=\"num\" w:pos=\"{2}\"/></w:tabs><w:ind w:left=\"{2}\" w:hanging=\"{3}\"/>"
            "</w:pPr></w:lvl>",
            level, level + 1, kListIndent * (level + 1), kListIndent);
    }
    out += "</w:abstractNum>";
    out += "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>";
    for (int id : numbered_lists) {
        out += fmt::format("<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"2\"/>", id);
        for (int level = 0; level < 9; ++level)
            out += fmt::format(
                "<w:lvlOverride w:ilvl=\"{}\"><w:startOverride w:val=\"1\"/></w:lvlOverride>",
                level);
        out += "</w:num>";
    }
    return out + "</w:numbering>";
}

std::string settings() {
    std::string out(kXmlDeclaration);
    out += "<w:settings " + std::string(kWordNamespaces) + ">";
    // (In the schema's order, which Word insists on.) Fields (the page references, PAGE and
    // NUMPAGES) are computed when the file is opened.
    out += "<w:defaultTabStop w:val=\"567\"/>";
    out += "<w:characterSpacingControl w:val=\"doNotCompress\"/>";
    out += "<w:updateFields w:val=\"true\"/>";
    out +=
        "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
        "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>";
    return out + "</w:settings>";
}

// A complex field (PAGE, NUMPAGES) showing `cached` until the reader computes it.
std::string field(const std::string& instruction, const std::string& cached) {
    return "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
           "<w:r><w:instrText xml:space=\"preserve\"> " +
           instruction +
           " </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
           "<w:r><w:t>" +
           cached + "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

std::string header_part(const std::string& text) {
    std::string out(kXmlDeclaration);
    out += "<w:hdr " + std::string(kWordNamespaces) + ">";
    out += "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>" + BodyWriter::text_runs(text, false) +
           "</w:p>";
    return out + "</w:hdr>";
}

std::string footer_part(const std::string& text) {
    std::string out(kXmlDeclaration);
    out += "<w:ftr " + std::string(kWordNamespaces) + ">";
    out += "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>";
    if (!text.empty()) out += BodyWriter::text_runs(text, false);
    out += "<w:r><w:tab/><w:t xml:space=\"preserve\">Page </w:t></w:r>" + field("PAGE", "1") +
           "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>" + field("NUMPAGES", "1");
    return out + "</w:p></w:ftr>";
}

std::string document_part(const std::string& body, bool has_header) {
    std::string out(kXmlDeclaration);
    out += "<w:document " + std::string(kWordNamespaces) +
           " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
           " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
           " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>";
    out += body;
    out += "<w:sectPr>";
    if (has_header) out += "<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>";
    out += "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>";
    out += fmt::format(
        "<w:pgSz w:w=\"{0}\" w:h=\"{1}\"/><w:pgMar w:top=\"{2}\" w:right=\"{2}\" w:bottom=\"{2}\" "
        "w:left=\"{2}\" w:header=\"{3}\" w:footer=\"{3}\" w:gutter=\"0\"/>",
        kPageWidth, kPageHeight, kMargin, kHeaderDistance);
    out += "<w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr>";
    return out + "</w:body></w:document>";
}

// The parts zipped in memory: a libzip archive on a buffer source that is kept after zip_close
// and read back whole.
class ZipInMemory {
  public:
    explicit ZipInMemory(time_t mtime) : mtime_(mtime) {
        zip_error_t error;
        zip_error_init(&error);
        source_ = zip_source_buffer_create(nullptr, 0, 0, &error);
        if (!source_) fail("its buffer could not be made", zip_error_strerror(&error));
        archive_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error);
        if (!archive_) {
            std::string why = zip_error_strerror(&error);
            zip_error_fini(&error);
            zip_source_free(source_);
            fail("the archive could not be opened", why);
        }
        zip_error_fini(&error);
        zip_source_keep(source_);
    }
    ~ZipInMemory() {
        if (archive_) zip_discard(archive_);
        if (source_) zip_source_free(source_);
    }
    ZipInMemory(const ZipInMemory&) = delete;
    ZipInMemory& operator=(const ZipInMemory&) = delete;

    void add(const std::string& name, std::string content) {
        contents_.push_back(std::make_unique<std::string>(std::move(content)));
        const std::string& c = *contents_.back();
        zip_source_t* s = zip_source_buffer(archive_, c.data(), c.size(), 0);
        if (!s) fail(name + " could not be added", zip_strerror(archive_));
        zip_int64_t index = zip_file_add(archive_, name.c_str(), s, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(s);
            fail(name + " could not be added", zip_strerror(archive_));
        }
        if (zip_file_set_mtime(archive_, static_cast<zip_uint64_t>(index), mtime_, 0) != 0)
            fail(name + "'s date could not be set", zip_strerror(archive_));
    }

    std::string bytes() {
        if (zip_close(archive_) != 0)
            fail("the archive could not be written", zip_strerror(archive_));
        archive_ = nullptr;
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_source_stat(source_, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
            fail("its size could not be read", zip_error_strerror(zip_source_error(source_)));
        std::string out(st.size, '\0');
        if (zip_source_open(source_) != 0)
            fail("it could not be read back", zip_error_strerror(zip_source_error(source_)));
        zip_int64_t got = zip_source_read(source_, out.data(), st.size);
        zip_source_close(source_);
        if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
            fail("it could not be read back", zip_error_strerror(zip_source_error(source_)));
        return out;
    }

  private:
    [[noreturn]] static void fail(const std::string& what, const std::string& why) {
        throw std::runtime_error("The DOCX could not be made: " + what + " (libzip: " + why + ")");
    }

    time_t mtime_;
    zip_source_t* source_ = nullptr;
    zip_t* archive_ = nullptr;
    std::vector<std::unique_ptr<std::string>> contents_;
};

}  // namespace

std::string render_docx(const doc::Document& document) {
    std::string created;
    if (!document.created.empty()) created = w3cdtf(document.created);
    bool has_header = !document.header.empty();

    BodyWriter writer(document);
    std::string body = writer.body();

    std::vector<Relationship> relationships = {
        {"rIdStyles", "styles", "styles.xml", false},
        {"rIdNumbering", "numbering", "numbering.xml", false},
        {"rIdSettings", "settings", "settings.xml", false},
        {"rIdFooter", "footer", "footer1.xml", false},
    };
    if (has_header) relationships.push_back({"rIdHeader", "header", "header1.xml", false});
    for (const auto& image : writer.images())
        relationships.push_back({image.relationship, "image", "media/" + image.name, false});
    for (const auto& r : writer.relationships()) relationships.push_back(r);

    std::vector<Relationship> package = {
        {"rIdDocument", "officeDocument", "word/document.xml", false},
        {"rIdCore",
         "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml", false},
        {"rIdApp", "extended-properties", "docProps/app.xml", false},
    };

    ZipInMemory zip(entry_time(created));
    zip.add("[Content_Types].xml", content_types(has_header, !writer.images().empty()));
    zip.add("_rels/.rels", relationships_part(package));
    zip.add("docProps/core.xml", core_properties(document));
    zip.add("docProps/app.xml", app_properties());
    zip.add("word/document.xml", document_part(body, has_header));
    zip.add("word/_rels/document.xml.rels", relationships_part(relationships));
    zip.add("word/styles.xml", styles());
    zip.add("word/numbering.xml", numbering(writer.numbered_lists()));
    zip.add("word/settings.xml", settings());
    if (has_header) zip.add("word/header1.xml", header_part(document.header));
    zip.add("word/footer1.xml", footer_part(document.footer));
    for (const auto& image : writer.images()) zip.add("word/media/" + image.name, image.bytes);
    return zip.bytes();
}

}  // namespace scrutineer
