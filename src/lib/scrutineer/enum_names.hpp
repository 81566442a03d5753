// An enum's stored code and its label for people, kept side by side in one table per enum, so
// that to_string, label and parse cannot drift apart.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace scrutineer {

template <class E>
struct EnumName {
    E value;
    const char* code;   // as stored and sent in forms: "disclosable_pecuniary"
    const char* label;  // for people: "Disclosable Pecuniary Interest"
};

template <class E, std::size_t N>
const EnumName<E>& enum_entry(const EnumName<E> (&table)[N], E value) {
    for (const auto& e : table)
        if (e.value == value) return e;
    return table[0];
}

template <class E, std::size_t N>
std::optional<E> parse_enum(const EnumName<E> (&table)[N], std::string_view code) {
    for (const auto& e : table)
        if (code == e.code) return e.value;
    return std::nullopt;
}

}  // namespace scrutineer
