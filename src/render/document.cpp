#include "scrutineer/document.hpp"

namespace scrutineer::doc {

std::string text_of(const Text& text) {
    std::string out;
    for (const auto& run : text) out += run.text;
    return out;
}

}  // namespace scrutineer::doc
