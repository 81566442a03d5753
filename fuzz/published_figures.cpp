// A published-figures file (JSON, docs/plans.md).
#include "fuzz_support.hpp"
#include "scrutineer/plan_file.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzz::text_of(data, size), path = "figures.json";
    fuzz::accept_or_reject_clearly(path, [&] { (void)parse_published_figures_file(text, path); });
    return 0;
}
