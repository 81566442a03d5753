// The web application: routes, pages and the JSON API over the store.
#pragma once

#include <memory>
#include <string>

#include "scrutineer/http.hpp"

namespace scrutineer::web {

struct AppOptions {
    std::string database;       // SQLite path or postgresql:// URL
    std::string templates_dir;  // src/web/templates
    std::string static_dir;     // src/web/static
    std::string govuk_dir;      // node_modules/govuk-frontend/dist/govuk
    // Where the site is reached, like https://scrutiny.example.gov.uk: the start of every
    // absolute link (the iCalendar feeds'), never taken from a request's Host header, which is
    // the sender's to choose. http:// or https://, a host, an optional port and path; empty:
    // http://localhost.
    std::string public_url;
};

class App {
  public:
    explicit App(const AppOptions& options);
    ~App();
    Response handle(const Request& request);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace scrutineer::web
