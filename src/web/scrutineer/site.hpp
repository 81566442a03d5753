// What a family of pages (plans, panels and meetings, the PCC's accountability, commissioned
// services, ...) gets from the web application: the store, the page layout, who is asking, and
// the standard answers. The application implements it; each family is a free function that
// answers the requests it knows and returns nothing for the others, so that a new family is a new
// file and one line in app.cpp.
//
// Rules every family keeps:
// - read through store loaders that take the viewer's role and leave out what it may not see;
// - every change writes an audit-log row (store::audit): that row is what tells the page cache
//   that the store has changed, so anonymous visitors never see a stale page;
// - state-changing requests are POSTs (their CSRF token is checked before the family is asked)
//   and answer with a redirect (303) on success or the form again with an error summary.
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/database_pool.hpp"
#include "scrutineer/dataset.hpp"
#include "scrutineer/http.hpp"
#include "scrutineer/templates.hpp"
#include "scrutineer/trimmed.hpp"

namespace scrutineer::web {

class Site {
  public:
    virtual ~Site() = default;

    virtual DatabasePool::Lease database() = 0;
    virtual Role role() const = 0;
    virtual bool signed_in() const = 0;
    // The signed-in user's name for the audit log ("public" for anonymous visitors).
    virtual std::string actor() const = 0;
    virtual CalendarDate today() const = 0;
    // The site's public address (AppOptions::public_url, without a trailing '/'): the start of
    // absolute links. Never from the request's Host header.
    virtual const std::string& public_url() const = 0;
    // The indicator data as last loaded from the store (reloaded when an import changes it).
    virtual std::shared_ptr<const Dataset> indicator_data() = 0;

    // A page: the template `name` (src/web/templates/name.mustache) inside the GOV.UK layout.
    // The data gets `csrf_token` and `may_edit` added.
    virtual Response page(const Request& req, const std::string& name, const std::string& title,
                          Data data, int status = 200) = 0;
    virtual Response not_found(const Request& req, const std::string& what) = 0;
    virtual Response bad_request(const Request& req, const std::string& field,
                                 const std::string& message) = 0;
    virtual Response forbidden(const Request& req, const std::string& message) = 0;
    // Nothing when allowed; otherwise anonymous visitors are sent to sign in and signed-in users
    // without the role are refused ("Your role does not allow you to <what>.").
    virtual std::optional<Response> require(const Request& req, bool allowed,
                                            const std::string& what) = 0;
};

// A family of pages: the answer to a request it knows, or nothing.
using PageFamily = std::optional<Response> (*)(Site& site, const Request& req);

// A database id from a URL segment (digits only), or nothing.
std::optional<int64_t> parse_id(const std::string& text);

// `{"has_error": true, "error": message, "error_field": field}` for a form's error summary.
Data form_error(const std::string& field, const std::string& message);

// A form's errors: the list for the error summary, and each field's message beside it
// (`has_error_grant_amount` and `error_grant_amount` for the field with id "grant-amount").
struct FormErrors {
    Data list = web::list();
    std::map<std::string, std::string> by_field;
    // The first message given for a field is the one kept.
    void add(const std::string& field, const std::string& message);
    bool any() const { return !by_field.empty(); }
    // has_errors, errors, and has_error_<key> and error_<key> for each field with an error
    // (key: the field with '-' written '_').
    void into(Data& d) const;
    // has_errors, errors, and has_error_<field> and error_<field> (false and "" when it has
    // none) for each of `fields`.
    void into(Data& d, std::initializer_list<const char*> fields) const;
};

// `{"value": value, "label": label, "selected": selected}`: an option of a select or radios.
Data choice(const std::string& value, const std::string& label, bool selected);

// "/meetings/12/attendance" split at '/': {"meetings", "12", "attendance"}.
std::vector<std::string> path_segments(const std::string& path);

}  // namespace scrutineer::web
