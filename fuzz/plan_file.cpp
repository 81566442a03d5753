// A plan file (JSON, docs/plans.md).
#include "scrutineer/plan_file.hpp"
#include "fuzz_support.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzz::text_of(data, size), path = "plan.json";
    fuzz::accept_or_reject_clearly(path, [&] { (void)parse_plan_file(text, path); });
    return 0;
}
