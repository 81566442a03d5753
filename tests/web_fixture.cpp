#include "web_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>
#include <sstream>
#include <stdexcept>

#include "scrutineer/http.hpp"

namespace scrutineer::test {

int connect_from(unsigned short port, const std::string& from, int timeout_s) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    timeval timeout{timeout_s, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::inet_pton(AF_INET, from.c_str(), &local.sin_addr) != 1 ||
        ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

HttpResult raw_request(unsigned short port, const std::string& bytes, const std::string& source) {
    int fd = connect_from(port, source.empty() ? "127.0.0.1" : source, 30);
    if (fd < 0) throw std::runtime_error("cannot connect to the test server from " + source);
    for (size_t sent = 0; sent < bytes.size();) {
        ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
    }
    std::string raw;
    char buf[65536];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
        raw.append(buf, static_cast<size_t>(n));
    ::close(fd);
    HttpResult r;
    size_t end = raw.find("\r\n\r\n");
    if (raw.size() < 12 || end == std::string::npos) return r;  // status 0: no answer
    r.status = std::stoi(raw.substr(9, 3));
    r.body = raw.substr(end + 4);
    std::stringstream head(raw.substr(0, end));
    std::string line;
    std::getline(head, line);  // the status line
    while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name;
        for (char c : line.substr(0, colon))
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        auto& slot = r.headers[name];
        slot = slot.empty() ? value : slot + "\n" + value;
    }
    return r;
}

HttpResult http_request(unsigned short port, const std::string& method, const std::string& target,
                        const std::map<std::string, std::string>& headers, const std::string& body,
                        const std::string& source) {
    std::string req =
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
    if (!body.empty() || method == "POST")
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    auto r = raw_request(port, req + "\r\n" + body, source);
    if (r.status == 0) throw std::runtime_error("no HTTP response");
    return r;
}

RunningApp::RunningApp(const std::string& database, std::vector<std::string> trusted_proxies,
                       const std::string& public_url) {
    web::AppOptions o;
    o.database = database;
    o.public_url = public_url;
    o.templates_dir = SCRUTINEER_WEB_DIR "/templates";
    o.static_dir = SCRUTINEER_WEB_DIR "/static";
    o.govuk_dir = SCRUTINEER_GOVUK_DIR;
    app_ = std::make_unique<web::App>(o);
    web::ServerOptions so;
    so.port = 0;
    so.threads = 2;
    so.trusted_proxies = std::move(trusted_proxies);
    server_ = std::make_unique<web::Server>(
        so, [this](const web::Request& r) { return app_->handle(r); });
    thread_ = std::thread([this] { server_->run(false); });
    server_->wait_until_listening();
    port_ = server_->port();
}

RunningApp::~RunningApp() {
    server_->stop();
    thread_.join();
}

std::string Browser::cookie_header() const {
    std::string h;
    for (const auto& [k, v] : cookies) h += (h.empty() ? "" : "; ") + k + "=" + v;
    return h;
}

void Browser::take_cookies(const HttpResult& r) {
    auto it = r.headers.find("set-cookie");
    if (it == r.headers.end()) return;
    std::stringstream lines(it->second);
    std::string line;
    while (std::getline(lines, line)) {
        auto eq = line.find('='), semi = line.find(';');
        std::string name = line.substr(0, eq), value = line.substr(eq + 1, semi - eq - 1);
        if (line.find("Max-Age=0") != std::string::npos)
            cookies.erase(name);
        else
            cookies[name] = value;
    }
}

HttpResult Browser::get(const std::string& target) {
    std::map<std::string, std::string> headers{{"Cookie", cookie_header()}};
    if (!forwarded_for.empty()) headers["X-Forwarded-For"] = forwarded_for;
    auto r = http_request(port, "GET", target, headers, "", source);
    take_cookies(r);
    return r;
}

HttpResult Browser::post(const std::string& target, const std::string& body,
                         const std::string& type) {
    std::map<std::string, std::string> headers{{"Cookie", cookie_header()}, {"Content-Type", type}};
    if (!forwarded_for.empty()) headers["X-Forwarded-For"] = forwarded_for;
    auto r = http_request(port, "POST", target, headers, body, source);
    take_cookies(r);
    return r;
}

std::string Browser::token_for(const std::string& page) {
    std::string token = token_in(get(page).body);
    if (token.empty() && page != "/login") token = token_in(get("/login").body);
    return token;
}

HttpResult Browser::post_form(const std::string& target, const std::string& body,
                              const std::string& token_page) {
    std::string token = token_for(token_page);
    return post(target, "csrf_token=" + token + (body.empty() ? "" : "&" + body));
}

HttpResult Browser::post_fields(const std::string& target,
                                const std::vector<std::pair<std::string, std::string>>& fields,
                                const std::string& token_page) {
    std::string body;
    for (const auto& [k, v] : fields)
        body += (body.empty() ? "" : "&") + k + "=" + web::url_encode(v);
    return post_form(target, body, token_page);
}

HttpResult Browser::upload(const std::string& target, const std::string& filename,
                           const std::string& content, const std::string& content_type,
                           const std::string& token_page) {
    const std::string boundary = "scrutineer-test-boundary";
    std::string token = token_for(token_page);
    std::string body = "--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + token +
                       "\r\n--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
                       "\"\r\nContent-Type: " + content_type + "\r\n\r\n" + content + "\r\n--" +
                       boundary + "--\r\n";
    return post(target, body, "multipart/form-data; boundary=" + boundary);
}

std::string Browser::token_in(const std::string& html) {
    std::smatch m;
    if (std::regex_search(html, m, std::regex("name=\"csrf_token\" value=\"([0-9a-f]+)\"")))
        return m[1];
    return {};
}

HttpResult Browser::sign_in(const std::string& user, const std::string& password) {
    return post_form("/login", "username=" + web::url_encode(user) +
                                   "&password=" + web::url_encode(password) + "&next=%2F");
}

}  // namespace scrutineer::test
