// Text made safe to place in HTML or SVG, in element content and in quoted attributes.
#pragma once

#include <string>

namespace scrutineer {

std::string html_escape(const std::string& text);

}  // namespace scrutineer
