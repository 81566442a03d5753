// GOV.UK's bank holidays file (JSON).
#include "fuzz_support.hpp"
#include "scrutineer/bank_holidays_file.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = fuzz::text_of(data, size), path = "bank-holidays.json";
    fuzz::accept_or_reject_clearly(path, [&] { (void)parse_bank_holidays(text, path); });
    return 0;
}
