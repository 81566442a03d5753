#include "scrutineer/templates.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "scrutineer/form_text.hpp"

namespace scrutineer::web {

namespace fs = std::filesystem;

Templates::Templates(const std::string& dir) {
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".mustache") continue;
        std::ifstream in(e.path());
        std::stringstream s;
        s << in.rdbuf();
        kainjow::mustache::mustache check(s.str());
        if (!check.is_valid())
            throw std::runtime_error(e.path().string() + ": " + check.error_message());
        sources_[e.path().stem().string()] = s.str();
    }
    if (!sources_.count("layout")) throw std::runtime_error(dir + ": no layout.mustache");
    // Partials ({{>_name}}, from _name.mustache) are written into the templates that use them
    // once, here: kainjow would otherwise re-parse a partial at every use, and passing partials
    // through the data would copy the data at every render.
    for (auto& [name, source] : sources_) {
        for (int expansions = 0; expansions < 100; ++expansions) {  // bounded: no cycles
            size_t at = source.find("{{>");
            if (at == std::string::npos) break;
            size_t end = source.find("}}", at);
            std::string partial = source.substr(at + 3, end - at - 3);
            // Mustache allows spaces around the name: {{> _name }}.
            partial.erase(0, partial.find_first_not_of(' '));
            partial.erase(partial.find_last_not_of(' ') + 1);
            auto it = sources_.find(partial);
            if (it == sources_.end())
                throw std::runtime_error(dir + "/" + name + ".mustache: no partial " + partial);
            source.replace(at, end + 2 - at, it->second);
        }
    }
}

std::string Templates::render(const std::string& name, const Data& data) const {
    // Parsed templates are kept per thread: rendering mutates the template object's state.
    thread_local std::map<const Templates*, std::map<std::string, kainjow::mustache::mustache>>
        parsed;
    auto& mine = parsed[this];
    auto it = mine.find(name);
    if (it == mine.end()) {
        auto src = sources_.find(name);
        if (src == sources_.end()) throw std::runtime_error("no template " + name);
        it = mine.emplace(name, kainjow::mustache::mustache(src->second)).first;
        // Every value is shown as text (HTML-escaped), and as valid UTF-8 without control
        // characters: a byte that is not UTF-8, a NUL or an escape stored before the forms were
        // checked (form_text.hpp) is never served raw.
        it->second.set_custom_escape([](const std::string& text) {
            return kainjow::mustache::html_escape<std::string>(shown_text(text));
        });
    }
    return it->second.render(data);
}

std::string Templates::page(const std::string& page, const std::string& title, Data data,
                            const Data& layout_fields) const {
    std::string content = render(page, data);
    Data layout = layout_fields;
    layout.set("title", title);
    layout.set("content", content);
    return render("layout", layout);
}

Data list() {
    return Data(Data::type::list);
}
Data object() {
    return Data(Data::type::object);
}

}  // namespace scrutineer::web
