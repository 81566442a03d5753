// How the PDF is made (docs/pdf.md has the longer story):
//
// 1. Layout. The blocks are laid out top to bottom on A4 pages into a display list: per page,
//    the text fragments (each one style, positioned by measuring with cairo_text_extents),
//    rules and fills, charts (a box to draw chart_drawing.hpp's picture in), and the structure
//    tags around them. Text is wrapped greedily at spaces (a word longer than the line is cut
//    between characters); '\n' in a run breaks the line. A heading moves to the next page when
//    it and the start of the following block do not fit together; a table row that does not fit
//    goes to the next page under a repeated header row; a table's last row goes with its notes;
//    a chart and its caption move to the next page whole. An anchor becomes a named destination
//    where the next block starts, and the layout records its page.
// 2. Page references. A run with `page_of` prints the page its anchor landed on; the first
//    layout does not know it yet, so a document with page references is laid out again with
//    the pages found until they stop changing (at most kMaxPasses layouts). One without them is
//    laid out once.
// 3. Painting. Only then is the number of pages known, so each page is painted with its running
//    header and its "Page N of M" footer, and the outline entries are added from the headings.
//
// Fonts: cairo's "toy" font API with DejaVu Sans, shared with the chart drawing through
// cairo_text.hpp (which says why). The fonts are embedded as subsets with a ToUnicode map, so
// the text can be selected, searched and copied.
//
// Tagging: cairo 1.16 gives content a marked-content id only when it is drawn inside a
// structure element that ends up with no child elements (content drawn in an element that also
// has children is left out of the structure tree). So every piece of text is drawn in a leaf:
// headings, P, Lbl, TH, TD, Caption, Figure; a paragraph that has a link is made of Span and
// Link children. Running headers, footers, rules, fills and repeated table headers are drawn
// outside any leaf, which keeps them out of the structure tree (cairo 1.16 cannot mark them as
// artifacts). cairo 1.16 writes no attributes on structure elements, so a Figure has no /Alt.
#include "scrutineer/pdf_writer.hpp"

#include "cairo_text.hpp"
#include "scrutineer/chart_drawing.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace scrutineer {
namespace {

using namespace doc;
using namespace cairo_text;

// A4 in points (1/72 inch).
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kLeft = 56.7;  // 20 mm margins left and right
constexpr double kWidth = kPageWidth - 2 * kLeft;
constexpr double kTop = 68;                   // below the running header
constexpr double kBottom = kPageHeight - 62;  // above the footer
constexpr double kHeaderBaseline = 38;
constexpr double kFooterBaseline = kPageHeight - 34;

constexpr double kBodySize = 10.5;
constexpr double kTableSize = 9.5;
constexpr double kSmallSize = 8.5;
constexpr double kLeading = 1.38;  // line height as a multiple of the font size
constexpr double kParagraphGap = 6;
constexpr double kCellPadX = 4;
constexpr double kCellPadY = 3;
constexpr double kLabelGap = 6;
constexpr double kNoteGap = 4;  // between a table and its notes

constexpr double heading_size(int level) {
    return level <= 1 ? 20 : level == 2 ? 15 : 12;
}
constexpr double heading_gap_before(int level) {
    return level <= 1 ? 4 : level == 2 ? 14 : 10;
}
constexpr double heading_gap_after(int level) {
    return level <= 1 ? 10 : level == 2 ? 6 : 4;
}

// ---- text ----

// A URL inside a tag's attribute string: single quotes and backslashes percent-encoded.
std::string attribute_url(const std::string& url) {
    std::string out;
    for (char c : url) {
        if (c == '\'')
            out += "%27";
        else if (c == '\\')
            out += "%5C";
        else if (static_cast<unsigned char>(c) >= 0x20)
            out += c;
    }
    return out;
}

// ---- cairo resources ----

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};

// ---- the display list ----

enum class OpKind { text, line, fill, tag_begin, tag_end, chart };

struct Op {
    OpKind kind = OpKind::text;
    double x = 0, y = 0, x2 = 0, y2 = 0;  // text: x, baseline y; line: ends; fill: corners
    bool bold = false;
    double size = 0;  // font size; a line's width
    Colour colour = kText;
    std::string text;        // the text, or a tag's name
    std::string attributes;  // a tag's attributes
    // chart: the chart (without its title, which is the caption) in the box x, y, x2, y2.
    std::shared_ptr<const LineChart> chart;
};

struct Page {
    std::vector<Op> ops;
};

struct OutlineEntry {
    int level = 1;
    std::string title;
    int page = 1;
    double y = 0;
};

// A laid-out line: fragments of one style each, at x offsets from the line's start.
struct Fragment {
    double x = 0;
    double width = 0;  // without any trailing space
    std::string text;
    bool bold = false;
    std::string link;  // a link's attributes for cairo_tag_begin (see link_attributes); empty: none
};
struct Line {
    std::vector<Fragment> fragments;
};

