#include "scrutineer/police_uk_import.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "scrutineer/fraction.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/police_uk.hpp"

namespace scrutineer {
namespace {

// Whether two inputs' texts are the same, read a piece at a time (so in bounded memory).
bool same_text(const InputFile& a, const InputFile& b) {
    TextReader ra(a), rb(b);
    constexpr size_t kPiece = 1 << 20;
    std::vector<char> pa(kPiece), pb(kPiece);
    for (;;) {
        size_t na = ra.read(pa.data(), kPiece), nb = rb.read(pb.data(), kPiece);
        if (na != nb || std::memcmp(pa.data(), pb.data(), na) != 0) return false;
        if (na == 0) return true;
    }
}

// The month a police.uk file's name says it holds (YYYY-MM-<force>-street.csv, or YYYY-MM.csv),
// if it says one.
std::optional<Month> month_named(const InputFile& input) {
    std::string name = input.kind == InputFile::Kind::zip_entry ? input.entry : input.path;
    size_t slash = name.find_last_of('/');
    if (slash != std::string::npos) name.erase(0, slash + 1);
    if (name.size() < 8 || (name[7] != '-' && name[7] != '.')) return std::nullopt;
    return parse_month(std::string_view(name).substr(0, 7));
}

// A warning when a file's rows are not of the one month its name says, or are of more than one
// month (a police.uk file holds one force's month); "" when they are.
std::string month_warning(const InputFile& input, const FileTally& t) {
    std::map<Month, uint64_t> rows;
    for (const auto& b : t.blocks)
        for (const auto& place : b.counts)
            for (uint32_t c : place) rows[b.month] += c;
    std::optional<Month> named = month_named(input);
    bool other = named && !rows.count(*named);  // not the month named at all
    if (rows.size() <= 1 && !other) return "";
    std::string months;
    size_t shown = 0;
    for (const auto& [m, n] : rows) {
        if (shown == 6) {
            months += fmt::format(", and {} more", rows.size() - shown);
            break;
        }
        months +=
            fmt::format("{}{}: {} row{}", shown++ ? ", " : "", to_string(m), n, n == 1 ? "" : "s");
    }
    std::string what = rows.size() == 1
                           ? fmt::format("its rows are for {}", to_string(rows.begin()->first))
                           : fmt::format(
                                 "holds rows of {} months ({}); a police.uk file holds "
                                 "one month",
                                 rows.size(), months);
    if (other)
        return fmt::format("Warning: {} is named for {}, but {}", t.source, to_string(*named),
                           what);
    return fmt::format("Warning: {} {}", t.source, what);
}

// Scans every input on `threads` threads; returns one tally per input, in input order.
std::vector<FileTally> scan_all(const std::vector<InputFile>& inputs,
                                const PoliceUkImportOptions& options) {
    std::vector<FileTally> tallies(inputs.size());
    std::vector<size_t> order(inputs.size());
    std::iota(order.begin(), order.end(), 0);
    // Largest first, so that the last files to finish are small ones.
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return inputs[a].size > inputs[b].size; });
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(inputs.size())));

    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;  // guards errors and progress
    std::vector<std::pair<size_t, std::exception_ptr>> errors;
    size_t done = 0;
    uint64_t bytes_done = 0;

    auto work = [&] {
        TextBuffer own;
        TextBuffer& buffer = options.buffer && threads == 1 ? *options.buffer : own;
        buffer.reserve(text_buffer_bytes(inputs));  // once, rather than growing file by file
        for (;;) {
            size_t k = next.fetch_add(1);
            if (k >= order.size() || failed.load()) return;
            size_t i = order[k];
            try {
                tallies[i].source = inputs[i].display_name();
                std::function<void(std::string_view)> on_piece;
                if (options.on_text_piece)
                    on_piece = [&](std::string_view piece) { options.on_text_piece(i, piece); };
                scan_police_uk_input(inputs[i], buffer, options.lookup, tallies[i], on_piece);
            } catch (...) {
                std::lock_guard lock(mutex);
                errors.emplace_back(i, std::current_exception());
                failed = true;
                return;
            }
            if (options.progress) {
                std::lock_guard lock(mutex);
                ++done;
                bytes_done += tallies[i].bytes;
                options.progress(done, inputs.size(), bytes_done);
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (!errors.empty()) {
        // Report the first failing file in input order, whichever thread met it first.
        auto first = std::min_element(errors.begin(), errors.end(),
                                      [](auto& a, auto& b) { return a.first < b.first; });
        std::rethrow_exception(first->second);
    }
    return tallies;
}

struct ForceAccumulator {
    std::vector<std::string> places;  // local place names; 0 = no location
    std::unordered_map<std::string, size_t> place_index;
    std::map<Month, std::vector<std::vector<uint64_t>>> months;  // month -> [place][type]
};

}  // namespace

std::string fold_place_name(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        // U+2019 (right single quotation mark) is written as an apostrophe.
        if (i + 2 < s.size() && s.substr(i, 3) == "\xE2\x80\x99") {
            out += '\'';
            i += 2;
            continue;
        }
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    }
    return out;
}

