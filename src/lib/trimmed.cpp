#include "scrutineer/trimmed.hpp"

namespace scrutineer {

std::string trimmed(std::string_view text, std::string_view blanks) {
    size_t a = text.find_first_not_of(blanks), b = text.find_last_not_of(blanks);
    return a == std::string_view::npos ? "" : std::string(text.substr(a, b - a + 1));
}

}  // namespace scrutineer
