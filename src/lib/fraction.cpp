#include "scrutineer/fraction.hpp"

#include <stdexcept>

namespace scrutineer {
namespace {

__int128 abs128(__int128 v) {
    return v < 0 ? -v : v;
}

__int128 gcd128(__int128 a, __int128 b) {
    a = abs128(a);
    b = abs128(b);
    while (b != 0) {
        __int128 t = a % b;
        a = b;
        b = t;
    }
    return a == 0 ? 1 : a;
}

}  // namespace

Fraction Fraction::of(__int128 num, __int128 den) {
    if (den == 0) throw std::domain_error("fraction with a zero denominator");
    if (den < 0) {
        num = -num;
        den = -den;
    }
    __int128 g = gcd128(num, den);
    return Fraction{num / g, den / g};
}

Fraction operator+(const Fraction& a, const Fraction& b) {
    return Fraction::of(a.num * b.den + b.num * a.den, a.den * b.den);
}
Fraction operator-(const Fraction& a, const Fraction& b) {
    return Fraction::of(a.num * b.den - b.num * a.den, a.den * b.den);
}
Fraction operator*(const Fraction& a, const Fraction& b) {
    return Fraction::of(a.num * b.num, a.den * b.den);
}
Fraction operator/(const Fraction& a, const Fraction& b) {
    return Fraction::of(a.num * b.den, a.den * b.num);
}
bool operator==(const Fraction& a, const Fraction& b) {
    return a.num * b.den == b.num * a.den;
}

}  // namespace scrutineer
