#include "scrutineer/html_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "scrutineer/html_escape.hpp"
#include "scrutineer/svg_chart.hpp"

namespace scrutineer {

namespace {

// GOV.UK's colours and type, on screen and on A4 paper. The running header and footer go in the
// page margins (CSS paged media margin boxes, added per document below); on screen they are the
// first and last lines of the page instead.
constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0 auto; max-width: 960px; padding: 20px 30px 40px; color: #0b0c0c;
  font-family: arial, sans-serif; font-size: 1rem; line-height: 1.4; }
h1, h2, h3 { line-height: 1.2; margin: 1.2em 0 0.5em; break-after: avoid;
  page-break-after: avoid; }
h1 { font-size: 2rem; margin-top: 0.5em; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.2rem; }
p { margin: 0 0 0.8em; }
a { color: #1d70b8; }
a:visited { color: #4c2c92; }
a:focus { outline: 3px solid transparent; background-color: #fd0; color: #0b0c0c;
  box-shadow: 0 -2px #fd0, 0 4px #0b0c0c; text-decoration: none; }
.running-header, .running-footer { color: #505a5f; font-size: 0.875rem; margin: 0 0 1em; }
.running-footer { border-top: 1px solid #b1b4b6; padding-top: 0.5em; margin: 2em 0 0; }
ul, ol { margin: 0 0 0.8em; padding-left: 1.5em; }
li { margin-bottom: 0.3em; }
li > ul, li > ol { margin: 0.3em 0 0; }
li.labelled { list-style: none; }
li.labelled > .list-label { display: inline-block; min-width: 2.5em; margin-left: -2.5em;
  padding-right: 0.5em; }
li.labelled { padding-left: 1em; }
li > p { margin: 0.3em 0 0; }
.table-wrap { margin: 0 0 1.2em; }
table { border-collapse: collapse; border-spacing: 0; width: 100%; }
th, td { padding: 0.4em 0.8em 0.4em 0; border-bottom: 1px solid #b1b4b6; text-align: left;
  vertical-align: top; }
th:last-child, td:last-child { padding-right: 0; }
thead th { font-weight: bold; vertical-align: bottom; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.table-notes { font-size: 0.875rem; color: #0b0c0c; margin-top: 0.5em; }
.table-notes p { margin: 0 0 0.3em; }
dl.key-values { margin: 0 0 1em; }
dl.key-values > div { display: flex; gap: 1em; margin-bottom: 0.3em; }
dl.key-values dt { flex: 0 0 var(--key-width, 20%); font-weight: normal; }
dl.key-values.bold-keys dt { font-weight: bold; }
dl.key-values dd { flex: 1 1 auto; margin: 0; }
figure.chart { margin: 0 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.875rem; color: #505a5f; margin-top: 0.3em; }
.page-break { break-before: page; page-break-before: always; }
@page { size: A4; margin: 20mm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  .running-header, .running-footer { display: none; }
  a, a:visited { color: #0b0c0c; }
  a[href^="http"]::after, a[href^="mailto:"]::after { content: " (" attr(href) ")";
    font-size: 90%; word-wrap: break-word; }
  figure.chart svg { max-width: 16cm; }
}
)css";

// `text` as a CSS string literal ("..."), safe inside <style>: quotes, backslashes, '<', '>',
// '&' and control characters as CSS escapes.
void append_css_string(std::string& out, const std::string& text) {
    out += '"';
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || u < 0x20 || u == 0x7f)
            out += fmt::format("\\{:x} ", u);
        else
            out += c;
    }
    out += '"';
}

// A URL a reader may follow from a published document: web, mail, telephone or in-page.
bool safe_url(const std::string& url) {
    auto starts = [&](std::string_view prefix) {
        if (url.size() < prefix.size()) return false;
        for (size_t i = 0; i < prefix.size(); ++i) {
            char c = url[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != prefix[i]) return false;
        }
        return true;
    };
    return starts("http://") || starts("https://") || starts("mailto:") || starts("tel:") ||
           (url.size() > 1 && url[0] == '#');
}

class Writer {
  public:
    explicit Writer(const doc::Document& d) : d_(d) {}

    std::string write() {
        out_.reserve(64 * 1024);
        out_ += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
        out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
        out_ += "<title>";
        out_ += html_escape(d_.title.empty() ? std::string("Document") : d_.title);
        out_ += "</title>\n";
        meta("author", d_.author);
        meta("description", d_.subject);
        meta("dcterms.subject", d_.subject);
        meta("dcterms.created", d_.created);
        meta("generator", "scrutineer");
        out_ += "<style>";
        out_ += kStyle;
        page_margins();
        out_ += "</style>\n</head>\n<body>\n";
        if (!d_.header.empty()) {
            out_ += "<header class=\"running-header\">";
            out_ += html_escape(d_.header);
            out_ += "</header>\n";
        }
        out_ += "<main>\n";
        for (const auto& block : d_.blocks)
            std::visit([&](const auto& b) { this->block(b); }, block);
        flush_anchor();
        out_ += "</main>\n";
        if (!d_.footer.empty()) {
            out_ += "<footer class=\"running-footer\">";
            out_ += html_escape(d_.footer);
            out_ += "</footer>\n";
        }
        out_ += "</body>\n</html>\n";
        return std::move(out_);
    }

  private:
    void meta(const char* name, const std::string& content) {
        if (content.empty()) return;
        out_ += "<meta name=\"";
        out_ += name;
        out_ += "\" content=\"";
        out_ += html_escape(content);
        out_ += "\">\n";
    }

    // The running header and footer and "Page N of M" in the printed page's margins.
    void page_margins() {
        out_ += "@page {\n";
        if (!d_.header.empty()) {
            out_ += "  @top-left { content: ";
            append_css_string(out_, d_.header);
            out_ += "; font: 9pt arial, sans-serif; color: #505a5f; }\n";
        }
        if (!d_.footer.empty()) {
            out_ += "  @bottom-left { content: ";
            append_css_string(out_, d_.footer);
            out_ += "; font: 9pt arial, sans-serif; color: #505a5f; }\n";
        }
        out_ +=
            "  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); "
            "font: 9pt arial, sans-serif; color: #505a5f; }\n}\n";
    }

    // The attributes the next block's element takes: the id of an anchor before it and the
    // page break before it.
    void attributes(const char* css_class = nullptr) {
        if (!anchor_.empty()) {
            out_ += " id=\"";
            out_ += html_escape(anchor_);
            out_ += '"';
            anchor_.clear();
        }
        if (page_break_ || css_class) {
            out_ += " class=\"";
            if (css_class) out_ += css_class;
            if (page_break_) out_ += css_class ? " page-break" : "page-break";
            out_ += '"';
            page_break_ = false;
        }
    }

    // An anchor with no block after it to carry its id (or a second anchor in a row).
    void flush_anchor() {
        if (anchor_.empty()) return;
        out_ += "<div";
        attributes();
        out_ += "></div>\n";
    }

    void text(const std::string& s) {
        std::string escaped = html_escape(s);
        size_t start = 0;
        for (size_t nl; (nl = escaped.find('\n', start)) != std::string::npos; start = nl + 1) {
            out_.append(escaped, start, nl - start);
            out_ += "<br>\n";
        }
        out_.append(escaped, start, std::string::npos);
    }

    void runs(const doc::Text& t) {
        for (const auto& r : t) {
            std::string href;
            if (!r.page_of.empty())
                href = "#" + r.page_of;
            else if (!r.link.empty() && safe_url(r.link))
                href = r.link;
            if (!href.empty()) {
                out_ += "<a href=\"";
                out_ += html_escape(href);
                out_ += "\">";
            }
            if (r.bold) out_ += "<strong>";
            text(r.text);
            if (r.bold) out_ += "</strong>";
            if (!href.empty()) out_ += "</a>";
        }
    }

    void block(const doc::Heading& h) {
        int level = std::clamp(h.level, 1, 3);
        if (anchor_.empty()) anchor_ = fmt::format("heading_{}", ++headings_);
        last_heading_ = anchor_;
        out_ += fmt::format("<h{}", level);
        attributes();
        out_ += '>';
        text(h.text);
        out_ += fmt::format("</h{}>\n", level);
    }

    void block(const doc::Paragraph& p) {
        out_ += "<p";
        attributes();
        out_ += '>';
        runs(p.text);
        out_ += "</p>\n";
    }

    void block(const doc::List& l) {
        const char* open_tag = l.numbered ? "<ol>\n" : "<ul>\n";
        const char* close_tag = l.numbered ? "</ol>\n" : "</ul>\n";
        out_ += l.numbered ? "<ol" : "<ul";
        attributes();
        out_ += ">\n";
        // Lists open, one per depth; every list but the innermost is inside an open <li>.
        int open = 1;
        bool li_open = false;  // an <li> open in the innermost list
        auto close_innermost = [&] {
            if (li_open) out_ += "</li>\n";
            out_ += close_tag;
            --open;
            li_open = true;  // the item the closed list was nested in
        };
        for (const auto& item : l.items) {
            int deepest = li_open ? open : open - 1;  // one deeper than an open item at most
            int depth = std::clamp(item.depth, 0, deepest);
            while (open > depth + 1) close_innermost();
            if (item.continuation && li_open && open == depth + 1) {
                out_ += "<p>";
                runs(item.text);
                out_ += "</p>\n";
                continue;
            }
            if (open == depth + 1 && li_open) {
                out_ += "</li>\n";
                li_open = false;
            }
            if (open < depth + 1) {
                out_ += open_tag;
                ++open;
                li_open = false;
            }
            if (item.continuation) {
                out_ += "<li class=\"labelled\">";
            } else if (!item.label.empty()) {
                out_ += "<li class=\"labelled\"><span class=\"list-label\">";
                text(item.label);
                out_ += "</span> ";
            } else {
                out_ += "<li>";
            }
            runs(item.text);
            li_open = true;
        }
        while (open > 1) close_innermost();
        if (li_open) out_ += "</li>\n";
        out_ += close_tag;
    }

    void block(const doc::Table& t) {
        out_ += "<div";
        attributes("table-wrap");
        out_ += ">\n<table";
        if (!last_heading_.empty()) {
            out_ += " aria-labelledby=\"";
            out_ += html_escape(last_heading_);
            out_ += '"';
        }
        out_ += ">\n";
        size_t columns = t.header.size();
        for (const auto& row : t.rows) columns = std::max(columns, row.size());
        if (!t.widths.empty()) {
            double total = 0;
            for (double w : t.widths)
                if (std::isfinite(w) && w > 0) total += w;
            if (total > 0) {
                out_ += "<colgroup>";
                for (size_t c = 0; c < columns; ++c) {
                    double w = c < t.widths.size() && std::isfinite(t.widths[c]) && t.widths[c] > 0
                                   ? t.widths[c]
                                   : 0;
                    if (w > 0)
                        out_ += fmt::format("<col style=\"width: {:.1f}%\">", 100 * w / total);
                    else
                        out_ += "<col>";
                }
                out_ += "</colgroup>\n";
            }
        }
        auto has_number = [&](size_t r, size_t c) {
            return r < t.numbers.size() && c < t.numbers[r].size() && t.numbers[r][c].has_value();
        };
        std::vector<bool> numeric(columns, false);
        for (size_t r = 0; r < t.rows.size(); ++r)
            for (size_t c = 0; c < columns; ++c)
                if (has_number(r, c)) numeric[c] = true;
        if (!t.header.empty()) {
            out_ += "<thead>\n<tr>";
            for (size_t c = 0; c < t.header.size(); ++c) {
                out_ += numeric[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">";
                runs(t.header[c]);
                out_ += "</th>";
            }
            out_ += "</tr>\n</thead>\n";
        }
        out_ += "<tbody>\n";
        for (size_t r = 0; r < t.rows.size(); ++r) {
            out_ += "<tr>";
            for (size_t c = 0; c < t.rows[r].size(); ++c) {
                out_ += numeric[c] ? "<td class=\"num\">" : "<td>";
                runs(t.rows[r][c]);
                out_ += "</td>";
            }
            out_ += "</tr>\n";
        }
        out_ += "</tbody>\n</table>\n";
        if (!t.notes.empty()) {
            out_ += "<div class=\"table-notes\">\n";
            for (const auto& note : t.notes) {
                out_ += "<p>";
                text(note);
                out_ += "</p>\n";
            }
            out_ += "</div>\n";
        }
        out_ += "</div>\n";
    }

    void block(const doc::KeyValues& kv) {
        double key = std::isfinite(kv.key_width) ? std::clamp(kv.key_width, 0.05, 0.9) : 0.2;
        out_ += "<dl";
        attributes(kv.bold_keys ? "key-values bold-keys" : "key-values");
        out_ += fmt::format(" style=\"--key-width: {:.1f}%\">\n", key * 100);
        for (const auto& [label, value] : kv.rows) {
            out_ += "<div><dt>";
            text(label);
            out_ += "</dt><dd>";
            runs(value);
            out_ += "</dd></div>\n";
        }
        out_ += "</dl>\n";
    }

    void block(const doc::Figure& f) {
        out_ += "<figure";
        attributes("chart");
        out_ += ">\n";
        // The chart's SVG names its <title> and <desc> "chart-title" and "chart-desc"; a
        // document has many charts, and ids must be unique.
        std::string svg = render_line_chart_svg(f.chart);
        std::string prefix = fmt::format("figure_{}", ++figures_);
        size_t head = svg.find("</desc>");
        if (head == std::string::npos) head = std::min<size_t>(svg.size(), 1024);
        for (std::string_view id : {"chart-title", "chart-desc"}) {
            std::string replacement = prefix + std::string(id.substr(5));  // "-title", "-desc"
            for (size_t at = 0; (at = svg.find(id, at)) != std::string::npos && at < head;) {
                svg.replace(at, id.size(), replacement);
                head += replacement.size() - id.size();
                at += replacement.size();
            }
        }
        out_ += svg;
        if (!svg.empty() && svg.back() != '\n') out_ += '\n';
        out_ += "<figcaption>";
        text(f.chart.title);
        out_ += "</figcaption>\n</figure>\n";
    }

    void block(const doc::Anchor& a) {
        flush_anchor();  // two anchors in a row: the first gets an element of its own
        anchor_ = a.id;
    }

    void block(const doc::PageBreak&) { page_break_ = true; }

    void block(const doc::Spacer& s) {
        double points = std::isfinite(s.points) ? std::clamp(s.points, 0.0, 720.0) : 0;
        out_ += "<div";
        attributes("spacer");
        out_ += fmt::format(" style=\"height: {:.1f}pt\" aria-hidden=\"true\"></div>\n", points);
    }

    const doc::Document& d_;
    std::string out_;
    std::string anchor_;        // the id the next block's element takes
    std::string last_heading_;  // the id of the last heading, which labels the tables after it
    bool page_break_ = false;   // the next block starts a new printed page
    int headings_ = 0, figures_ = 0;
};

}  // namespace

std::string render_html_document(const doc::Document& document) {
    return Writer(document).write();
}

}  // namespace scrutineer