namespace {

// Reads a file with `read` (up to n bytes to p; 0 at its end) into `buffer` and counts it, at
// most `piece` bytes at a time. `size`: the file's size if known, else 0.
void scan_pieces(const std::function<size_t(char*, size_t)>& read, uint64_t size,
                 TextBuffer& buffer, const LsoaLookup* lookup, FileTally& out,
                 const std::function<void(std::string_view)>& on_piece, size_t piece) {
    PoliceUkScanner scanner(lookup, out);
    piece = std::max<size_t>(piece, 1);
    // Room for the whole file when its size is known and it fits: one more byte than it, so
    // that reading it finds its end.
    if (size)
        buffer.reserve(static_cast<size_t>(std::min<uint64_t>(size + 1, piece)));
    else if (buffer.capacity() == 0)
        buffer.reserve(std::min<size_t>(1 << 20, piece));
    // The buffer holds the start of a row (the one the last piece left unfinished), then the
    // text read since.
    size_t fill = 0, fresh = 0;
    for (;;) {
        size_t room = std::min(buffer.capacity(), piece) - fill;
        if (room == 0) {
            if (buffer.capacity() < piece) {  // size unknown (gzip): grows, doubling, to `piece`
                buffer.reserve(std::min(piece, 2 * buffer.capacity()), fill);
                continue;
            }
            char* p = buffer.data();
            size_t used = scanner.scan(std::string_view(p, fill), fresh, false);
            fresh = 0;
            if (used == 0)
                throw InputError(out.source, scanner.line(), "",
                                 fmt::format("a row longer than {}: not a police.uk "
                                             "street-level file",
                                             piece >= (1 << 20) ? fmt::format("{} MB", piece >> 20)
                                                                : fmt::format("{} bytes", piece)));
            std::memmove(p, p + used, fill - used);
            fill -= used;
            continue;
        }
        char* p = buffer.data() + fill;
        size_t got = read(p, room);
        if (got == 0) break;
        if (on_piece) on_piece(std::string_view(p, got));
        fill += got;
        fresh += got;
    }
    buffer.set_size(fill);
    scanner.scan(std::string_view(buffer.data(), fill), fresh, true);
}

}  // namespace

void scan_police_uk_input(const InputFile& input, TextBuffer& buffer, const LsoaLookup* lookup,
                          FileTally& out, const std::function<void(std::string_view)>& on_piece,
                          size_t piece) {
    TextReader reader(input);
    scan_pieces([&](char* p, size_t n) { return reader.read(p, n); },
                input.kind == InputFile::Kind::gzip ? 0 : input.size, buffer, lookup, out, on_piece,
                piece);
}

void scan_police_uk_in_pieces(std::string_view text, size_t piece, const LsoaLookup* lookup,
                              FileTally& out) {
    TextBuffer buffer;
    size_t at = 0;
    scan_pieces(
        [&](char* p, size_t n) {
            n = std::min(n, text.size() - at);
            std::memcpy(p, text.data() + at, n);
            at += n;
            return n;
        },
        0, buffer, lookup, out, {}, piece);
}