// Pieces of a word in their runs' styles ("6.3" bold then ":" plain make one word).
struct Piece {
    std::string text;
    bool bold = false;
    std::string link;
};
struct Token {
    enum Kind { word, space, line_break } kind = word;
    std::vector<Piece> pieces;  // word
    bool bold = false;          // space: the style of the run it was in
};

// The page numbers that page references (Run::page_of) print: the pages the anchors landed on
// in the layout before (kUnknownPage in the first layout).
using AnchorPages = std::map<std::string, int>;

// A link's attributes for cairo_tag_begin: a URL, or (for a page reference) a destination.
std::string link_attributes(const Run& run) {
    if (!run.page_of.empty()) return fmt::format("dest='{}'", attribute_url(run.page_of));
    if (!run.link.empty()) return fmt::format("uri='{}'", attribute_url(run.link));
    return {};
}
bool is_url_link(const std::string& attributes) {
    return attributes.starts_with("uri=");
}

// What a page reference prints before the anchors' pages are known (the first layout).
constexpr const char* kUnknownPage = "1";

// Points by which a block may pass the bottom margin and still fit (floating-point rounding).
constexpr double kFitTolerance = 1e-6;

std::vector<Token> tokenize(const Text& text, bool all_bold, const AnchorPages& anchor_pages) {
    std::vector<Token> tokens;
    Token current;
    auto flush = [&] {
        if (!current.pieces.empty()) tokens.push_back(std::move(current));
        current = Token{};
    };
    for (const auto& run : text) {
        bool bold = run.bold || all_bold;
        std::string link = link_attributes(run);
        std::string s;
        if (run.page_of.empty()) {
            s = clean_utf8(run.text);
        } else {
            auto it = anchor_pages.find(run.page_of);
            s = it == anchor_pages.end() ? kUnknownPage : std::to_string(it->second);
        }
        size_t i = 0;
        while (i < s.size()) {
            char c = s[i];
            if (c == '\n') {
                flush();
                tokens.push_back(Token{Token::line_break, {}, bold});
                ++i;
            } else if (c == ' ') {
                flush();
                if (tokens.empty() || tokens.back().kind != Token::space)
                    tokens.push_back(Token{Token::space, {}, bold});
                ++i;
            } else {
                size_t n = char_length(s, i);
                if (current.pieces.empty() || current.pieces.back().bold != bold ||
                    current.pieces.back().link != link)
                    current.pieces.push_back(Piece{"", bold, link});
                current.pieces.back().text.append(s, i, n);
                i += n;
            }
        }
    }
    flush();
    return tokens;
}

bool has_links(const std::vector<Line>& lines) {
    for (const auto& l : lines)
        for (const auto& f : l.fragments)
            if (!f.link.empty()) return true;
    return false;
}

class Layout {
  public:
    Layout(Fonts& fonts, const AnchorPages& anchor_pages)
        : fonts_(fonts), anchor_pages_(anchor_pages) {}

    void run(const Document& d) {
        new_page();
        open("Document");
        for (size_t i = 0; i < d.blocks.size(); ++i) {
            const Block& b = d.blocks[i];
            if (auto* h = std::get_if<Heading>(&b))
                heading(*h, d.blocks, i);
            else if (auto* p = std::get_if<Paragraph>(&b))
                paragraph(*p);
            else if (auto* l = std::get_if<List>(&b))
                list(*l);
            else if (auto* t = std::get_if<Table>(&b))
                table(*t);
            else if (auto* kv = std::get_if<KeyValues>(&b))
                key_values(*kv);
            else if (auto* f = std::get_if<Figure>(&b))
                figure(*f);
            else if (auto* a = std::get_if<Anchor>(&b))
                pending_anchors_.push_back(a->id);
            else if (std::get_if<PageBreak>(&b)) {
                if (!page_empty_) new_page();
                gap_ = 0;
            } else if (auto* s = std::get_if<Spacer>(&b)) {
                gap_ += std::max(0.0, s->points);
            }
        }
        place_anchors();
        close("Document");
    }

    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    AnchorPages anchors;  // the page (from 1) each anchor landed on

  private:
    // ---- wrapping ----

