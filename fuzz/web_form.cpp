// What every web form and query goes through first: a request's target (path and query), its
// headers and cookies, and an application/x-www-form-urlencoded body. Also checks that encoding
// then decoding gives back any text.
#include "fuzz_support.hpp"
#include "scrutineer/form_text.hpp"
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
    for (const auto& [k, v] : r.form) {
        fuzz::require(!k.empty(), "a form field with no name");
        fuzz::require(v.find("\r\n") == std::string::npos, "a form value keeps a CR LF");
    }
    web::text_problems(r.form);
    const std::string any(in);
    // Text as pages show it is UTF-8 without control characters (but tab and line breaks).
    std::string shown = web::shown_text(any);
    std::string problem = web::text_problem("summary", shown);
    fuzz::require(problem.empty() || problem.find("characters or less") != std::string::npos ||
                      shown.find('\r') != std::string::npos,
                  "shown_text leaves text that is not UTF-8 or has control characters");
    fuzz::require(web::url_decode(web::url_encode(any), true) == any,
                  "url_decode(url_encode(s)) is not s");
    auto form = web::parse_url_encoded("field=" + web::url_encode(any));
    fuzz::require(form["field"] == any, "an encoded value does not come back from a form");
    return 0;
}
