// Exact rational numbers for the indicator figures.
//
// A Long Term Average is a sum divided by 3 and a Difference divides by it again, so the
// figures are rationals, rarely whole and rarely exact in binary floating point. The seeds'
// own tables show what binary floating point does to them (Great Yarmouth robbery 87 vs 80 is
// exactly 8.75% but was published as 8.7%). Every figure is therefore kept as an exact fraction
// and rounded once, for display (see display_rounding.hpp). No Debian-packaged library offers a
// small exact rational over 128-bit integers (Boost.Rational lacks __int128 gcd support in 1.74
// under -std=c++20), so this one is written here; it is a few lines.
#pragma once

#include <cstdint>
#include <string>

namespace scrutineer {

struct Fraction {
    __int128 num = 0;
    __int128 den = 1;  // always > 0 after normalise()

    static Fraction whole(int64_t n) { return Fraction{n, 1}; }
    static Fraction of(__int128 num, __int128 den);  // normalised; den must not be 0

    double to_double() const { return static_cast<double>(num) / static_cast<double>(den); }
    bool is_zero() const { return num == 0; }
};

Fraction operator+(const Fraction& a, const Fraction& b);
Fraction operator-(const Fraction& a, const Fraction& b);
Fraction operator*(const Fraction& a, const Fraction& b);
Fraction operator/(const Fraction& a, const Fraction& b);  // b must not be zero
bool operator==(const Fraction& a, const Fraction& b);

// Fixed-point values read from files carry six decimal places: 80.2% is 80'200'000 micro-units.
inline constexpr int64_t kMicro = 1'000'000;
inline Fraction from_micro(int64_t micro) {
    return Fraction::of(micro, kMicro);
}

}  // namespace scrutineer