    std::vector<Line> wrap(const Text& text, double max_width, double size, bool all_bold) {
        std::vector<Line> lines(1);
        double x = 0;
        bool space_pending = false;
        bool space_bold = false;
        auto place = [&](const Piece& piece, double gap, double w) {
            auto& frags = lines.back().fragments;
            bool same = !frags.empty() && frags.back().bold == piece.bold &&
                        frags.back().link == piece.link;
            if (same) {
                if (gap > 0) frags.back().text += ' ';
                frags.back().text += piece.text;
                frags.back().width = x + gap + w - frags.back().x;
            } else if (gap > 0 && !frags.empty() && !frags.back().link.empty()) {
                // The space after a link belongs to the text after it, not to the link.
                frags.push_back(Fragment{x + gap, w, piece.text, piece.bold, piece.link});
                frags.back().x = x;
                frags.back().text = " " + piece.text;
                frags.back().width = gap + w;
            } else {
                if (gap > 0 && !frags.empty()) frags.back().text += ' ';
                frags.push_back(Fragment{x + gap, w, piece.text, piece.bold, piece.link});
            }
            x += gap + w;
        };
        for (const auto& token : tokenize(text, all_bold, anchor_pages_)) {
            if (token.kind == Token::line_break) {
                lines.emplace_back();
                x = 0;
                space_pending = false;
                continue;
            }
            if (token.kind == Token::space) {
                if (!lines.back().fragments.empty()) {
                    space_pending = true;
                    space_bold = token.bold;
                }
                continue;
            }
            double word = 0;
            std::vector<double> widths;
            for (const auto& p : token.pieces) {
                widths.push_back(fonts_.width(p.text, p.bold, size));
                word += widths.back();
            }
            double gap = space_pending ? fonts_.width(" ", space_bold, size) : 0;
            space_pending = false;
            if (!lines.back().fragments.empty() && x + gap + word > max_width) {
                // The space stays in the text (for copying and the structure tree), at the end
                // of the line, where it takes no room.
                if (gap > 0) lines.back().fragments.back().text += ' ';
                lines.emplace_back();
                x = 0;
                gap = 0;
            }
            if (word <= max_width) {
                for (size_t k = 0; k < token.pieces.size(); ++k)
                    place(token.pieces[k], k == 0 ? gap : 0, widths[k]);
                continue;
            }
            // Longer than the line: cut between characters.
            for (const auto& p : token.pieces) {
                size_t i = 0;
                while (i < p.text.size()) {
                    size_t n = char_length(p.text, i);
                    Piece ch{p.text.substr(i, n), p.bold, p.link};
                    double w = fonts_.width(ch.text, ch.bold, size);
                    if (x + w > max_width && !lines.back().fragments.empty()) {
                        lines.emplace_back();
                        x = 0;
                    }
                    place(ch, 0, w);
                    i += n;
                }
            }
        }
        return lines;
    }

    // ---- pages and tags ----

    void new_page() {
        pages.emplace_back();
        y_ = kTop;
        page_empty_ = true;
        gap_ = 0;
    }

    void emit(Op op) { pages.back().ops.push_back(std::move(op)); }

    void open(const std::string& name, const std::string& attributes = "") {
        Op op;
        op.kind = OpKind::tag_begin;
        op.text = name;
        op.attributes = attributes;
        emit(std::move(op));
        tags_.push_back(name);
    }

    void close(const std::string& name) {
        if (tags_.empty() || tags_.back() != name)
            throw std::logic_error("pdf_writer: unbalanced tag " + name);
        tags_.pop_back();
        Op op;
        op.kind = OpKind::tag_end;
        op.text = name;
        emit(std::move(op));
    }

    // Starts a block whose first part is `first` high: after the gap owed to the block before,
    // or at the top of the next page when it would not fit.
    void begin_block(double first) {
        // A block that fits to within rounding fits: a heading's keep-with-next sum and the next
        // block's own check add the same heights in a different order.
        if (!page_empty_ && y_ + gap_ + first > kBottom + kFitTolerance)
            new_page();
        else if (!page_empty_)
            y_ += gap_;
        gap_ = 0;
        place_anchors();
    }

    // The anchors met since the last block go where the next block starts (after it has moved
    // to a new page, if it did): a destination at the left margin, level with the block's top.
    void place_anchors() {
        for (const auto& id : pending_anchors_) {
            anchors[id] = static_cast<int>(pages.size());
            Op op;
            op.kind = OpKind::tag_begin;
            op.text = CAIRO_TAG_DEST;
            op.attributes = fmt::format("name='{}' x={:.2f} y={:.2f}", attribute_url(id), kLeft,
                                        std::max(0.0, y_ - 4));
            emit(op);
            op.kind = OpKind::tag_end;
            emit(std::move(op));
        }
        pending_anchors_.clear();
    }

    // Room for a line `height` high; a new page when there is none.
    void need(double height) {
        if (!page_empty_ && y_ + height > kBottom) new_page();
    }

    void rule(double x1, double y1, double x2, double y2, double width, Colour c) {
        Op op;
        op.kind = OpKind::line;
        op.x = x1;
        op.y = y1;
        op.x2 = x2;
        op.y2 = y2;
        op.size = width;
        op.colour = c;
        emit(std::move(op));
    }

    void fill(double x1, double y1, double x2, double y2, Colour c) {
        Op op;
        op.kind = OpKind::fill;
        op.x = x1;
        op.y = y1;
        op.x2 = x2;
        op.y2 = y2;
        op.colour = c;
        emit(std::move(op));
    }

