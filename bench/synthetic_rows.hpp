// Synthetic police.uk street-level crime rows, shared by the data set generator (gen_police_uk)
// and the scanner micro-benchmark (bench_scanner) so that both measure the same kind of text.
//
// The shape follows the real files: 12 columns, 64-hex-digit crime IDs (empty for anti-social
// behaviour), one force per file, rows sorted by LSOA name with the no-location rows last,
// realistic crime type and outcome mixes, and one outcome that needs CSV quoting. Everything is
// derived from a seed, so the same arguments always give byte-identical files.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <numbers>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace synth {

inline uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// A seed for one part of the output (a force, a file), independent of the order in which
// threads happen to produce the parts.
inline uint64_t derive_seed(uint64_t seed, uint64_t a, uint64_t b = 0) {
    uint64_t s = seed ^ (a * 0xD1B54A32D192ED03ull) ^ (b * 0x8CB92BA72F3D8DD7ull);
    splitmix64(s);
    return splitmix64(s);
}

// xoshiro256**: several times faster than std::mt19937_64, which matters at 20 M rows.
class Rng {
  public:
    explicit Rng(uint64_t seed) {
        for (auto& w : s_) w = splitmix64(seed);
    }
    uint64_t next() {
        uint64_t result = rotl(s_[1] * 5, 7) * 9;
        uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform in [0, n), by Lemire's multiply-shift (the tiny bias is irrelevant here).
    uint32_t below(uint32_t n) {
        return static_cast<uint32_t>(((next() >> 32) * static_cast<uint64_t>(n)) >> 32);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<uint64_t, 4> s_{};
};

// O(1) weighted choice: 2^Bits slots shared out in proportion to the weights (largest
// remainder), then one slot is picked by the top bits of a random word.
template <unsigned Bits>
class PickTable {
  public:
    PickTable() = default;
    explicit PickTable(const std::vector<double>& weights) {
        constexpr size_t n_slots = size_t{1} << Bits;
        double total = 0;
        for (double w : weights) total += w;
        std::vector<size_t> share(weights.size());
        std::vector<std::pair<double, size_t>> remainder;
        size_t used = 0;
        for (size_t i = 0; i < weights.size(); ++i) {
            double exact = weights[i] / total * static_cast<double>(n_slots);
            share[i] = static_cast<size_t>(exact);
            used += share[i];
            // A zero weight must never win a leftover slot.
            remainder.emplace_back(weights[i] > 0 ? exact - static_cast<double>(share[i]) : -1, i);
        }
        std::stable_sort(remainder.begin(), remainder.end(),
                         [](auto& a, auto& b) { return a.first > b.first; });
        for (size_t k = 0; used < n_slots; ++k, ++used) ++share[remainder[k].second];
        slots_.reserve(n_slots);
        for (size_t i = 0; i < weights.size(); ++i)
            slots_.insert(slots_.end(), share[i], static_cast<uint16_t>(i));
    }
    uint16_t pick(Rng& rng) const { return slots_[rng.next() >> (64 - Bits)]; }

  private:
    std::vector<uint16_t> slots_;
};

struct YearMonth {
    int year = 2020, month = 1;  // month 1..12

    static std::optional<YearMonth> parse(std::string_view s) {
        if (s.size() != 7 || s[4] != '-') return std::nullopt;
        for (size_t i : {0, 1, 2, 3, 5, 6})
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
        YearMonth m;
        m.year = std::stoi(std::string(s.substr(0, 4)));
        m.month = std::stoi(std::string(s.substr(5, 2)));
        if (m.month < 1 || m.month > 12) return std::nullopt;
        return m;
    }
    YearMonth plus(int months) const {
        int k = year * 12 + (month - 1) + months;
        return YearMonth{k / 12, k % 12 + 1};
    }
    std::string text() const {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
        return buf;
    }
};

inline constexpr std::string_view kHeader =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context";

// The 14 police.uk crime types, in alphabetical order (the order rows of one LSOA are
// written in), with roughly the national shares of recent years.
inline constexpr size_t kTypes = 14;
inline constexpr std::array<std::string_view, kTypes> kCrimeTypes = {
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences"};
inline constexpr size_t kAntiSocial = 0;
inline constexpr std::array<double, kTypes> kCrimeTypeWeights = {
    20.0, 1.0, 4.0, 7.5, 2.8, 1.6, 8.5, 0.8, 6.5, 1.0, 7.0, 1.2, 5.0, 33.0};

// Outcomes as they appear in the file (already CSV-quoted where needed), weighted like a real
// year of Norfolk data. The quoted one is invented: police.uk outcomes rarely need quoting, but
// the scanner's quote handling must be on the measured path.
struct Outcome {
    std::string_view text;
    double weight;
};
inline constexpr std::array<Outcome, 28> kOutcomes = {{
    {"Unable to prosecute suspect", 51702},
    {"Investigation complete; no suspect identified", 39191},
    {"Status update unavailable", 8860},
    {"Court result unavailable", 8786},
    {"Under investigation", 6529},
    {"Awaiting court outcome", 4565},
    {"Local resolution", 4154},
    {"Action to be taken by another organisation", 2939},
    {"Offender given a caution", 2614},
    {"Formal action is not in the public interest", 1202},
    {"Offender given a drugs possession warning", 904},
    {"Further investigation is not in the public interest", 881},
    {"Offender sent to prison", 598},
    {"Suspect charged as part of another case", 540},
    {"\"Court result unavailable, awaiting update\"", 500},
    {"Offender fined", 381},
    {"Offender given community sentence", 374},
    {"Further action is not in the public interest", 311},
    {"Offender given suspended prison sentence", 230},
    {"Offender given conditional discharge", 207},
    {"Defendant found not guilty", 196},
    {"Offender given penalty notice", 192},
    {"Court case unable to proceed", 133},
    {"Offender ordered to pay compensation", 129},
    {"Offender otherwise dealt with", 89},
    {"Offender deprived of property", 41},
    {"Defendant sent to Crown Court", 16},
    {"Offender given absolute discharge", 4},
}};
inline constexpr size_t kQuotedOutcome = 14;
static_assert(kOutcomes[kQuotedOutcome].text.front() == '"');

inline constexpr std::array<std::string_view, 48> kForceNames = {
    "Ashdown",       "Bramshire",  "Carrick Vale", "Dunmoor",        "Eastmarch",
    "Fenwold",       "Glenford",   "Harrowdale",   "Ivelshire",      "Kestrel Coast",
    "Lindenshire",   "Marrowby",   "Northwold",    "Oakhampton",     "Pendleshire",
    "Queensmere",    "Ravensdale", "Severnmouth",  "Thornbury Vale", "Ulverstone",
    "Wessmoor",      "Yardleigh",  "Avonwick",     "Blackmere",      "Coldharbour",
    "Dovercourt",    "Elmshire",   "Farrowdale",   "Greater Halton", "Hollins Weald",
    "Irwell Valley", "Kingsmarsh", "Lowther",      "Mercia Fields",  "Newbold",
    "Orchardshire",  "Pevensea",   "Rothwick",     "Stourvale",      "Tamarside",
    "Upper Wyre",    "Whitmoor",   "Ashby Downs",  "Brackenshire",   "Calderwick",
    "Deepdale",      "Exmere",     "Fordingvale"};

inline constexpr std::array<std::string_view, 40> kPlaceStarts = {
    "Ash",   "Brad",  "Chel", "Dar",   "Ely",  "Fal",  "Grant", "Hal",  "Ick",  "Kel",
    "Lang",  "Mal",   "Nor",  "Ox",    "Pen",  "Rad",  "Sal",   "Tad",  "Ux",   "Wal",
    "Amble", "Bever", "Cran", "Ditch", "Ever", "Frin", "Glos",  "Horn", "Ilk",  "Ket",
    "Lud",   "Mel",   "Nun",  "Ott",   "Pres", "Ross", "Stam",  "Tew",  "Ware", "Yar"};
inline constexpr std::array<std::string_view, 20> kPlaceEnds = {
    "ford",  "ley",     "ton",  "bury",  "ham",    "field",   "wick", "worth", "by",  "combe",
    "stead", "minster", "well", "mouth", "ington", "borough", "dale", "hurst", "den", "thorpe"};
inline constexpr std::array<std::string_view, 6> kPlacePrefixes = {"North ", "South ", "East ",
                                                                   "West ",  "Mid ",   "Greater "};

inline constexpr std::array<std::string_view, 36> kStreetStarts = {
    "Market",  "Church", "High",        "Station", "Mill",   "Park",  "Victoria", "Queen",
    "King",    "New",    "School",      "Manor",   "Chapel", "Green", "Bridge",   "Windsor",
    "York",    "Albert", "George",      "Elm",     "Oak",    "Cedar", "Beech",    "Willow",
    "Orchard", "Meadow", "Springfield", "Grange",  "Castle", "Abbey", "Holly",    "Hawthorn",
    "Nelson",  "Priory", "Rectory",     "Forge"};
inline constexpr std::array<std::string_view, 12> kStreetEnds = {
    "Street", "Road",  "Lane",     "Avenue", "Close",   "Way",
    "Drive",  "Grove", "Crescent", "Place",  "Terrace", "Gardens"};
inline constexpr std::array<std::string_view, 10> kSpecialPlaces = {
    "Supermarket",
    "Parking Area",
    "Petrol Station",
    "Shopping Area",
    "Sports/Recreation Area",
    "Nightclub",
    "Hospital",
    "Police Station",
    "Further/Higher Educational Building",
    "Theatre/Concert Hall"};

struct Lsoa {
    std::string suffix;                  // "E01012345,Tadford 013B," (code, name, separators)
    std::string name;                    // "Tadford 013B", for sorting
    std::vector<std::string> locations;  // "-1.234567,52.123456,On or near Market Street,"
    double weight = 1;
};

struct District {
    std::string name;
    std::vector<Lsoa> lsoas;
};

struct Force {
    std::string name;  // "Ashdown Constabulary": both Reported by and Falls within
    std::string slug;  // "ashdown", as in YYYY-MM-ashdown-street.csv
    double size = 1;   // relative volume of crime
    std::vector<District> districts;
    // What one row can be placed in, sorted by LSOA name: the force's own LSOAs and those of
    // one district of the neighbouring force (real forces record a little crime just over the
    // border). Index lsoas.size() means "no location".
    std::vector<const Lsoa*> lsoas;
    PickTable<16> lsoa_table;
};

struct FileStats {
    uint64_t rows = 0, bytes = 0;
    std::array<uint64_t, kTypes> by_type{};
};

// The forces of a synthetic nation: names, districts, LSOAs and locations.
class Nation {
  public:
    // Shares of each force's rows: the neighbour's border district and no location at all.
    static constexpr double kNeighbourShare = 0.01, kNoLocationShare = 0.02;

    // Forces point into each other's LSOAs, so a Nation is neither copied nor moved.
    Nation(const Nation&) = delete;
    Nation& operator=(const Nation&) = delete;

    Nation(int n_forces, uint64_t seed) : seed_(seed) {
        std::set<std::string> used_places;
        uint32_t next_lsoa_code = 1000;
        forces_.resize(static_cast<size_t>(n_forces));
        const int grid = static_cast<int>(std::ceil(std::sqrt(std::max(1, n_forces))));
        for (int f = 0; f < n_forces; ++f) {
            Rng rng(derive_seed(seed, 1, static_cast<uint64_t>(f)));
            Force& force = forces_[static_cast<size_t>(f)];
            std::string base(kForceNames[static_cast<size_t>(f) % kForceNames.size()]);
            if (static_cast<size_t>(f) >= kForceNames.size())
                base += " " + std::to_string(static_cast<size_t>(f) / kForceNames.size() + 1);
            force.name = base + (f % 3 == 2 ? " Police" : " Constabulary");
            for (char c : base) force.slug += c == ' ' ? '-' : static_cast<char>(std::tolower(c));
            // Log-uniform sizes from 1 to 15: a few big metropolitan forces, many small ones.
            force.size = std::exp(rng.uniform() * std::log(15.0));
            // Forces sit on a rough grid over Great Britain's longitudes and latitudes.
            double lon0 = -5.0 + 6.5 * ((f % grid) + rng.between(0.2, 0.8)) / grid;
            double lat0 = 50.5 + 5.0 * ((f / grid) + rng.between(0.2, 0.8)) / grid;
            int n_districts = 8 + static_cast<int>(rng.below(5));
            double n_lsoas = 250 + 80 * force.size;
            std::vector<double> district_share(static_cast<size_t>(n_districts));
            double share_total = 0;
            for (auto& s : district_share) share_total += (s = rng.between(0.5, 1.5));
            for (int d = 0; d < n_districts; ++d) {
                District district;
                district.name = unique_place_name(rng, used_places);
                double dlon = lon0 + rng.between(-0.3, 0.3), dlat = lat0 + rng.between(-0.2, 0.2);
                int count =
                    std::max(4, static_cast<int>(n_lsoas * district_share[d] / share_total));
                int number = 1;
                while (static_cast<int>(district.lsoas.size()) < count) {
                    // Each MSOA number has 2 to 5 LSOAs lettered A, B, C...
                    int letters = 2 + static_cast<int>(rng.below(4));
                    for (int l = 0; l < letters; ++l) {
                        Lsoa lsoa;
                        char buf[64];
                        std::snprintf(buf, sizeof buf, "%03d%c", number, 'A' + l);
                        lsoa.name = district.name + " " + buf;
                        next_lsoa_code += 1 + rng.below(3);
                        std::snprintf(buf, sizeof buf, "E01%06u,", next_lsoa_code);
                        lsoa.suffix = buf + lsoa.name + ",";
                        // A few hot spots (town centres) and a long tail of quiet areas.
                        lsoa.weight = rng.below(40) == 0 ? rng.between(5, 20) : rng.between(0.2, 2);
                        double llon = dlon + rng.between(-0.05, 0.05),
                               llat = dlat + rng.between(-0.04, 0.04);
                        int n_loc = 3 + static_cast<int>(rng.below(6));
                        for (int k = 0; k < n_loc; ++k)
                            lsoa.locations.push_back(location(rng, llon, llat));
                        district.lsoas.push_back(std::move(lsoa));
                    }
                    ++number;
                }
                force.districts.push_back(std::move(district));
            }
        }
        for (size_t f = 0; f < forces_.size(); ++f) build_sampling(f);
    }

    const std::vector<Force>& forces() const { return forces_; }
    uint64_t seed() const { return seed_; }

    // Rows per file for `months` months from `first`, `total` rows in all, file index
    // m * forces + f. Volume follows force size, a summer peak and a slight upward trend.
    std::vector<uint64_t> allocate_rows(YearMonth first, int months, uint64_t total) const {
        std::vector<double> weight;
        for (int m = 0; m < months; ++m) {
            YearMonth ym = first.plus(m);
            double season = 1 + 0.08 * std::sin(2 * std::numbers::pi * (ym.month - 4) / 12.0);
            double trend = 1 + 0.01 * m / 12.0;
            for (const auto& force : forces_) weight.push_back(force.size * season * trend);
        }
        double sum = 0;
        for (double w : weight) sum += w;
        // Cumulative rounding, so the files add up to exactly `total`.
        std::vector<uint64_t> rows(weight.size());
        double cum = 0;
        uint64_t given = 0;
        for (size_t i = 0; i < weight.size(); ++i) {
            cum += weight[i];
            uint64_t upto =
                static_cast<uint64_t>(std::llround(static_cast<double>(total) * cum / sum));
            if (i + 1 == weight.size()) upto = total;
            rows[i] = upto - given;
            given = upto;
        }
        return rows;
    }

    // Writes one whole street-level file of `rows` rows into `out` (replacing its contents).
    // `quoted_outcomes` false leaves out the one outcome that needs CSV quotes.
    void write_file(size_t f, YearMonth month, uint64_t rows, std::string& out, FileStats& stats,
                    bool quoted_outcomes = true) const {
        const Force& force = forces_[f];
        Rng rng(derive_seed(seed_, 2 + f, static_cast<uint64_t>(month.year * 12 + month.month)));
        const PickTable<12>& outcome_table = quoted_outcomes ? outcomes_ : outcomes_unquoted_;

        // Draw every row's place and type first, then write them grouped by place (sorted by
        // LSOA name, no location last) and type, as police.uk orders its files.
        const size_t n_places = force.lsoas.size() + 1;
        std::vector<uint32_t> cells(n_places * kTypes, 0);
        for (uint64_t r = 0; r < rows; ++r) {
            size_t place = force.lsoa_table.pick(rng);
            ++cells[place * kTypes + types_.pick(rng)];
        }

        const std::string mid = "," + month.text() + "," + force.name + "," + force.name + ",";
        size_t max_row = 64 + mid.size() + max_location_ + max_suffix_ + 40 + 64 + 4;
        out.resize(kHeader.size() + 1 + rows * max_row);
        char* p = out.data();
        auto put = [&p](std::string_view s) {
            std::memcpy(p, s.data(), s.size());
            p += s.size();
        };
        put(kHeader);
        *p++ = '\n';
        static constexpr char kHex[] = "0123456789abcdef";
        for (size_t place = 0; place < n_places; ++place) {
            const Lsoa* lsoa = place < force.lsoas.size() ? force.lsoas[place] : nullptr;
            for (size_t t = 0; t < kTypes; ++t) {
                uint32_t n = cells[place * kTypes + t];
                stats.by_type[t] += n;
                for (uint32_t k = 0; k < n; ++k) {
                    if (t != kAntiSocial) {
                        for (int w = 0; w < 4; ++w) {
                            uint64_t x = rng.next();
                            for (int b = 0; b < 16; ++b, x >>= 4) *p++ = kHex[x & 15];
                        }
                    }
                    put(mid);
                    if (lsoa) {
                        put(lsoa->locations[rng.below(
                            static_cast<uint32_t>(lsoa->locations.size()))]);
                        put(lsoa->suffix);
                    } else {
                        put(",,No Location,,,");
                    }
                    put(kCrimeTypes[t]);
                    *p++ = ',';
                    if (t != kAntiSocial) put(kOutcomes[outcome_table.pick(rng)].text);
                    *p++ = ',';
                    *p++ = '\n';
                }
            }
        }
        out.resize(static_cast<size_t>(p - out.data()));
        stats.rows += rows;
        stats.bytes += out.size();
    }

  private:
    static std::string unique_place_name(Rng& rng, std::set<std::string>& used) {
        for (;;) {
            std::string name(kPlaceStarts[rng.below(kPlaceStarts.size())]);
            name += kPlaceEnds[rng.below(kPlaceEnds.size())];
            uint32_t roll = rng.below(100);
            if (roll < 12) {
                name = std::string(kPlacePrefixes[rng.below(kPlacePrefixes.size())]) + name;
            } else if (roll < 20) {
                std::string other(kPlaceStarts[rng.below(kPlaceStarts.size())]);
                other += kPlaceEnds[rng.below(kPlaceEnds.size())];
                name += " and " + other;
            }
            if (used.insert(name).second) return name;
        }
    }

    static std::string location(Rng& rng, double lon, double lat) {
        std::string street;
        if (rng.below(100) < 15) {
            street = kSpecialPlaces[rng.below(kSpecialPlaces.size())];
        } else {
            street = std::string(kStreetStarts[rng.below(kStreetStarts.size())]) + " " +
                     std::string(kStreetEnds[rng.below(kStreetEnds.size())]);
        }
        char buf[160];
        std::snprintf(buf, sizeof buf, "%.6f,%.6f,On or near %s,", lon + rng.between(-0.01, 0.01),
                      lat + rng.between(-0.008, 0.008), street.c_str());
        return buf;
    }

    void build_sampling(size_t f) {
        Force& force = forces_[f];
        std::vector<std::pair<const Lsoa*, double>> places;
        auto add_district = [&places](const District& d, double share) {
            double total = 0;
            for (const auto& l : d.lsoas) total += l.weight;
            for (const auto& l : d.lsoas) places.emplace_back(&l, share * l.weight / total);
        };
        double own_total = 0;
        for (const auto& d : force.districts)
            for (const auto& l : d.lsoas) own_total += l.weight;
        bool neighbour = forces_.size() > 1;
        double own_share = 1 - kNoLocationShare - (neighbour ? kNeighbourShare : 0);
        for (const auto& d : force.districts)
            for (const auto& l : d.lsoas) places.emplace_back(&l, own_share * l.weight / own_total);
        if (neighbour)
            add_district(forces_[(f + 1) % forces_.size()].districts[0], kNeighbourShare);
        std::sort(places.begin(), places.end(),
                  [](auto& a, auto& b) { return a.first->name < b.first->name; });
        std::vector<double> weights;
        for (auto& [lsoa, w] : places) {
            force.lsoas.push_back(lsoa);
            weights.push_back(w);
            max_suffix_ = std::max(max_suffix_, lsoa->suffix.size());
            for (const auto& loc : lsoa->locations)
                max_location_ = std::max(max_location_, loc.size());
        }
        weights.push_back(kNoLocationShare);
        force.lsoa_table = PickTable<16>(weights);
    }

    static PickTable<12> outcome_table(bool quoted) {
        std::vector<double> w;
        for (size_t i = 0; i < kOutcomes.size(); ++i)
            w.push_back(i == kQuotedOutcome && !quoted ? 0.0 : kOutcomes[i].weight);
        return PickTable<12>(w);
    }

    uint64_t seed_;
    std::vector<Force> forces_;
    size_t max_location_ = 32, max_suffix_ = 32;
    PickTable<12> types_{std::vector<double>(kCrimeTypeWeights.begin(), kCrimeTypeWeights.end())};
    PickTable<12> outcomes_ = outcome_table(true), outcomes_unquoted_ = outcome_table(false);
};

}  // namespace synth
