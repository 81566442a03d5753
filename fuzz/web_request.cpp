// The whole web application, request by request, on a store loaded with the Norfolk demo data:
// every page, form and API answer the router reaches. The first byte chooses who asks (nobody
// or a signed-in user of each role), the method, whether the form carries the right CSRF token
// and whether it is an upload; then the target (path and query) up to a newline; the rest is
// the body.
//
// Besides "no crash": no answer is a 5xx (an exception escaping a handler means some input was
// not checked and the user gets no clear message), and no answer to a role that may not see
// ASB case personal data contains any victim's or applicant's name, address, telephone or email.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "fuzz_support.hpp"
#include "scrutineer/app.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/http.hpp"
#include "scrutineer/user_store.hpp"

using namespace scrutineer;
namespace fs = std::filesystem;

namespace {

struct Visitor {
    std::string cookie;  // the Cookie header
    std::string token;   // the CSRF token of its forms
    bool sees_personal_data = false;
};

struct World {
    std::unique_ptr<web::App> app;
    std::vector<Visitor> visitors;  // [0] is nobody
    std::vector<std::string> personal;
};

World* world = nullptr;

std::string set_cookie_pair(const web::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
    return {};
}

std::string token_in(const std::string& html) {
    const std::string mark = "name=\"csrf_token\" value=\"";
    size_t p = html.find(mark);
    if (p == std::string::npos) return {};
    p += mark.size();
    return html.substr(p, html.find('"', p) - p);
}

Visitor sign_in(web::App& app, const std::string& username, const std::string& password) {
    auto form = app.handle(web::make_request("GET", "/login", {}, ""));
    std::string csrf = set_cookie_pair(form, "scrutineer_csrf");
    std::string token = token_in(form.body);
    auto r = app.handle(web::make_request(
        "POST", "/login", {{"Cookie", csrf}, {"Content-Type", "application/x-www-form-urlencoded"}},
        "csrf_token=" + token + "&username=" + username + "&password=" + password));
    Visitor v;
    v.cookie = set_cookie_pair(r, "scrutineer_session");
    if (v.cookie.empty()) {
        std::fprintf(stderr, "fuzz set-up: %s could not sign in (%d)\n", username.c_str(),
                     r.status);
        std::abort();
    }
    v.token = token_in(app.handle(web::make_request("GET", "/", {{"Cookie", v.cookie}}, "")).body);
    return v;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    static World w;
    fs::path dir = fs::temp_directory_path() / ("scrutineer-fuzz-web-" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::string db_path = (dir / "demo.db").string();
    std::string command =
        std::string(SCRUTINEER_BINARY) + " demo --database " + db_path + " >/dev/null 2>&1";
    if (!fs::exists(db_path) && std::system(command.c_str()) != 0) {
        std::fprintf(stderr, "fuzz set-up: '%s' failed\n", command.c_str());
        std::abort();
    }
    const std::string password = "correct horse battery staple";
    {
        auto db = store::open_database(db_path);
        // (No user may have the public role: that is anyone who has not signed in, Visitor{}.)
        const std::pair<const char*, Role> users[] = {{"member", Role::panel_member},
                                                      {"officer", Role::officer},
                                                      {"caseworker", Role::case_worker},
                                                      {"admin", Role::administrator}};
        for (const auto& [name, role] : users)
            store::create_user(*db, name, name, role, password, "fuzz");
        for (const auto& row :
             db->query("SELECT victim_name, victim_address, victim_phone, victim_email, "
                       "applicant_name, applicant_address, applicant_phone, applicant_email FROM "
                       "case_review_cases"))
            for (const auto& v : row)
                if (v && v->size() >= 8) w.personal.push_back(*v);
    }
    web::AppOptions o;
    o.database = db_path;
    o.templates_dir = SCRUTINEER_WEB_DIR "/templates";
    o.static_dir = SCRUTINEER_WEB_DIR "/static";
    o.govuk_dir = SCRUTINEER_GOVUK_DIR;
    w.app = std::make_unique<web::App>(o);
    w.visitors.push_back(Visitor{});
    for (const char* name : {"member", "officer", "caseworker", "admin"}) {
        w.visitors.push_back(sign_in(*w.app, name, password));
        w.visitors.back().sees_personal_data =
            std::string(name) == "caseworker" || std::string(name) == "admin";
    }
    world = &w;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const uint8_t how = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    size_t eol = rest.find('\n');
    std::string target(rest.substr(0, eol));
    std::string body = eol == std::string_view::npos ? "" : std::string(rest.substr(eol + 1));
    if (target.empty() || target[0] != '/') target.insert(0, "/");
    const Visitor& v = world->visitors[(how & 7) % world->visitors.size()];
    const bool post = how & 8, with_token = how & 16, upload = how & 32;
    // Signing out would end the visitor's session for every later input.
    if (post && target.find("logout") != std::string::npos) return 0;
    std::map<std::string, std::string> headers;
    if (!v.cookie.empty()) headers["Cookie"] = v.cookie;
    if (how & 64) headers["X-Forwarded-Proto"] = "https";
    if (post && upload) {
        headers["Content-Type"] = "multipart/form-data; boundary=fuzz";
        if (with_token)
            body = "--fuzz\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
                   v.token + "\r\n" + body;
    } else if (post) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        if (with_token) body = "csrf_token=" + v.token + "&" + body;
    }
    auto r = world->app->handle(web::make_request(post ? "POST" : "GET", target, headers, body));
    if (r.status >= 500) {
        std::fprintf(stderr, "%s %s answered %d:\n%s\n", post ? "POST" : "GET", target.c_str(),
                     r.status, r.content().substr(0, 2000).c_str());
        std::abort();
    }
    // A page that echoes the request (the 404 page names the path it was asked for) shows the
    // asker only their own words: a secret counts as leaked only when the request did not hold it.
    if (!v.sees_personal_data)
        for (const auto& secret : world->personal)
            if (r.content().find(secret) != std::string::npos &&
                rest.find(secret) == std::string_view::npos) {
                std::fprintf(stderr, "%s %s showed personal data '%s' to a role without it\n",
                             post ? "POST" : "GET", target.c_str(), secret.c_str());
                std::abort();
            }
    return 0;
}
