// Text made safe to place in XML 1.0, in element content and in quoted attributes: & < > " '
// become entities; tab, line feed and carriage return become character references (so an
// attribute keeps them); bytes that are not UTF-8 become U+FFFD; characters XML 1.0 does not
// allow (the other control characters, U+FFFE, U+FFFF) are left out. What comes back is always
// well-formed UTF-8 text for an XML file. Used by the DOCX writer (docx_writer.hpp).
#pragma once

#include <string>
#include <string_view>

namespace scrutineer {

std::string xml_escape(std::string_view text);

}  // namespace scrutineer
