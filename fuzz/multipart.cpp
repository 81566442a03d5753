// multipart/form-data bodies (file uploads). The first line is the Content-Type header, the
// rest the body. A part's data is a piece of the body between its delimiters.
#include "scrutineer/multipart.hpp"
#include "fuzz_support.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    size_t eol = in.find('\n');
    std::string_view type = in.substr(0, eol);
    std::string_view body = eol == std::string_view::npos ? std::string_view() : in.substr(eol + 1);
    auto parts = web::parse_multipart(type, body);
    if (parts) {
        size_t total = 0;
        for (const auto& p : *parts) total += p.data.size();
        fuzz::require(total <= body.size(), "the parts hold more than the body");
    }
    return 0;
}