    // One line's fragments with its top at `top`. `spans`: the line is inside a leaf that also
    // has links, so plain fragments get Span elements of their own (see the tagging note).
    // `tagged`: false for decoration (repeated table headers), drawn outside the structure.
    void draw_line(const Line& line, double x, double top, double size, bool spans, bool tagged,
                   Colour colour = kText) {
        double baseline = top + fonts_.baseline(size, size * kLeading);
        for (const auto& f : line.fragments) {
            bool is_link = !f.link.empty() && tagged;
            // URLs are blue and underlined; a page reference looks like the text around it.
            bool url = is_url_link(f.link);
            if (is_link)
                open(CAIRO_TAG_LINK, f.link);
            else if (spans && tagged)
                open("Span");
            Op op;
            op.kind = OpKind::text;
            op.x = x + f.x;
            op.y = baseline;
            op.bold = f.bold;
            op.size = size;
            op.colour = url ? kLink : colour;
            op.text = f.text;
            emit(std::move(op));
            if (url)
                rule(x + f.x, baseline + size * 0.15, x + f.x + f.width, baseline + size * 0.15,
                     0.6, kLink);
            if (is_link)
                close(CAIRO_TAG_LINK);
            else if (spans && tagged)
                close("Span");
        }
        page_empty_ = false;
    }

    // Lines one after another from the cursor, in the open leaf, breaking pages between lines.
    void draw_lines(const std::vector<Line>& lines, double x, double size) {
        double lh = size * kLeading;
        bool spans = has_links(lines);
        for (const auto& line : lines) {
            need(lh);
            draw_line(line, x, y_, size, spans, true);
            y_ += lh;
        }
    }

    // ---- blocks ----

    double lines_height(size_t n, double size) const { return n * size * kLeading; }

    // How much of a block must be on the same page as the heading before it.
    double first_part(const std::vector<Block>& blocks, size_t i, int depth = 0) {
        if (i >= blocks.size() || depth > 3) return 0;
        const Block& b = blocks[i];
        if (auto* h = std::get_if<Heading>(&b)) {
            double size = heading_size(h->level);
            return heading_gap_before(h->level) +
                   lines_height(wrap({plain(h->text)}, kWidth, size, true).size(), size) +
                   heading_gap_after(h->level) + first_part(blocks, i + 1, depth + 1);
        }
        if (auto* p = std::get_if<Paragraph>(&b))
            return lines_height(std::min<size_t>(2, wrap(p->text, kWidth, kBodySize, false).size()),
                                kBodySize);
        if (std::get_if<List>(&b)) return lines_height(1, kBodySize);
        if (auto* t = std::get_if<Table>(&b)) {
            double h = 2 * kCellPadY + lines_height(1, kTableSize);
            return t->rows.empty() ? h : 2 * h;
        }
        if (std::get_if<KeyValues>(&b)) return lines_height(1, kBodySize);
        if (auto* f = std::get_if<Figure>(&b)) return figure_height(*f);
        if (std::get_if<Anchor>(&b)) return first_part(blocks, i + 1, depth);  // takes no room
        return 0;
    }

    void heading(const Heading& h, const std::vector<Block>& blocks, size_t i) {
        int level = std::clamp(h.level, 1, 3);
        double size = heading_size(level);
        auto lines = wrap({plain(h.text)}, kWidth, size, true);
        double own = lines_height(lines.size(), size);
        double keep = own + heading_gap_after(level) + first_part(blocks, i + 1);
        gap_ = std::max(gap_, heading_gap_before(level));
        begin_block(std::min(keep, kBottom - kTop));
        outline.push_back(OutlineEntry{level, clean_utf8(h.outline.empty() ? h.text : h.outline),
                                       static_cast<int>(pages.size()), y_});
        open(fmt::format("H{}", level));
        draw_lines(lines, kLeft, size);
        close(fmt::format("H{}", level));
        gap_ = heading_gap_after(level);
    }

    void paragraph(const Paragraph& p) {
        auto lines = wrap(p.text, kWidth, kBodySize, false);
        begin_block(lines_height(1, kBodySize));
        open("P");
        draw_lines(lines, kLeft, kBodySize);
        close("P");
        gap_ = kParagraphGap;
    }

