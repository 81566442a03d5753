// UTF-8 checked once for every writer: the decoder they share, and text made valid for formats
// whose readers refuse a whole file over one bad byte (an XLSX or DOCX part is XML; cairo drops
// a page's text). A byte that does not start a well-formed, shortest-form sequence (or starts a
// surrogate or a code point past U+10FFFF) is one U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace scrutineer {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// The code point of the UTF-8 sequence at text[at] and its length in bytes; an invalid byte
// gives {U+FFFD, 1}.
std::pair<char32_t, size_t> decode_utf8(std::string_view text, size_t at);

// The text with every invalid byte replaced by U+FFFD (valid text comes back unchanged).
std::string valid_utf8(const std::string& text);

}  // namespace scrutineer
