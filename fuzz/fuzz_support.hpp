// What every fuzz target checks besides "no crash, no sanitizer report": a parser either accepts
// its input or rejects it with an InputError that names the input it was given. Any other
// exception escapes the target, and libFuzzer reports it as a crash (an uncaught exception is
// the "500 Internal Server Error" of a reader: the user would not learn where the problem is).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scrutineer/input_error.hpp"

namespace scrutineer::fuzz {

inline std::string text_of(const uint8_t* data, size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Stops the run (a finding) with `why` when `ok` is false.
inline void require(bool ok, const char* why) {
    if (ok) return;
    std::fprintf(stderr, "fuzz check failed: %s\n", why);
    std::abort();
}

// Runs `parse`; an InputError must name `input` (the path the parser was given) and say what is
// wrong.
template <class Parse>
void accept_or_reject_clearly(const std::string& input, Parse&& parse) {
    try {
        parse();
    } catch (const InputError& e) {
        std::string_view what = e.what();
        require(e.file.rfind(input, 0) == 0, "the rejection does not name the input");
        require(what.size() > e.file.size() + 2, "the rejection does not say what is wrong");
    }
}

}  // namespace scrutineer::fuzz
