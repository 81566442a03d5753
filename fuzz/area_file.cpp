// An area file (a force and its districts, JSON).
#include "fuzz_support.hpp"
#include "scrutineer/inputs.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzz::text_of(data, size), path = "area.json";
    fuzz::accept_or_reject_clearly(path, [&] { (void)parse_area_file(text, path); });
    return 0;
}