    void list(const List& l) {
        // Each depth's markers get a column as wide as its widest marker.
        std::map<int, double> label_width;
        std::vector<std::string> labels;
        std::map<int, int> counters;
        for (const auto& item : l.items) {
            int depth = std::max(0, item.depth);
            std::string label = clean_utf8(item.label);
            if (item.continuation) {
                labels.push_back("");
                continue;
            }
            for (auto it = counters.upper_bound(depth); it != counters.end();)
                it = counters.erase(it);
            int n = ++counters[depth];
            if (label.empty()) label = l.numbered ? fmt::format("{}.", n) : "\u2022";
            labels.push_back(label);
            label_width[depth] =
                std::max(label_width[depth], fonts_.width(label, false, kBodySize));
        }
        auto indent = [&](int depth) {
            double x = kLeft;
            for (int d = 0; d < depth; ++d) {
                auto it = label_width.find(d);
                x += (it == label_width.end() ? fonts_.width("\u2022", false, kBodySize)
                                              : it->second) +
                     kLabelGap;
            }
            return x;
        };
        auto text_x = [&](int depth) {
            auto it = label_width.find(depth);
            double w = it == label_width.end() ? 0 : it->second;
            return indent(depth) + w + kLabelGap;
        };

        begin_block(lines_height(1, kBodySize));
        open("L");
        // The open list levels: for each, whether an LI (with its LBody) is open in it.
        std::vector<bool> li_open{false};
        auto end_item = [&] {
            if (li_open.back()) {
                close("LBody");
                close("LI");
                li_open.back() = false;
            }
        };
        auto close_level = [&] {
            end_item();
            li_open.pop_back();
            close("L");
        };
        for (size_t k = 0; k < l.items.size(); ++k) {
            const ListItem& item = l.items[k];
            int depth = std::max(0, item.depth);
            double x = text_x(depth);
            auto lines = wrap(item.text, kLeft + kWidth - x, kBodySize, false);
            if (k > 0 && !page_empty_) y_ += kParagraphGap / 2;
            // Levels deeper than this item end; a deeper item opens a list in the item before.
            while (li_open.size() > static_cast<size_t>(depth) + 1) close_level();
            if (item.continuation && li_open.back()) {
                open("P");
                draw_lines(lines, x, kBodySize);
                close("P");
                continue;
            }
            while (li_open.size() < static_cast<size_t>(depth) + 1) {
                open("L");
                li_open.push_back(false);
            }
            end_item();
            need(lines_height(1, kBodySize));
            open("LI");
            li_open.back() = true;
            if (!labels[k].empty()) {
                open("Lbl");
                Line label;
                label.fragments.push_back(Fragment{0, 0, labels[k], false, {}});
                draw_line(label, indent(depth), y_, kBodySize, false, true);
                close("Lbl");
            }
            open("LBody");
            open("P");
            draw_lines(lines, x, kBodySize);
            close("P");
        }
        while (!li_open.empty()) close_level();
        gap_ = kParagraphGap;
    }

    // Rows of cells side by side (tables and key-value blocks), already wrapped. Each row is
    // `row_tag` with a `cell_tag` per cell (or, when cell_tag is empty, the row is one leaf). A
    // row that does not fit goes to the next page, after `on_new_page` (a table's repeated
    // header, `repeat_height` high); a row taller than a page is split between lines, its rest
    // in a row of its own on the next page.
    struct RowsStyle {
        double size = kBodySize;
        std::string row_tag = "TR";
        std::string cell_tag = "TD";
        bool rules = true;
        double repeat_height = 0;
        std::function<void()> on_new_page;
        // What must follow the last row on its page (a table's notes), where that fits a page.
        double keep_after = 0;
    };

    using WrappedRow = std::vector<std::vector<Line>>;

    static size_t row_lines(const WrappedRow& row) {
        size_t most = 1;
        for (const auto& cell : row) most = std::max(most, cell.size());
        return most;
    }

    void rows(const std::vector<WrappedRow>& wrapped, const std::vector<double>& xs,
              const std::vector<double>& ws, const RowsStyle& style) {
        double lh = lines_height(1, style.size);
        auto lines_in = [&](double room) {
            return room < lh ? size_t{0} : static_cast<size_t>(room / lh + 1e-6);
        };
        size_t page_lines = lines_in(kBottom - kTop - style.repeat_height - 2 * kCellPadY);
        bool fresh = false;  // at the top of a page (under the repeated header)
        auto next_page = [&] {
            new_page();
            if (style.on_new_page) style.on_new_page();
            fresh = true;
        };
        for (size_t r = 0; r < wrapped.size(); ++r) {
            const auto& row = wrapped[r];
            size_t most = row_lines(row);
            size_t done = 0;
            // The last row keeps what follows it on its page, if the two fit on one page.
            double tail = 0;
            if (r + 1 == wrapped.size() &&
                2 * kCellPadY + static_cast<double>(most) * lh + style.keep_after <=
                    kBottom - kTop - style.repeat_height)
                tail = style.keep_after;
            while (done < most) {
                size_t left = most - done;
                size_t room = lines_in(kBottom - tail - y_ - 2 * kCellPadY);
                if (room < left && !fresh && (left <= page_lines || room == 0)) {
                    next_page();
                    continue;
                }
                size_t take = std::min(left, std::max<size_t>(room, 1));
                double top = y_;
                bool leaf_row = style.cell_tag.empty();
                bool row_spans = false;
                if (leaf_row)
                    for (const auto& cell : row) row_spans = row_spans || has_links(cell);
                open(style.row_tag);
                for (size_t c = 0; c < xs.size(); ++c) {
                    if (!leaf_row) open(style.cell_tag);
                    if (c < row.size()) {
                        const auto& lines = row[c];
                        bool spans = leaf_row ? row_spans : has_links(lines);
                        size_t end = std::min(lines.size(), done + take);
                        for (size_t i = done; i < end; ++i) {
                            Line line = lines[i];
                            // Cells of a one-leaf row read as one text: "Date: 4 February 2020".
                            if (leaf_row && i + 1 == lines.size() && c + 1 < row.size() &&
                                !line.fragments.empty())
                                line.fragments.back().text += ' ';
                            draw_line(line, xs[c] + kCellPadX,
                                      top + kCellPadY + static_cast<double>(i - done) * lh,
                                      style.size, spans, true);
                        }
                    }
                    if (!leaf_row) close(style.cell_tag);
                }
                close(style.row_tag);
                y_ = top + 2 * kCellPadY + static_cast<double>(take) * lh;
                if (style.rules) rule(xs.front(), y_, xs.back() + ws.back(), y_, 0.5, kBorder);
                page_empty_ = false;
                fresh = false;
                done += take;
                if (done < most) next_page();
            }
        }
    }

