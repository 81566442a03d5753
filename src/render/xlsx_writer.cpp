#include "scrutineer/xlsx_writer.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "scrutineer/valid_utf8.hpp"

namespace scrutineer {

namespace {

constexpr size_t kMaxSheetName = 31;         // Excel's limit, in UTF-16 code units
constexpr double kMaxColumnWidth = 60;       // characters
constexpr double kMinColumnWidth = 6;        // characters
constexpr time_t kFixedCreated = 946684800;  // 2000-01-01T00:00:00Z, when the document has none

// `s` (valid UTF-8) cut to at most `limit` UTF-16 code units, never inside a character.
std::string cut_to(const std::string& s, size_t limit) {
    size_t units = 0, i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        size_t u = len == 4 ? 2 : 1;
        if (units + u > limit) break;
        units += u;
        i += len;
    }
    return s.substr(0, i);
}

// ASCII letters folded to lower case: Excel's sheet names clash ignoring case.
std::string folded(const std::string& s) {
    std::string out = s;
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Text for a cell: valid UTF-8, without the control characters XML 1.0 cannot carry ('\n' and
// tabs stay).
std::string cell_text(const std::string& s) {
    std::string out = valid_utf8(s);
    std::erase_if(out, [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 && c != '\n' && c != '\t';
    });
    return out;
}

// The width in characters of the widest line of `s`.
double text_width(const std::string& s) {
    size_t widest = 0, line = 0;
    for (unsigned char c : s) {
        if (c == '\n') {
            widest = std::max(widest, line);
            line = 0;
        } else if ((c & 0xC0) != 0x80) {
            ++line;
        }
    }
    return static_cast<double>(std::max(widest, line));
}

// Document::created as a time: "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDThh:mm:ssZ".
time_t created_time(const std::string& created) {
    if (created.empty()) return kFixedCreated;
    auto bad = [&] {
        return std::runtime_error(
            fmt::format("XLSX: the document's creation date \"{}\" is not YYYY-MM-DD or "
                        "YYYY-MM-DDThh:mm:ssZ",
                        created));
    };
    auto digits = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i) {
            if (created[i] < '0' || created[i] > '9') throw bad();
            v = v * 10 + (created[i] - '0');
        }
        return v;
    };
    bool with_time = created.size() == 20;
    if (created.size() != 10 && !with_time) throw bad();
    if (created[4] != '-' || created[7] != '-') throw bad();
    std::tm tm{};
    tm.tm_year = digits(0, 4) - 1900;
    tm.tm_mon = digits(5, 2) - 1;
    tm.tm_mday = digits(8, 2);
    if (with_time) {
        if (created[10] != 'T' || created[13] != ':' || created[16] != ':' || created[19] != 'Z')
            throw bad();
        tm.tm_hour = digits(11, 2);
        tm.tm_min = digits(14, 2);
        tm.tm_sec = digits(17, 2);
    }
    if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
        throw bad();
    std::tm check = tm;
    time_t t = timegm(&check);
    if (check.tm_mday != tm.tm_mday) throw bad();  // 31 April and the like
    return t;
}

// A table and the heading text above it (its title row).
struct PlacedTable {
    const doc::Table* table;
    std::string title;
};

struct Sheet {
    std::string name;
    std::vector<PlacedTable> tables;
};

// The sheets in order of first use, with their tables.
std::vector<Sheet> plan_sheets(const doc::Document& d) {
    std::vector<Sheet> sheets;
    std::map<std::string, size_t> by_wanted;  // the name a table asked for -> its sheet
    std::set<std::string> taken{"history"};   // Excel reserves "History"
    std::string heading;
    bool any_heading = false;
    for (const auto& block : d.blocks) {
        if (const auto* h = std::get_if<doc::Heading>(&block)) {
            heading = h->text;
            any_heading = true;
            continue;
        }
        const auto* t = std::get_if<doc::Table>(&block);
        if (!t) continue;
        std::string wanted = !t->sheet.empty()  ? t->sheet
                             : any_heading      ? heading
                             : !d.title.empty() ? d.title
                                                : std::string("Tables");
        auto found = by_wanted.find(wanted);
        if (found == by_wanted.end()) {
            std::string base = excel_sheet_name(wanted);
            std::string name = base;
            for (int n = 2; taken.count(folded(name)); ++n) {
                std::string suffix = fmt::format(" ({})", n);
                name = cut_to(base, kMaxSheetName - suffix.size()) + suffix;
            }
            taken.insert(folded(name));
            found = by_wanted.emplace(wanted, sheets.size()).first;
            sheets.push_back(Sheet{name, {}});
        }
        sheets[found->second].tables.push_back(PlacedTable{t, any_heading ? heading : ""});
    }
    return sheets;
}

// A fresh temporary file, removed when this goes.
class TempFile {
  public:
    TempFile() {
        const char* dir = std::getenv("TMPDIR");
        dir_ = dir && *dir ? dir : "/tmp";
        std::string pattern = dir_ + "/scrutineer-xlsx-XXXXXX";
        std::vector<char> buf(pattern.begin(), pattern.end());
        buf.push_back('\0');
        int fd = mkstemp(buf.data());
        if (fd < 0)
            throw std::runtime_error(
                fmt::format("XLSX: cannot create a temporary file in {}", dir_));
        close(fd);
        path_ = buf.data();
    }
    ~TempFile() { std::remove(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }
    const std::string& dir() const { return dir_; }

  private:
    std::string dir_, path_;
};

void check(lxw_error e, const std::string& what) {
    if (e != LXW_NO_ERROR)
        throw std::runtime_error(fmt::format("XLSX: {}: {}", what, lxw_strerror(e)));
}

// Writes the workbook's sheets; owns the formats.
class Writer {
  public:
    explicit Writer(lxw_workbook* wb) : wb_(wb) {
        title_ = workbook_add_format(wb_);
        format_set_bold(title_);
        format_set_font_size(title_, 12);
        header_ = workbook_add_format(wb_);
        format_set_bold(header_);
        format_set_bottom(header_, LXW_BORDER_THIN);
        format_set_text_wrap(header_);
        format_set_align(header_, LXW_ALIGN_VERTICAL_BOTTOM);
        header_numeric_ = workbook_add_format(wb_);
        format_set_bold(header_numeric_);
        format_set_bottom(header_numeric_, LXW_BORDER_THIN);
        format_set_text_wrap(header_numeric_);
        format_set_align(header_numeric_, LXW_ALIGN_RIGHT);
        format_set_align(header_numeric_, LXW_ALIGN_VERTICAL_BOTTOM);
        wrap_ = workbook_add_format(wb_);
        format_set_text_wrap(wrap_);
        format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
        bold_ = workbook_add_format(wb_);
        format_set_bold(bold_);
        note_ = workbook_add_format(wb_);
        format_set_italic(note_);
    }

