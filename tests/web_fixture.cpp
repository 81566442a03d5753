#include "web_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace scrutineer::test {

HttpResult http_request(unsigned short port, const std::string& method, const std::string& target,
                        const std::map<std::string, std::string>& headers,
                        const std::string& body) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to the test server");
    }
    std::string req =
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
    if (!body.empty() || method == "POST")
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    for (size_t sent = 0; sent < req.size();) {
        ssize_t n = ::send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
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
    if (end == std::string::npos) throw std::runtime_error("no HTTP response");
    std::string head = raw.substr(0, end);
    r.body = raw.substr(end + 4);
    r.status = std::stoi(head.substr(9, 3));
    size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos < head.size()) {
        size_t next = head.find("\r\n", pos + 2);
        std::string line =
            head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
        size_t colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name;
            for (char c : line.substr(0, colon))
                name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            auto& slot = r.headers[name];
            slot = slot.empty() ? value : slot + "\n" + value;
        }
        pos = next;
    }
    return r;
}

RunningApp::RunningApp(const std::string& database) {
    web::AppOptions o;
    o.database = database;
    o.templates_dir = SCRUTINEER_WEB_DIR "/templates";
    o.static_dir = SCRUTINEER_WEB_DIR "/static";
    o.govuk_dir = SCRUTINEER_GOVUK_DIR;
    app_ = std::make_unique<web::App>(o);
    web::ServerOptions so;
    so.port = 0;
    so.threads = 2;
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

}  // namespace scrutineer::test
