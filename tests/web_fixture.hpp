// The real web application on a loopback port, and a small HTTP client for the tests.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "scrutineer/app.hpp"
#include "scrutineer/http.hpp"

namespace scrutineer::test {

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie values joined by \n
    std::string body;
};

// A client socket connected to 127.0.0.1:port from `from` (any loopback address: 127.0.0.1 and
// 127.0.0.2 are both this machine's on Linux), its reads timing out after `timeout_s`; -1 when
// it cannot be made.
int connect_from(unsigned short port, const std::string& from = "127.0.0.1", int timeout_s = 10);

// A request written byte for byte, read until the server closes (30 s at most); status 0 when
// nothing like an HTTP answer came back. `source`: the loopback address to send from (e.g.
// 127.0.0.7, so that the server sees another visitor), or "" for 127.0.0.1.
HttpResult raw_request(unsigned short port, const std::string& bytes,
                       const std::string& source = "");
// One request over a fresh connection (Connection: close).
HttpResult http_request(unsigned short port, const std::string& method, const std::string& target,
                        const std::map<std::string, std::string>& headers = {},
                        const std::string& body = "", const std::string& source = "");

// Just enough of a browser for the tests: a cookie jar, the CSRF token of a page's forms, signing
// in, and form posts.
struct Browser {
    Browser() = default;
    Browser(unsigned short p, std::map<std::string, std::string> c = {})
        : port(p), cookies(std::move(c)) {}

    unsigned short port = 0;
    std::map<std::string, std::string> cookies;
    std::string source;         // the loopback address it sends from ("": 127.0.0.1)
    std::string forwarded_for;  // sent as X-Forwarded-For when not empty

    std::string cookie_header() const;
    void take_cookies(const HttpResult& r);  // Set-Cookie, and "Max-Age=0" removes
    HttpResult get(const std::string& target);
    HttpResult post(const std::string& target, const std::string& body,
                    const std::string& type = "application/x-www-form-urlencoded");
    // The CSRF token of `page`'s forms (signed-in pages all have one in the sign-out form), or of
    // /login's when it has none (an anonymous visitor's page without forms).
    std::string token_for(const std::string& page);
    // A form post carrying the CSRF token of `token_page`'s forms (token_for).
    HttpResult post_form(const std::string& target, const std::string& body,
                         const std::string& token_page = "/login");
    // post_form of `fields`, URL-encoded.
    HttpResult post_fields(const std::string& target,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& token_page = "/login");
    // A multipart upload of one file field "file" and the CSRF token of `token_page`.
    HttpResult upload(const std::string& target, const std::string& filename,
                      const std::string& content, const std::string& content_type,
                      const std::string& token_page);
    // The CSRF token in a page's forms, or "".
    static std::string token_in(const std::string& html);
    // Signs in through /login; the answer (303 on success).
    HttpResult sign_in(const std::string& user, const std::string& password);
};

// Serves `database` until destroyed (believing X-Forwarded-For from `trusted_proxies`; with
// AppOptions::public_url `public_url`).
class RunningApp {
  public:
    explicit RunningApp(const std::string& database, std::vector<std::string> trusted_proxies = {},
                        const std::string& public_url = "");
    ~RunningApp();
    unsigned short port() const { return port_; }
    HttpResult get(const std::string& target,
                   const std::map<std::string, std::string>& headers = {}) const {
        return http_request(port_, "GET", target, headers);
    }

  private:
    std::unique_ptr<web::App> app_;
    std::unique_ptr<web::Server> server_;
    std::thread thread_;
    unsigned short port_ = 0;
};

}  // namespace scrutineer::test
