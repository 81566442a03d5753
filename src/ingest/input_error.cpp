#include "scrutineer/input_error.hpp"

#include <fmt/format.h>

namespace scrutineer {
namespace {

std::string describe(const std::string& file, size_t line, const std::string& field,
                     const std::string& problem) {
    std::string where = file;
    if (line > 0) where += fmt::format(":{}", line);
    if (!field.empty()) return fmt::format("{}: field '{}': {}", where, field, problem);
    return fmt::format("{}: {}", where, problem);
}

}  // namespace

InputError::InputError(std::string file_, size_t line_, std::string field_,
                       const std::string& problem)
    : std::runtime_error(describe(file_, line_, field_, problem)),
      file(std::move(file_)),
      line(line_),
      field(std::move(field_)) {}

}  // namespace scrutineer
