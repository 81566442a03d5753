// Every route the web application answers, in one table. The router answers any request that
// matches none of them as not found (404; 405 for a POST) before a page family is asked, so a new
// page cannot be reached until it is listed here; and tests/test_web_security.cpp checks every
// listed route, as every role and as nobody, against the permission table (docs/security.md),
// failing for a route its matrix does not name.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace scrutineer::web {

// A route's path pattern is its segments; a segment may hold one placeholder, with literal text
// before or after it ("{id}.pdf"):
//   {id}      a database id: digits only
//   {name}    any one segment (an area code, an import job's id, a service's key)
//   {format}  a document format: html, pdf, docx or xlsx (report_formats.hpp)
//   {rest}    the rest of the path, one segment or more (an indicator's name may hold a '/')
struct Route {
    std::string_view method;   // "GET" (which also answers HEAD) or "POST"
    std::string_view pattern;  // "/asb/cases/{id}/letters/{id}.pdf"
};

// Every route, static files aside (they are served from memory before any route is asked).
std::span<const Route> routes();

// "/meetings/12/attendance" split at '/', empty segments skipped: {"meetings", "12", "attendance"}.
std::vector<std::string_view> segments_of(std::string_view path);

// Whether `path` (decoded, as Request::path) matches `pattern`.
bool route_matches(std::string_view pattern, std::string_view path);

// Whether some route answers `method` (HEAD as GET) on `path`.
bool route_exists(std::string_view method, std::string_view path);

}  // namespace scrutineer::web
