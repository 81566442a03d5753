// The real web application on a loopback port, and a small HTTP client for the tests.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <thread>

#include "scrutineer/app.hpp"
#include "scrutineer/http.hpp"

namespace scrutineer::test {

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie values joined by \n
    std::string body;
};

// One request over a fresh connection (Connection: close).
HttpResult http_request(unsigned short port, const std::string& method, const std::string& target,
                        const std::map<std::string, std::string>& headers = {},
                        const std::string& body = "");

// Serves `database` until destroyed.
class RunningApp {
  public:
    explicit RunningApp(const std::string& database);
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
