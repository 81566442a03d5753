// Text made valid UTF-8 for formats whose readers refuse the whole file over one bad byte (an
// XLSX part is XML; Excel will not open it): each byte that does not start a well-formed UTF-8
// character (no overlong forms, surrogates or code points past U+10FFFF) becomes U+FFFD.
#pragma once

#include <string>

namespace scrutineer {

std::string valid_utf8(const std::string& text);

}  // namespace scrutineer
