// The LSOA -> district lookup.
#include "fuzz_support.hpp"
#include "scrutineer/inputs.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzz::text_of(data, size), path = "lsoa.csv";
    fuzz::accept_or_reject_clearly(path, [&] { (void)parse_lsoa_lookup(text, path); });
    return 0;
}
