// Questionnaire returns of a commissioned service (CSV).
#include "fuzz_support.hpp"
#include "scrutineer/questionnaire_file.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzz::text_of(data, size), path = "returns.csv";
    fuzz::accept_or_reject_clearly(path, [&] { (void)parse_questionnaire_returns(text, path); });
    return 0;
}
