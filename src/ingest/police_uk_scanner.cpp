// The police.uk scanner is hand-written rather than built on a general CSV library because it
// is the whole cost of computing national tables (~20 million rows, ~4 GB): issue #2 asks for
// that in under 2.8 s on two cores, and no CSV parser packaged in Debian comes near 1 GB/s per
// core. It classifies 64 bytes at a time with SSE2 into comma / quote / newline bit masks
// (the technique of simdjson and simdcsv), masks out separators inside quotes with a prefix
// XOR, and then visits only the separators. Rows are checked for their field count and the
// needed fields are validated; anything else is rejected with the file and line.
#include "scrutineer/police_uk_scanner.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cstring>

#include "scrutineer/input_error.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace scrutineer {
namespace {

constexpr size_t kFields = 12;
constexpr size_t kMonthField = 1, kForceField = 3, kLsoaCodeField = 7, kLsoaNameField = 8,
                 kTypeField = 9;
constexpr std::array<const char*, kFields> kFieldNames = {"Crime ID",
                                                          "Month",
                                                          "Reported by",
                                                          "Falls within",
                                                          "Longitude",
                                                          "Latitude",
                                                          "Location",
                                                          "LSOA code",
                                                          "LSOA name",
                                                          "Crime type",
                                                          "Last outcome category",
                                                          "Context"};

struct Masks {
    uint64_t comma, quote, newline;
};

inline Masks classify(const char* p) {
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                  newline = _mm_set1_epi8('\n');
    Masks m{0, 0, 0};
    for (int i = 0; i < 4; ++i) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
        m.comma |= static_cast<uint64_t>(
                       static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma))))
                   << (16 * i);
        m.quote |= static_cast<uint64_t>(
                       static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote))))
                   << (16 * i);
        m.newline |= static_cast<uint64_t>(
                         static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline))))
                     << (16 * i);
    }
    return m;
#else
    Masks m{0, 0, 0};
    for (int i = 0; i < 64; ++i) {
        uint64_t bit = uint64_t{1} << i;
        if (p[i] == ',')
            m.comma |= bit;
        else if (p[i] == '"')
            m.quote |= bit;
        else if (p[i] == '\n')
            m.newline |= bit;
    }
    return m;
#endif
}