    std::vector<WrappedRow> wrap_rows(const std::vector<std::vector<Text>>& cells,
                                      const std::vector<double>& ws, double size,
                                      const std::vector<bool>& bold_columns = {}) {
        std::vector<WrappedRow> out;
        for (const auto& row : cells) {
            WrappedRow w;
            for (size_t c = 0; c < ws.size() && c < row.size(); ++c)
                w.push_back(wrap(row[c], ws[c] - 2 * kCellPadX, size,
                                 c < bold_columns.size() && bold_columns[c]));
            out.push_back(std::move(w));
        }
        return out;
    }

    void table(const Table& t) {
        size_t columns = t.header.size();
        for (const auto& r : t.rows) columns = std::max(columns, r.size());
        if (columns == 0) return;
        std::vector<double> fractions = t.widths;
        fractions.resize(columns, fractions.empty() ? 1.0 : 0.0);
        double total = 0;
        for (double& f : fractions) total += f = std::max(0.0, f);
        if (total <= 0) fractions.assign(columns, 1.0), total = static_cast<double>(columns);
        std::vector<double> xs, ws;
        double x = kLeft;
        for (double f : fractions) {
            xs.push_back(x);
            ws.push_back(kWidth * f / total);
            x += ws.back();
        }
        double lh = lines_height(1, kTableSize);

        std::vector<std::vector<Line>> header;
        size_t header_lines = 0;
        for (size_t c = 0; c < columns; ++c) {
            header.push_back(c < t.header.size()
                                 ? wrap(t.header[c], ws[c] - 2 * kCellPadX, kTableSize, true)
                                 : std::vector<Line>{});
            header_lines = std::max(header_lines, header.back().size());
        }
        bool has_header = !t.header.empty();
        double header_height = has_header ? 2 * kCellPadY + header_lines * lh : 0;
        auto draw_header = [&](bool tagged) {
            if (!has_header) return;
            double top = y_;
            fill(xs.front(), top, xs.back() + ws.back(), top + header_height, kShade);
            if (tagged) {
                open("THead");
                open("TR");
            }
            for (size_t c = 0; c < columns; ++c) {
                if (tagged) open("TH");
                for (size_t i = 0; i < header[c].size(); ++i)
                    draw_line(header[c][i], xs[c] + kCellPadX, top + kCellPadY + i * lh, kTableSize,
                              tagged && has_links(header[c]), tagged);
                if (tagged) close("TH");
            }
            if (tagged) {
                close("TR");
                close("THead");
            }
            y_ = top + header_height;
            rule(xs.front(), y_, xs.back() + ws.back(), y_, 1, kText);
        };

        std::vector<std::vector<Line>> notes;
        double notes_height = 0;
        for (const auto& note : t.notes) {
            notes.push_back(wrap({plain(note)}, kWidth, kSmallSize, false));
            notes_height += (notes.size() == 1 ? kNoteGap : kNoteGap / 2) +
                            lines_height(notes.back().size(), kSmallSize);
        }

        // The header row and the first row start together (all of it, if it fits on a page).
        auto body = wrap_rows(t.rows, ws, kTableSize);
        double first_row =
            body.empty() ? 0 : 2 * kCellPadY + static_cast<double>(row_lines(body.front())) * lh;
        if (header_height + first_row > kBottom - kTop) first_row = 2 * kCellPadY + lh;
        // A table of one row (or none) starts where its notes fit under it too.
        if (body.size() <= 1 && header_height + first_row + notes_height <= kBottom - kTop)
            first_row += notes_height;
        begin_block(header_height + first_row);
        open("Table");
        draw_header(true);
        if (!body.empty()) {
            open("TBody");
            RowsStyle style;
            style.size = kTableSize;
            style.repeat_height = header_height;
            style.on_new_page = [&] { draw_header(false); };
            style.keep_after = notes_height;
            rows(body, xs, ws, style);
            close("TBody");
        }
        close("Table");
        // The notes (footnotes) under the table in small type, each a paragraph.
        for (size_t i = 0; i < notes.size(); ++i) {
            y_ += i == 0 ? kNoteGap : kNoteGap / 2;
            need(lines_height(1, kSmallSize));
            open("P");
            draw_lines(notes[i], kLeft, kSmallSize);
            close("P");
        }
        gap_ = kParagraphGap * 2;
    }

    // ---- figures ----

    // A chart's caption (its title) and its drawing at the text width, as high as the chart's
    // own width:height ratio makes it (at most what is left of a page under the caption).
    std::vector<Line> caption_lines(const Figure& f) {
        if (f.chart.title.empty()) return {};
        return wrap({bold(f.chart.title)}, kWidth, kBodySize, true);
    }
    double drawing_height(const Figure& f, double caption) const {
        double ratio = f.chart.width > 0 && f.chart.height > 0
                           ? static_cast<double>(f.chart.height) / f.chart.width
                           : 320.0 / 760.0;
        return std::min(kWidth * ratio, kBottom - kTop - caption - kParagraphGap);
    }
    double figure_height(const Figure& f) {
        auto caption = caption_lines(f);
        double c = caption.empty() ? 0 : lines_height(caption.size(), kBodySize) + kParagraphGap;
        return c + drawing_height(f, c);
    }