PoliceUkData import_police_uk(const std::vector<InputFile>& inputs,
                              const PoliceUkImportOptions& options) {
    std::vector<FileTally> tallies = scan_all(inputs, options);

    PoliceUkData out;
    out.report.files = inputs.size();
    std::vector<std::string> force_names;  // global
    std::vector<std::string> types;        // global
    auto intern = [](std::vector<std::string>& v, const std::string& s) {
        auto it = std::find(v.begin(), v.end(), s);
        if (it != v.end()) return static_cast<size_t>(it - v.begin());
        v.push_back(s);
        return v.size() - 1;
    };
    std::map<std::pair<size_t, Month>, size_t> owner;  // (force, month) -> input index
    std::vector<ForceAccumulator> acc;

    for (size_t i = 0; i < tallies.size(); ++i) {
        FileTally& t = tallies[i];
        std::vector<size_t> fmap, tmap;
        for (auto& f : t.forces) fmap.push_back(intern(force_names, f));
        if (acc.size() < force_names.size()) acc.resize(force_names.size());
        // The same force-month in two files: identical files count once, others conflict.
        bool duplicate = false;
        for (auto& b : t.blocks) {
            auto it = owner.find({fmap[b.force], b.month});
            if (it == owner.end() || it->second == i) continue;
            const InputFile& earlier = inputs[it->second];
            if (same_text(earlier, inputs[i])) {
                duplicate = true;
                break;
            }
            throw InputError(
                t.source, 0, "",
                fmt::format("has rows for {} {} that {} also has, with different "
                            "rows: give only one file per force and month",
                            t.forces[b.force], to_string(b.month), earlier.display_name()));
        }
        if (duplicate) {
            out.report.duplicates.push_back(t.source);
            continue;
        }
        out.report.bytes += t.bytes;
        out.report.rows += t.rows;
        if (std::string w = month_warning(inputs[i], t); !w.empty())
            out.report.warnings.push_back(std::move(w));
        for (auto& ty : t.types) tmap.push_back(intern(types, ty));
        for (auto& b : t.blocks) {
            size_t f = fmap[b.force];
            owner[{f, b.month}] = i;
            ForceAccumulator& a = acc[f];
            if (a.places.empty()) {
                a.places.emplace_back();
                a.place_index[""] = 0;
            }
            auto& cube = a.months[b.month];
            for (size_t p = 0; p < b.counts.size(); ++p) {
                // Places are interned per file, across its forces: skip another force's places.
                if (std::all_of(b.counts[p].begin(), b.counts[p].end(),
                                [](uint32_t c) { return c == 0; }))
                    continue;
                auto [pit, fresh] = a.place_index.try_emplace(t.places[p], a.places.size());
                if (fresh) a.places.push_back(t.places[p]);
                size_t gp = pit->second;
                if (cube.size() <= gp) cube.resize(gp + 1);
                auto& cell = cube[gp];
                for (size_t ty = 0; ty < b.counts[p].size(); ++ty) {
                    if (!b.counts[p][ty]) continue;
                    size_t gt = tmap[ty];
                    if (cell.size() <= gt) cell.resize(gt + 1, 0);
                    cell[gt] += b.counts[p][ty];
                }
            }
        }
    }
    tallies.clear();

    // Which forces, and which districts of each.
    std::vector<size_t> force_of_output;  // output force -> global force id (or npos)
    if (options.from_data) {
        for (size_t f = 0; f < force_names.size(); ++f) {
            auto given =
                std::find_if(options.forces.begin(), options.forces.end(),
                             [&](const ForceDefinition& d) { return d.name == force_names[f]; });
            if (given != options.forces.end()) {  // its districts are given, not found
                out.forces.push_back(*given);
                force_of_output.push_back(f);
                continue;
            }
            ForceDefinition def{force_names[f], "", force_names[f], {}};
            // Places are matched to districts case-blind and with ’ as ' (fold), so spellings
            // that differ only so are one district, named as first seen.
            std::set<std::string> folded;
            for (size_t p = 1; p < acc[f].places.size(); ++p) {
                const auto& name = acc[f].places[p];
                if (!folded.insert(fold_place_name(name)).second) continue;
                auto code = options.district_codes.find(name);
                def.districts.push_back(DistrictDefinition{
                    code == options.district_codes.end() ? "" : code->second, name, {}});
            }
            out.forces.push_back(std::move(def));
            force_of_output.push_back(f);
        }
    } else {
        out.forces = options.forces;
        for (auto& def : out.forces) {
            auto it = std::find(force_names.begin(), force_names.end(), def.name);
            force_of_output.push_back(it == force_names.end()
                                          ? std::string::npos
                                          : static_cast<size_t>(it - force_names.begin()));
        }
        for (size_t f = 0; f < force_names.size(); ++f) {
            if (std::find(force_of_output.begin(), force_of_output.end(), f) !=
                force_of_output.end())
                continue;
            uint64_t rows = 0;
            for (auto& [m, cube] : acc[f].months)
                for (auto& cell : cube)
                    for (auto c : cell) rows += c;
            out.report.other_forces[force_names[f]] += rows;
        }
    }
    std::vector<std::string> sorted_types = types;
    std::sort(sorted_types.begin(), sorted_types.end());
    out.crime_types = sorted_types;

    for (size_t o = 0; o < out.forces.size(); ++o) {
        const ForceDefinition& def = out.forces[o];
        ForceImportReport rep;
        rep.force = def.name;
        size_t f = force_of_output[o];
        if (f == std::string::npos) {
            out.report.forces.push_back(std::move(rep));
            continue;
        }
        ForceAccumulator& a = acc[f];
        // Local place -> district index (0 = the force itself; 1.. = def.districts[i-1]).
        std::map<std::string, size_t> district_by_fold;
        for (size_t d = 0; d < def.districts.size(); ++d) {
            district_by_fold[fold_place_name(def.districts[d].name)] = d + 1;
            for (auto& alias : def.districts[d].aliases)
                district_by_fold[fold_place_name(alias)] = d + 1;
        }
        std::vector<size_t> district_of(a.places.size(), 0);
        for (size_t p = 1; p < a.places.size(); ++p) {
            auto it = district_by_fold.find(fold_place_name(a.places[p]));
            if (it != district_by_fold.end()) district_of[p] = it->second;
        }
        // The series each (district, type) adds to; the last column is "All crime".
        const size_t n_areas = def.districts.size() + 1, n_types = types.size();
        std::vector<Series*> target(n_areas * (n_types + 1));
        for (size_t d = 0; d < n_areas; ++d) {
            std::string district = d == 0 ? "" : def.districts[d - 1].name;
            for (size_t ty = 0; ty <= n_types; ++ty)
                target[d * (n_types + 1) + ty] =
                    &out.series[{o, district, ty < n_types ? types[ty] : std::string(kAllCrime)}];
        }
        std::vector<uint64_t> counts(n_areas * n_types);
        for (auto& [month, cube] : a.months) {
            rep.months.push_back(month);
            // Every month present gives every area and type a value, zero if nothing was counted.
            std::fill(counts.begin(), counts.end(), 0);
            for (size_t p = 0; p < cube.size(); ++p) {
                uint64_t rows = 0;
                for (size_t ty = 0; ty < cube[p].size(); ++ty) {
                    uint64_t c = cube[p][ty];
                    rows += c;
                    counts[ty] += c;
                    if (district_of[p]) counts[district_of[p] * n_types + ty] += c;
                }
                rep.rows += rows;
                if (p == 0)
                    rep.rows_no_location += rows;
                else if (!district_of[p] && rows) {
                    rep.rows_outside += rows;
                    rep.outside_places[a.places[p]] += rows;
                }
            }
            for (size_t d = 0; d < n_areas; ++d) {
                uint64_t all = 0;
                for (size_t ty = 0; ty < n_types; ++ty) {
                    uint64_t c = counts[d * n_types + ty];
                    target[d * (n_types + 1) + ty]->add(month, static_cast<int64_t>(c) * kMicro);
                    if (counts_towards_all_crime(types[ty])) all += c;
                }
                target[d * (n_types + 1) + n_types]->add(month, static_cast<int64_t>(all) * kMicro);
            }
        }
        out.report.forces.push_back(std::move(rep));
    }
    return out;
}

}  // namespace scrutineer
