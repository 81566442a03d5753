// Helpers shared by the tests: temporary directories and files, running the command.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scrutineer/input_error.hpp"

namespace scrutineer::test {

// A fresh directory under the system temp dir, removed when the object goes.
struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    // Writes `text` to path/name (creating subdirectories) and returns the full path.
    std::string write(const std::string& name, const std::string& text) const;
};

std::string data_dir();      // the project's data/
std::string fixtures_dir();  // tests/fixtures/

// Runs the scrutineer binary with `args` (already shell-quoted), capturing stdout and stderr.
struct RunResult {
    int exit_code = 0;
    std::string out, err;
};
RunResult run_scrutineer(const std::string& args);
// Runs a shell command line as it is, capturing stdout and stderr.
RunResult run_command(const std::string& command);
// `s` in single quotes for sh, its own single quotes escaped.
std::string shell_quoted(const std::string& s);

// The message of the InputError `f` throws, or "no error".
template <class F>
std::string error_of(F f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

// The police.uk header line plus rows, each row given as its 12 fields joined by commas.
std::string police_uk_file(const std::vector<std::string>& rows);

// A police.uk row: month, force, LSOA name ("" for none) and crime type; other fields filler.
std::string police_uk_row(const std::string& month, const std::string& force,
                          const std::string& lsoa_name, const std::string& type);

}  // namespace scrutineer::test