    // The caption as a Caption element, then the drawing as a Figure element, on one page. (The
    // Caption cannot be inside the Figure: cairo 1.16 would leave the drawing, content of an
    // element with a child, out of the structure tree.)
    void figure(const Figure& f) {
        auto caption = caption_lines(f);
        double c = caption.empty() ? 0 : lines_height(caption.size(), kBodySize) + kParagraphGap;
        double h = drawing_height(f, c);
        begin_block(c + h);
        if (!caption.empty()) {
            open("Caption");
            draw_lines(caption, kLeft, kBodySize);
            close("Caption");
            y_ += kParagraphGap;
        }
        auto chart = std::make_shared<LineChart>(f.chart);
        chart->title.clear();
        open("Figure");
        Op op;
        op.kind = OpKind::chart;
        op.x = kLeft;
        op.y = y_;
        op.x2 = kLeft + kWidth;
        op.y2 = y_ + h;
        op.chart = std::move(chart);
        emit(std::move(op));
        close("Figure");
        y_ += h;
        page_empty_ = false;
        gap_ = kParagraphGap * 2;
    }

    void key_values(const KeyValues& kv) {
        if (kv.rows.empty()) return;
        double key = kWidth * std::clamp(kv.key_width, 0.05, 0.95);
        std::vector<double> xs{kLeft - kCellPadX, kLeft - kCellPadX + key};
        std::vector<double> ws{key, kWidth - key + 2 * kCellPadX};
        std::vector<std::vector<Text>> cells;
        for (const auto& [k, v] : kv.rows) cells.push_back({Text{plain(k)}, v});
        begin_block(lines_height(1, kBodySize));
        RowsStyle style;
        style.row_tag = "P";
        style.cell_tag = "";
        style.rules = false;
        rows(wrap_rows(cells, ws, kBodySize, {kv.bold_keys, false}), xs, ws, style);
        gap_ = kParagraphGap;
    }

    Fonts& fonts_;
    const AnchorPages& anchor_pages_;
    std::vector<std::string> pending_anchors_;
    double y_ = kTop;
    bool page_empty_ = true;
    double gap_ = 0;
    std::vector<std::string> tags_;
};

// ---- painting ----

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void paint(cairo_t* cr, Fonts& fonts, const Op& op) {
    switch (op.kind) {
        case OpKind::text:
            fonts.use(op.bold, op.size);
            set_colour(cr, op.colour);
            cairo_move_to(cr, op.x, op.y);
            cairo_show_text(cr, op.text.c_str());
            break;
        case OpKind::line:
            set_colour(cr, op.colour);
            cairo_set_line_width(cr, op.size);
            cairo_move_to(cr, op.x, op.y);
            cairo_line_to(cr, op.x2, op.y2);
            cairo_stroke(cr);
            break;
        case OpKind::fill:
            set_colour(cr, op.colour);
            cairo_rectangle(cr, op.x, op.y, op.x2 - op.x, op.y2 - op.y);
            cairo_fill(cr);
            break;
        case OpKind::tag_begin:
            cairo_tag_begin(cr, op.text.c_str(), op.attributes.c_str());
            break;
        case OpKind::tag_end:
            cairo_tag_end(cr, op.text.c_str());
            break;
        case OpKind::chart:
            draw_line_chart(cr, *op.chart, op.x, op.y, op.x2 - op.x, op.y2 - op.y);
            break;
    }
}

// "2020-01-27" becomes "2020-01-27T00:00:00Z"; anything else is passed as given.
std::string pdf_date(const std::string& date) {
    if (date.size() == 10 && date[4] == '-' && date[7] == '-') return date + "T00:00:00Z";
    return date;
}

// The anchors' ids, and the anchors page references point at; throws for an anchor that is
// not in the document, a duplicate anchor or an id that is not letters, digits and '-'.
bool check_anchors(const Document& d) {
    std::set<std::string> ids;
    for (const auto& b : d.blocks)
        if (auto* a = std::get_if<Anchor>(&b)) {
            bool valid = !a->id.empty() && std::all_of(a->id.begin(), a->id.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
            });
            if (!valid)
                throw std::runtime_error("The PDF could not be made: the anchor id \"" +
                                         clean_utf8(a->id) +
                                         "\" is not letters, digits and '-' only");
            if (!ids.insert(a->id).second)
                throw std::runtime_error("The PDF could not be made: the anchor \"" + a->id +
                                         "\" is in the document twice");
        }
    bool references = false;
    auto check = [&](const Text& text) {
        for (const auto& run : text) {
            if (run.page_of.empty()) continue;
            references = true;
            if (!ids.count(run.page_of))
                throw std::runtime_error(
                    "The PDF could not be made: a page reference points at "
                    "the anchor \"" +
                    clean_utf8(run.page_of) + "\", which is not in the document");
        }
    };
    for (const auto& b : d.blocks) {
        if (auto* p = std::get_if<Paragraph>(&b)) check(p->text);
        if (auto* l = std::get_if<List>(&b))
            for (const auto& item : l->items) check(item.text);
        if (auto* t = std::get_if<Table>(&b)) {
            for (const auto& cell : t->header) check(cell);
            for (const auto& row : t->rows)
                for (const auto& cell : row) check(cell);
        }
        if (auto* kv = std::get_if<KeyValues>(&b))
            for (const auto& row : kv->rows) check(row.second);
    }
    return references;
}

