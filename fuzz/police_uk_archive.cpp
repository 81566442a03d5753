// police.uk files as they arrive: a .zip archive as downloaded, or a .csv.gz file. The bytes are
// written to a file (the readers take paths, as the importer does) and every CSV found is read
// and counted as the importer does (in small pieces here). The first byte chooses the kind.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz_support.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/police_uk_import.hpp"

using namespace scrutineer;
namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("scrutineer-fuzz-" + std::to_string(getpid()));
        fs::create_directories(d);
        return d;
    }();
    const std::string path = (dir / (data[0] % 2 ? "month.zip" : "month.csv.gz")).string();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    fuzz::accept_or_reject_clearly(path, [&] {
        static TextBuffer buffer;
        for (const auto& input : list_inputs({path})) {
            FileTally tally;
            tally.source = input.display_name();
            // As the importer reads, but in 4 KB pieces, so that a file is seldom read whole.
            scan_police_uk_input(input, buffer, nullptr, tally, {}, 4096);
        }
    });
    return 0;
}
