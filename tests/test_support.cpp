#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace scrutineer::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("scrutineer-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << text;
    return p.string();
}

std::string data_dir() {
    return SCRUTINEER_DATA_DIR;
}
std::string fixtures_dir() {
    return SCRUTINEER_FIXTURES_DIR;
}

RunResult run_command(const std::string& command) {
    TempDir tmp;
    std::string out = (tmp.path / "out").string(), err = (tmp.path / "err").string();
    int status =
        std::system((command + " >" + shell_quoted(out) + " 2>" + shell_quoted(err)).c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    auto slurp = [](const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    };
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

RunResult run_scrutineer(const std::string& args) {
    return run_command(shell_quoted(SCRUTINEER_BINARY) + " " + args);
}

std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string police_uk_file(const std::vector<std::string>& rows) {
    std::string text =
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA "
        "name,Crime type,Last outcome category,Context\n";
    for (const auto& r : rows) text += r + "\n";
    return text;
}

std::string police_uk_row(const std::string& month, const std::string& force,
                          const std::string& lsoa_name, const std::string& type) {
    std::string code = lsoa_name.empty() ? "" : "E01000001";
    std::string lon = lsoa_name.empty() ? "" : "1.29";
    std::string lat = lsoa_name.empty() ? "" : "52.63";
    return "abc," + month + "," + force + "," + force + "," + lon + "," + lat +
           ",On or near Market Street," + code + "," + lsoa_name + "," + type +
           ",Under investigation,";
}

}  // namespace scrutineer::test