    void sheet(const Sheet& s) {
        check(workbook_validate_sheet_name(wb_, s.name.c_str()),
              fmt::format("sheet name \"{}\"", s.name));
        lxw_worksheet* ws = workbook_add_worksheet(wb_, s.name.c_str());
        if (!ws) throw std::runtime_error(fmt::format("XLSX: cannot add sheet \"{}\"", s.name));
        name_ = s.name;
        widths_.clear();
        lxw_row_t row = 0;
        for (size_t i = 0; i < s.tables.size(); ++i) {
            if (i > 0) ++row;  // a blank row between tables
            lxw_row_t header_row = table(ws, row, s.tables[i]);
            if (s.tables.size() == 1) worksheet_freeze_panes(ws, header_row + 1, 0);
        }
        for (size_t c = 0; c < widths_.size(); ++c) {
            double w = std::clamp(widths_[c] + 2, kMinColumnWidth, kMaxColumnWidth);
            auto col = static_cast<lxw_col_t>(c);
            check(worksheet_set_column(ws, col, col, w, nullptr), where(0, c));
        }
    }

    void no_tables() {
        lxw_worksheet* ws = workbook_add_worksheet(wb_, "Sheet1");
        if (!ws) throw std::runtime_error("XLSX: cannot add sheet \"Sheet1\"");
        check(worksheet_write_string(ws, 0, 0, "This document has no tables.", nullptr),
              "sheet \"Sheet1\"");
    }

  private:
    std::string where(lxw_row_t row, size_t col) const {
        char cell[32];
        lxw_rowcol_to_cell(cell, row, static_cast<lxw_col_t>(std::min<size_t>(col, 16383)));
        return fmt::format("sheet \"{}\", cell {}", name_, cell);
    }

    void text(lxw_worksheet* ws, lxw_row_t row, size_t col, const std::string& raw,
              lxw_format* format) {
        std::string s = cell_text(raw);
        if (s.empty()) {
            if (format)
                check(worksheet_write_blank(ws, row, static_cast<lxw_col_t>(col), format),
                      where(row, col));
            return;
        }
        if (!format && s.find('\n') != std::string::npos) format = wrap_;
        check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(col), s.c_str(), format),
              where(row, col));
    }

    void widen(size_t col, const std::string& s) {
        if (col >= widths_.size()) widths_.resize(col + 1, 0);
        widths_[col] = std::max(widths_[col], text_width(s));
    }

    lxw_format* number_format(const std::string& f) {
        if (f.empty()) return nullptr;
        auto found = formats_.find(f);
        if (found != formats_.end()) return found->second;
        lxw_format* format = workbook_add_format(wb_);
        format_set_num_format(format, f.c_str());
        formats_.emplace(f, format);
        return format;
    }