// Bit i of the result is the XOR of bits 0..i: 1 from an opening quote up to its closing one.
inline uint64_t prefix_xor(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

class Scanner {
  public:
    Scanner(const LsoaLookup* lookup, FileTally& out) : lookup_(lookup), out_(out) {
        if (out_.places.empty()) out_.places.emplace_back();
    }

    // Counts the complete rows of `text`, which begins at the start of a row (see
    // PoliceUkScanner::scan). Offsets below are into `text`.
    size_t run(std::string_view text, bool last) {
        text_ = text;
        field_ = field_start_ = record_begin_ = record_start_ = 0;
        const char* base = text_.data();
        const size_t n = text_.size();
        uint64_t in_quote = 0;  // all ones while inside a quoted field across blocks
        size_t i = 0;
        alignas(64) char tail[64];
        for (; i < n; i += 64) {
            const char* block = base + i;
            if (n - i < 64) {
                std::memset(tail, 0, sizeof tail);
                std::memcpy(tail, base + i, n - i);
                block = tail;
            }
            Masks m = classify(block);
            uint64_t inside = prefix_xor(m.quote) ^ in_quote;
            in_quote = static_cast<uint64_t>(static_cast<int64_t>(inside) >> 63);
            uint64_t seps = (m.comma | m.newline) & ~inside;
            if (m.quote) saw_quote_ = true;
            while (seps) {
                size_t pos = i + static_cast<size_t>(__builtin_ctzll(seps));
                end_field(pos);
                if (base[pos] == '\n') end_record(pos);
                seps &= seps - 1;
            }
        }
        if (!last) {
            // The row not ended here is given again, at the start of the next text.
            lines_before_ += static_cast<size_t>(std::count(base, base + record_begin_, '\n'));
            return record_begin_;
        }
        if (in_quote) fail(n, "", "a quoted field is not closed before the end of the file");
        if (field_ > 0 || field_start_ < n) {  // last line without a newline
            end_field(n);
            end_record(n);
        }
        if (!header_seen_) fail(0, "", "the file is empty: expected the police.uk header");
        if (out_.rows == 0) throw InputError(out_.source, 0, "", "has no rows of crimes");
        return n;
    }

    size_t line() const { return lines_before_ + 1; }

  private:
    void end_field(size_t pos) {
        if (field_ < kFields) {
            fields_[field_] = std::string_view(text_.data() + field_start_, pos - field_start_);
        }
        ++field_;
        field_start_ = pos + 1;
    }

    void end_record(size_t pos) {
        size_t count = field_;
        field_ = 0;
        record_start_ = record_begin_;
        record_begin_ = pos + 1;
        // A line may end in \r\n (police.uk publishes some months so), or in \r\r\n (such a
        // file converted to CRLF again, or saved by a Windows program in text mode): the \r
        // are the line's end, not its last field's text (police.uk quotes a field that holds one).
        if (count <= kFields) {
            std::string_view& last = fields_[count - 1];
            while (!last.empty() && last.back() == '\r') last.remove_suffix(1);
        }
        if (count == 1 && fields_[0].empty()) return;  // blank line
        if (count != kFields)
            fail(record_start_, "", fmt::format("expected {} fields, found {}", kFields, count));
        if (!header_seen_) {
            check_header();
            return;
        }
        count_row();
    }

    void check_header() {
        header_seen_ = true;
        std::string_view first = fields_[0];
        if (first.substr(0, 3) == "\xEF\xBB\xBF") first.remove_prefix(3);  // UTF-8 BOM
        for (size_t f = 0; f < kFields; ++f) {
            std::string_view got = f == 0 ? first : fields_[f];
            if (got != kFieldNames[f])
                fail(record_start_, "",
                     fmt::format("not a police.uk street-level file: header column {} is '{}', "
                                 "expected '{}'",
                                 f + 1, got, kFieldNames[f]));
        }
    }

    // A needed field, without its quotes if it has them.
    std::string_view field(size_t f) {
        std::string_view v = fields_[f];
        if (!saw_quote_ || v.empty() || v.front() != '"') return v;
        if (v.size() < 2 || v.back() != '"')
            fail(record_start_, kFieldNames[f], "text after a closing quote");
        std::string& s = unquoted_[f];
        s.clear();
        for (size_t i = 1; i + 1 < v.size(); ++i) {
            s += v[i];
            if (v[i] == '"') ++i;  // "" is one quote
        }
        return s;
    }

    void count_row() {
        std::string_view month_text = field(kMonthField);
        if (month_text != last_month_text_) {
            auto m = parse_month(month_text);
            if (!m)
                fail(record_start_, "Month",
                     fmt::format("'{}' is not a month (YYYY-MM)", month_text));
            last_month_text_.assign(month_text);
            month_ = *m;
            block_ = nullptr;
        }
        std::string_view force = field(kForceField);
        if (force.empty()) fail(record_start_, "Falls within", "is empty");
        if (force != last_force_) {
            force_ = intern(out_.forces, force);
            last_force_.assign(force);
            block_ = nullptr;
        }
        std::string_view type = field(kTypeField);
        if (type.empty()) fail(record_start_, "Crime type", "is empty");
        uint32_t t = last_type_ < out_.types.size() && out_.types[last_type_] == type
                         ? last_type_
                         : intern(out_.types, type);
        last_type_ = t;
        std::string_view lsoa_name = field(kLsoaNameField);
        if (lsoa_name != last_lsoa_name_) {
            last_lsoa_name_.assign(lsoa_name);
            place_ = place_of(field(kLsoaCodeField), lsoa_name);
        } else if (lookup_) {
            std::string_view code = field(kLsoaCodeField);
            if (code != last_lsoa_code_) place_ = place_of(code, lsoa_name);
        }
        if (!block_) block_ = &block_for(force_, month_);
        auto& row = block_->counts;
        if (row.size() <= place_) row.resize(place_ + 1);
        auto& cell = row[place_];
        if (cell.size() <= t) cell.resize(t + 1, 0);
        ++cell[t];
        ++out_.rows;
    }

    uint32_t place_of(std::string_view code, std::string_view name) {
        last_lsoa_code_.assign(code);
        if (lookup_ && !code.empty()) {
            auto it = lookup_->district_of.find(code);
            if (it != lookup_->district_of.end()) return intern_place(it->second);
        }
        if (name.empty()) return 0;
        size_t space = name.rfind(' ');
        std::string_view prefix = space == std::string_view::npos ? name : name.substr(0, space);
        return intern_place(prefix);
    }

    uint32_t intern_place(std::string_view place) {
        auto it = place_index_.find(place);
        if (it != place_index_.end()) return it->second;
        uint32_t id = static_cast<uint32_t>(out_.places.size());
        out_.places.emplace_back(place);
        place_index_.emplace(std::string(place), id);
        return id;
    }

    static uint32_t intern(std::vector<std::string>& names, std::string_view name) {
        for (size_t i = 0; i < names.size(); ++i)
            if (names[i] == name) return static_cast<uint32_t>(i);
        names.emplace_back(name);
        return static_cast<uint32_t>(names.size() - 1);
    }

    FileTally::Block& block_for(uint32_t force, Month month) {
        for (auto& b : out_.blocks)
            if (b.force == force && b.month == month) return b;
        out_.blocks.push_back(FileTally::Block{force, month, {}});
        return out_.blocks.back();
    }

    [[noreturn]] void fail(size_t offset, const std::string& field, const std::string& problem) {
        size_t line = lines_before_ + 1;
        for (size_t i = 0; i < offset && i < text_.size(); ++i)
            if (text_[i] == '\n') ++line;
        throw InputError(out_.source, line, field, problem);
    }

    std::string_view text_;
    const LsoaLookup* lookup_;
    FileTally& out_;
    std::array<std::string_view, kFields> fields_{};
    std::array<std::string, kFields> unquoted_{};
    size_t field_ = 0, field_start_ = 0, record_begin_ = 0, record_start_ = 0;
    size_t lines_before_ = 0;  // lines in the texts given before this one
    bool header_seen_ = false, saw_quote_ = false;
    std::string last_month_text_, last_force_, last_lsoa_name_, last_lsoa_code_;
    Month month_;
    uint32_t force_ = 0, place_ = 0, last_type_ = 0;
    FileTally::Block* block_ = nullptr;
    std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> place_index_;
};

}  // namespace

struct PoliceUkScanner::State : Scanner {
    using Scanner::Scanner;
};

PoliceUkScanner::PoliceUkScanner(const LsoaLookup* lookup, FileTally& out)
    : out_(out), state_(std::make_unique<State>(lookup, out)) {}

PoliceUkScanner::~PoliceUkScanner() = default;

size_t PoliceUkScanner::scan(std::string_view text, size_t new_bytes, bool last) {
    out_.bytes += new_bytes;
    return state_->run(text, last);
}

size_t PoliceUkScanner::line() const {
    return state_->line();
}

void scan_police_uk(std::string_view text, const LsoaLookup* lookup, FileTally& out) {
    PoliceUkScanner(lookup, out).scan(text, text.size(), true);
}

}  // namespace scrutineer