// Lays the document out. With page references, again with the pages the anchors landed on
// until they land where the page numbers printed say (a page number's width can move what
// follows it), at most kMaxPasses times.
constexpr int kMaxPasses = 4;
std::unique_ptr<Layout> lay_out(const Document& document, Fonts& fonts, AnchorPages& anchor_pages) {
    bool references = check_anchors(document);
    anchor_pages.clear();
    std::unique_ptr<Layout> layout;
    for (int pass = 1; pass <= kMaxPasses; ++pass) {
        layout = std::make_unique<Layout>(fonts, anchor_pages);
        layout->run(document);
        if (!references || (pass > 1 && layout->anchors == anchor_pages)) break;
        if (pass < kMaxPasses) anchor_pages = layout->anchors;
    }
    return layout;
}

struct Made {
    std::string bytes;
    AnchorPages anchors;
};

Made make_pdf(const Document& document) {
    Made made;
    std::string& out = made.bytes;
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
        cairo_pdf_surface_create_for_stream(append_to_string, &out, kPageWidth, kPageHeight));
    std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    cairo_surface_t* s = surface.get();
    auto meta = [&](cairo_pdf_metadata_t key, const std::string& value) {
        std::string v = clean_utf8(value);
        if (!v.empty()) cairo_pdf_surface_set_metadata(s, key, v.c_str());
    };
    meta(CAIRO_PDF_METADATA_TITLE, document.title);
    meta(CAIRO_PDF_METADATA_AUTHOR, document.author);
    meta(CAIRO_PDF_METADATA_SUBJECT, document.subject);
    meta(CAIRO_PDF_METADATA_CREATOR, "scrutineer");
    meta(CAIRO_PDF_METADATA_CREATE_DATE, pdf_date(document.created));

    Fonts fonts(cr.get());
    AnchorPages used;  // the page numbers the page references print
    std::unique_ptr<Layout> laid_out = lay_out(document, fonts, used);
    Layout& layout = *laid_out;
    made.anchors = layout.anchors;

    std::string header = clean_utf8(document.header);
    std::string footer = clean_utf8(document.footer);
    size_t count = layout.pages.size();
    for (size_t i = 0; i < count; ++i) {
        if (i > 0) cairo_show_page(cr.get());
        for (const auto& op : layout.pages[i].ops) paint(cr.get(), fonts, op);
        // The running header and the footer, outside the structure tree (see the note above).
        fonts.use(false, kSmallSize);
        set_colour(cr.get(), kSecondary);
        if (!header.empty()) {
            cairo_move_to(cr.get(), kLeft, kHeaderBaseline);
            cairo_show_text(cr.get(), header.c_str());
        }
        if (!footer.empty()) {
            cairo_move_to(cr.get(), kLeft, kFooterBaseline);
            cairo_show_text(cr.get(), footer.c_str());
        }
        std::string number = fmt::format("Page {} of {}", i + 1, count);
        cairo_move_to(cr.get(), kLeft + kWidth - fonts.width(number, false, kSmallSize),
                      kFooterBaseline);
        cairo_show_text(cr.get(), number.c_str());
    }

    // The outline: each heading under the last heading of a higher level before it.
    std::map<int, int> parents;  // level -> outline id of the last entry at that level
    for (const auto& e : layout.outline) {
        int parent = CAIRO_PDF_OUTLINE_ROOT;
        for (int level = e.level - 1; level >= 1; --level)
            if (auto it = parents.find(level); it != parents.end()) {
                parent = it->second;
                break;
            }
        std::string dest = fmt::format("page={} pos=[{:.2f} {:.2f}]", e.page, kLeft, e.y);
        int id = cairo_pdf_surface_add_outline(
            s, parent, e.title.c_str(), dest.c_str(),
            e.level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0));
        parents[e.level] = id;
        for (auto it = parents.upper_bound(e.level); it != parents.end();) it = parents.erase(it);
    }

    cairo_status_t status = cairo_status(cr.get());
    cr.reset();
    cairo_surface_finish(s);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(s);
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("The PDF could not be made: ") +
                                 cairo_status_to_string(status));
    return made;
}

}  // namespace

std::string render_pdf(const Document& document) {
    return make_pdf(document).bytes;
}

std::map<std::string, int> pdf_anchor_pages(const Document& document) {
    return make_pdf(document).anchors;
}

}  // namespace scrutineer