    static bool all_bold(const doc::Text& t) {
        if (t.empty()) return false;
        for (const auto& r : t)
            if (!r.bold && !r.text.empty()) return false;
        return true;
    }

    // Writes the table from `row`; returns its header row.
    lxw_row_t table(lxw_worksheet* ws, lxw_row_t& row, const PlacedTable& p) {
        const doc::Table& t = *p.table;
        if (!p.title.empty()) text(ws, row++, 0, p.title, title_);
        auto number_at = [&](size_t r, size_t c) -> std::optional<double> {
            if (r >= t.numbers.size() || c >= t.numbers[r].size()) return std::nullopt;
            auto v = t.numbers[r][c];
            if (v && !std::isfinite(*v)) return std::nullopt;  // Excel has no NaN or infinity
            return v;
        };
        std::vector<bool> numeric(t.header.size(), false);
        for (size_t r = 0; r < t.rows.size(); ++r)
            for (size_t c = 0; c < t.header.size(); ++c)
                if (number_at(r, c)) numeric[c] = true;
        lxw_row_t header_row = row;
        for (size_t c = 0; c < t.header.size(); ++c) {
            std::string s = doc::text_of(t.header[c]);
            text(ws, row, c, s, numeric[c] ? header_numeric_ : header_);
            widen(c, s);
        }
        ++row;
        for (size_t r = 0; r < t.rows.size(); ++r, ++row) {
            const auto& cells = t.rows[r];
            for (size_t c = 0; c < cells.size(); ++c) {
                std::string s = doc::text_of(cells[c]);
                widen(c, s);
                if (auto v = number_at(r, c)) {
                    const std::string* fmt =
                        c < t.number_formats.size() ? &t.number_formats[c] : nullptr;
                    if (r < t.cell_formats.size() && c < t.cell_formats[r].size() &&
                        !t.cell_formats[r][c].empty())
                        fmt = &t.cell_formats[r][c];  // this cell's own format
                    lxw_format* f = number_format(fmt ? *fmt : std::string());
                    check(worksheet_write_number(ws, row, static_cast<lxw_col_t>(c), *v, f),
                          where(row, c));
                } else {
                    text(ws, row, c, s, all_bold(cells[c]) ? bold_ : nullptr);
                }
            }
        }
        for (const auto& note : t.notes) text(ws, row++, 0, note, note_);
        return header_row;
    }

    lxw_workbook* wb_;
    lxw_format *title_, *header_, *header_numeric_, *wrap_, *bold_, *note_;
    std::map<std::string, lxw_format*> formats_;
    std::string name_;
    std::vector<double> widths_;
};

struct WorkbookFree {
    void operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }
};

}  // namespace

std::string excel_sheet_name(const std::string& wanted) {
    std::string s = valid_utf8(wanted);
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) continue;
        if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\')
            out += '-';
        else
            out += c;
    }
    auto first = out.find_first_not_of("' ");
    if (first == std::string::npos) return "Sheet";
    out.erase(0, first);
    out = cut_to(out, kMaxSheetName);
    while (!out.empty() && (out.back() == '\'' || out.back() == ' ')) out.pop_back();
    return out.empty() ? "Sheet" : out;
}

std::string render_xlsx(const doc::Document& d) {
    time_t created = created_time(d.created);
    std::vector<Sheet> sheets = plan_sheets(d);

    // libxlsxwriter writes only to a named file (and its own temporary files in tmpdir).
    TempFile file;
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    std::vector<char> tmpdir(file.dir().begin(), file.dir().end());
    tmpdir.push_back('\0');
    options.tmpdir = tmpdir.data();
    std::unique_ptr<lxw_workbook, WorkbookFree> wb(workbook_new_opt(file.path().c_str(), &options));
    if (!wb) throw std::runtime_error("XLSX: libxlsxwriter could not create a workbook");

    std::string title = cell_text(d.title), author = cell_text(d.author),
                subject = cell_text(d.subject);
    std::vector<char> t(title.begin(), title.end()), a(author.begin(), author.end()),
        s(subject.begin(), subject.end());
    t.push_back('\0');
    a.push_back('\0');
    s.push_back('\0');
    lxw_doc_properties properties{};
    properties.title = title.empty() ? nullptr : t.data();
    properties.author = author.empty() ? nullptr : a.data();
    properties.subject = subject.empty() ? nullptr : s.data();
    properties.created = created;
    check(workbook_set_properties(wb.get(), &properties), "workbook properties");

    Writer writer(wb.get());
    if (sheets.empty()) writer.no_tables();
    for (const auto& sheet : sheets) writer.sheet(sheet);

    lxw_error closed = workbook_close(wb.release());  // frees the workbook, whatever happens
    check(closed, "writing the workbook");

    std::ifstream in(file.path(), std::ios::binary);
    if (!in) throw std::runtime_error("XLSX: cannot read back the temporary file " + file.path());
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

}  // namespace scrutineer
