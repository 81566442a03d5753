// Server-side HTML from mustache templates (kainjow mustache: HTML-escapes by default). Each
// page template renders the main content; the layout wraps it in the GOV.UK page template.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <string>

namespace scrutineer::web {

using Data = kainjow::mustache::data;

class Templates {
  public:
    // Reads every *.mustache file in `dir`; throws naming the file if one does not parse.
    explicit Templates(const std::string& dir);
    // Renders `page` into the layout with the page title and the layout's own fields.
    std::string page(const std::string& page, const std::string& title, Data data,
                     const Data& layout_fields) const;
    std::string render(const std::string& name, const Data& data) const;

  private:
    std::map<std::string, std::string> sources_;
};

// Helpers to build mustache data.
Data list();
Data object();

}  // namespace scrutineer::web
