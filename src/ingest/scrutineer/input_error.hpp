// A rejected input: names the file, the line (1-based; 0 when not about a line) and the field.
#pragma once

#include <stdexcept>
#include <string>

namespace scrutineer {

struct InputError : std::runtime_error {
    std::string file;
    size_t line = 0;
    std::string field;

    InputError(std::string file_, size_t line_, std::string field_, const std::string& problem);
};

}  // namespace scrutineer
