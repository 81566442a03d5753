// One field of a CSV file (RFC 4180): as it is, or in double quotes with its quotes doubled when
// it holds a comma, a quote or a line break. Every CSV export writes its fields through this.
#pragma once

#include <string>

namespace scrutineer {

std::string csv_field(const std::string& s);

}  // namespace scrutineer
