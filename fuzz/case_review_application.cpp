// An ASB Case Review application as given to `scrutineer asb check` (JSON).
#include "fuzz_support.hpp"
#include "scrutineer/case_review_application_file.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzz::text_of(data, size), path = "application.json";
    fuzz::accept_or_reject_clearly(path, [&] { (void)parse_case_review_application(text, path); });
    return 0;
}
