#include "scrutineer/http.hpp"

#include <cctype>

#include "scrutineer/form_text.hpp"

namespace scrutineer::web {

std::string Request::query_value(const std::string& name, const std::string& fallback) const {
    auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
}

std::string Request::form_value(const std::string& name) const {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
}

Response Response::html(std::string body, int status) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Response Response::json(std::string body, int status) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = std::move(body);
    return r;
}

Response Response::text(std::string body, int status) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(body);
    return r;
}

void add_security_headers(Response& r, bool behind_tls) {
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    // An answer sets its own policy only to be stricter: a standalone report (report_formats.hpp)
    // carries its stylesheet inside it and may run no script at all.
    bool has_policy = false;
    for (const auto& [k, v] : r.headers)
        if (k == "Content-Security-Policy") has_policy = true;
    if (!has_policy)
        r.headers.emplace_back(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'");
    if (behind_tls)
        r.headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

Response Response::redirect(const std::string& location) {
    Response r;
    r.status = 303;
    r.headers.emplace_back("Location", location);
    return r;
}

std::string url_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '+' && plus_is_space) {
            out += ' ';
        } else if (c == '%' && i + 2 < s.size() &&
                   std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string url_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_url_encoded(std::string_view s) {
    std::map<std::string, std::string> out;
    while (!s.empty()) {
        size_t amp = s.find('&');
        std::string_view pair = s.substr(0, amp);
        size_t eq = pair.find('=');
        std::string key = url_decode(pair.substr(0, eq), true);
        std::string value =
            eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1), true);
        if (!key.empty()) out.emplace(std::move(key), std::move(value));
        if (amp == std::string_view::npos) break;
        s.remove_prefix(amp + 1);
    }
    return out;
}

std::map<std::string, std::string> parse_cookies(std::string_view header) {
    std::map<std::string, std::string> out;
    while (!header.empty()) {
        size_t semi = header.find(';');
        std::string_view pair = header.substr(0, semi);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos)
            out.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
        if (semi == std::string_view::npos) break;
        header.remove_prefix(semi + 1);
    }
    return out;
}

Request make_request(std::string method, std::string target,
                     std::map<std::string, std::string> headers, std::string body) {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    size_t q = r.target.find('?');
    r.path = url_decode(std::string_view(r.target).substr(0, q), false);
    if (q != std::string::npos)
        r.query = parse_url_encoded(std::string_view(r.target).substr(q + 1));
    for (auto& [k, v] : headers) {
        std::string lower;
        for (char c : k) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[lower] = v;
    }
    if (auto c = r.headers.find("cookie"); c != r.headers.end())
        r.cookies = parse_cookies(c->second);
    if (auto p = r.headers.find("x-forwarded-proto"); p != r.headers.end())
        r.secure = p->second == "https";
    r.body = std::move(body);
    auto ct = r.headers.find("content-type");
    if (r.method == "POST" && ct != r.headers.end() &&
        ct->second.rfind("application/x-www-form-urlencoded", 0) == 0 &&
        r.body.size() <= kMaxFormBytes)
        r.form = parse_url_encoded(r.body);
    // A textarea's line breaks come as CR LF: the text is kept, and checked, with LF only.
    for (auto& [name, value] : r.form)
        if (value.find('\r') != std::string::npos) value = with_lf_line_breaks(std::move(value));
    return r;
}

}  // namespace scrutineer::web
