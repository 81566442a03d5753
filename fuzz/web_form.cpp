// What every web form and query goes through first: a request's target (path and query), its
// headers and cookies, and an application/x-www-form-urlencoded body. Also checks that encoding
// then decoding gives back any text.
#include "fuzz_support.hpp"
#include "scrutineer/http.hpp"

using namespace scrutineer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    // target \n cookie header \n body
    size_t a = in.find('\n'), b = a == std::string_view::npos ? a : in.find('\n', a + 1);
    std::string target(in.substr(0, a));
    std::string cookie =
        a == std::string_view::npos ? "" : std::string(in.substr(a + 1, b - a - 1));
    std::string body = b == std::string_view::npos ? "" : std::string(in.substr(b + 1));
    auto r = web::make_request(
        "POST", target, {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}},
        body);
    for (const auto& [k, v] : r.form) fuzz::require(!k.empty(), "a form field with no name");
    const std::string any(in);
    fuzz::require(web::url_decode(web::url_encode(any), true) == any,
                  "url_decode(url_encode(s)) is not s");
    auto form = web::parse_url_encoded("field=" + web::url_encode(any));
    fuzz::require(form["field"] == any, "an encoded value does not come back from a form");
    return 0;
}
