// Text without the blanks it begins or ends with: form fields, lines of minutes and questions.
#pragma once

#include <string>
#include <string_view>

namespace scrutineer {

std::string trimmed(std::string_view text, std::string_view blanks = " \t\r\n");

}  // namespace scrutineer
