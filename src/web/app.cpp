#include "scrutineer/app.hpp"

#include <fmt/format.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <shared_mutex>
#include <sstream>

#include "scrutineer/database_pool.hpp"
#include "scrutineer/display_rounding.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/indicator_table.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/long_term_average.hpp"
#include "scrutineer/migrations.hpp"
#include "scrutineer/significance.hpp"
#include "scrutineer/svg_chart.hpp"
#include "scrutineer/templates.hpp"

namespace fs = std::filesystem;

namespace scrutineer::web {
namespace {

struct StaticFile {
    std::string content_type;
    std::string body;
};

std::string content_type_of(const fs::path& p) {
    std::string ext = p.extension().string();
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".woff") return "font/woff";
    if (ext == ".json") return "application/json";
    if (ext == ".map") return "application/json";
    return "application/octet-stream";
}

// Loads every file under `dir` into memory as url_prefix/relative-path. Serving only from this
// map means no request path ever reaches the file system.
void load_static(std::map<std::string, StaticFile>& out, const fs::path& dir,
                 const std::string& url_prefix) {
    if (!fs::exists(dir)) return;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        std::string rel = fs::relative(e.path(), dir).generic_string();
        out[url_prefix + rel] = StaticFile{content_type_of(e.path()), s.str()};
    }
}

// The data behind the indicator pages, reloaded when an import changes the store.
struct Snapshot {
    int64_t version = -1;
    Dataset data;
    std::optional<Month> latest;
    mutable std::mutex mutex;
    mutable std::map<int, std::shared_ptr<const std::vector<AreaTable>>> tables;

    std::shared_ptr<const std::vector<AreaTable>> tables_for(Month m) const {
        std::lock_guard lock(mutex);
        auto& t = tables[m.index];
        if (!t) t = std::make_shared<const std::vector<AreaTable>>(compute_tables(data, m));
        return t;
    }
};

int64_t data_version(store::Database& db) {
    auto r = db.query("SELECT COALESCE(MAX(id), 0) FROM imports");
    return store::as_int(r.at(0).at(0));
}

Data row_data(const Dataset& data, const IndicatorRow& r) {
    DisplayRow d = display_row(r);
    Data row = object();
    row.set("indicator", r.indicator);
    row.set("indicator_url", "/indicators/" + url_encode(r.indicator) +
                                 "?area=" + url_encode(data.areas[r.area].code) +
                                 "&month=" + to_string(r.period_end));
    row.set("area", data.areas[r.area].name);
    row.set("area_url",
            "/areas/" + url_encode(data.areas[r.area].code) + "?month=" + to_string(r.period_end));
    row.set("not_available", d.spans);
    row.set("last_12", d.last_12);
    row.set("lta", d.lta);
    row.set("difference", d.difference);
    row.set("significance", d.significance);
    row.set("significant", r.z && is_significant(*r.z));
    return row;
}

// The fields the indicator_rows partial reads, besides the rows.
void set_table_fields(Data& d, const Dataset& data, const AreaTable& t, const std::string& caption,
                      const std::string& first_column, bool by_area) {
    Data notes = list();
    for (const auto& f : footnotes(data, t)) notes.push_back(Data(f));
    d.set("has_footnotes", !notes.is_empty_list());
    d.set("footnotes", notes);
    d.set("caption", caption);
    d.set("first_column", first_column);
    d.set("by_area", by_area);
}

std::string month_label(Month m) {
    return long_name(m);
}

}  // namespace

struct App::Impl {
    AppOptions options;
    Templates templates;
    DatabasePool pool;
    std::map<std::string, StaticFile> files;

    std::shared_mutex snapshot_mutex;
    std::shared_ptr<const Snapshot> snapshot;
    std::chrono::steady_clock::time_point checked{};

    explicit Impl(const AppOptions& o) : options(o), templates(o.templates_dir), pool(o.database) {
        {
            auto db = pool.acquire();
            store::migrate(*db);
        }
        load_static(files, fs::path(o.govuk_dir) / "assets", "/assets/");
        load_static(files, o.static_dir, "/javascripts/");
        for (const char* f : {"govuk-frontend.min.js", "govuk-frontend.min.js.map"})
            load_static_one(fs::path(o.govuk_dir) / f, std::string("/javascripts/") + f);
        load_static_one(fs::path(o.govuk_dir) / "govuk-frontend.min.css",
                        "/stylesheets/govuk-frontend.min.css");
        load_static_one(fs::path(o.static_dir) / "app.css", "/stylesheets/app.css");
        if (!files.count("/stylesheets/govuk-frontend.min.css"))
            throw std::runtime_error("govuk-frontend is not installed in " + o.govuk_dir +
                                     ": run `npm ci` (scripts/setup.sh does)");
    }

    void load_static_one(const fs::path& p, const std::string& url) {
        std::ifstream in(p, std::ios::binary);
        if (!in) return;
        std::stringstream s;
        s << in.rdbuf();
        files[url] = StaticFile{content_type_of(p), s.str()};
    }

    // The current data, reloaded at most once a second if an import has changed it.
    std::shared_ptr<const Snapshot> current() {
        auto now = std::chrono::steady_clock::now();
        {
            std::shared_lock lock(snapshot_mutex);
            if (snapshot && now - checked < std::chrono::seconds(1)) return snapshot;
        }
        std::unique_lock lock(snapshot_mutex);
        if (snapshot && now - checked < std::chrono::seconds(1)) return snapshot;
        auto db = pool.acquire();
        int64_t version = data_version(*db);
        checked = now;
        if (!snapshot || snapshot->version != version) {
            auto s = std::make_shared<Snapshot>();
            s->version = version;
            s->data = store::load_dataset(*db);
            s->latest = s->data.latest_month();
            snapshot = s;
        }
        return snapshot;
    }

    Data layout_fields(const Request&) {
        Data d = object();
        d.set("signed_in", false);
        d.set("may_edit", false);
        return d;
    }

    Response page(const Request& req, const std::string& name, const std::string& title, Data data,
                  int status = 200) {
        return Response::html(templates.page(name, title, std::move(data), layout_fields(req)),
                              status);
    }

    Response not_found(const Request& req, const std::string& what) {
        Data d = object();
        d.set("heading", "Page not found");
        d.set("message", what);
        return page(req, "error", "Page not found", d, 404);
    }

    Response bad_request(const Request& req, const std::string& field, const std::string& message) {
        Data d = object();
        d.set("heading", "There is a problem");
        d.set("message", message);
        d.set("field", field);
        return page(req, "error", "There is a problem", d, 400);
    }

    // ?month=YYYY-MM or the latest month; an error response when the text is not a month.
    std::optional<Month> month_param(const Request& req, const Snapshot& s, Response& error) {
        std::string text = req.query_value("month");
        if (text.empty()) {
            if (!s.latest) error = not_found(req, "There is no indicator data yet.");
            return s.latest;
        }
        auto m = parse_month(text);
        if (!m)
            error = bad_request(req, "month", "Enter the month as YYYY-MM, for example 2021-12");
        return m;
    }

    Response home(const Request& req) {
        auto s = current();
        Data d = object();
        Data forces = list();
        if (s->latest) {
            auto tables = s->tables_for(*s->latest);
            for (const auto& t : *tables) {
                const Area& a = s->data.areas[t.area];
                if (a.level != AreaLevel::force) continue;
                Data f = object();
                f.set("name", a.name);
                f.set("url", "/areas/" + url_encode(a.code));
                Data rows = list();
                for (const auto& r : t.rows) rows.push_back(row_data(s->data, r));
                f.set("rows", rows);
                set_table_fields(
                    f, s->data, t,
                    fmt::format("{}: 12 months to {}", a.name, month_label(*s->latest)),
                    "Indicator", false);
                forces.push_back(f);
            }
            d.set("period", fmt::format("12 months to {}", month_label(*s->latest)));
        }
        d.set("forces", forces);
        d.set("has_data", s->latest.has_value());
        return page(req, "home", "Plans and performance", d);
    }

    Response areas(const Request& req) {
        auto s = current();
        Data d = object();
        Data items = list();
        for (const auto& a : s->data.areas) {
            Data i = object();
            i.set("name", a.name);
            i.set("code", a.code);
            i.set("level", a.level == AreaLevel::force ? "Force area" : "District");
            i.set("url", "/areas/" + url_encode(a.code));
            items.push_back(i);
        }
        d.set("areas", items);
        return page(req, "areas", "Areas", d);
    }

    Response area(const Request& req, const std::string& code) {
        auto s = current();
        Response error;
        auto m = month_param(req, *s, error);
        if (!m) return error;
        auto tables = s->tables_for(*m);
        for (const auto& t : *tables) {
            const Area& a = s->data.areas[t.area];
            if (a.code != code) continue;
            Data d = object();
            d.set("name", a.name);
            d.set("code", a.code);
            d.set("level", a.level == AreaLevel::force ? "Force area" : "District");
            d.set("period", period_sentence(*m));
            Data rows = list();
            for (const auto& r : t.rows) rows.push_back(row_data(s->data, r));
            d.set("rows", rows);
            set_table_fields(d, s->data, t, "Indicators", "Indicator", false);
            d.set("month", to_string(*m));
            d.set("csv_url", "/api/v1/indicators?month=" + to_string(*m) + "&format=csv");
            return page(req, "area", a.name, d);
        }
        return not_found(req, "There is no area with the code " + code + ".");
    }

    static std::string period_sentence(Month m) {
        auto w = windows_for(m);
        return fmt::format("Last 12 months: {} to {}. Long Term Average: {} to {}.",
                           month_label(w.last_12_first), month_label(w.last_12_last),
                           month_label(w.lta_first), month_label(w.lta_last));
    }

    Response indicators(const Request& req) {
        auto s = current();
        Data d = object();
        Data items = list();
        for (const auto& i : s->data.indicators) {
            Data e = object();
            e.set("name", i.name);
            e.set("kind", to_string(i.kind));
            e.set("url", "/indicators/" + url_encode(i.name));
            items.push_back(e);
        }
        d.set("indicators", items);
        return page(req, "indicators", "Indicators", d);
    }

    Response indicator(const Request& req, const std::string& name) {
        auto s = current();
        const IndicatorDefinition* def = s->data.find_indicator(name);
        if (!def) return not_found(req, "There is no indicator called " + name + ".");
        Response error;
        auto m = month_param(req, *s, error);
        if (!m) return error;
        std::string code =
            req.query_value("area", s->data.areas.empty() ? "" : s->data.areas[0].code);
        size_t area = s->data.areas.size();
        for (size_t a = 0; a < s->data.areas.size(); ++a)
            if (s->data.areas[a].code == code) area = a;
        if (area == s->data.areas.size())
            return not_found(req, "There is no area with the code " + code + ".");

        Data d = object();
        d.set("name", def->name);
        d.set("area", s->data.areas[area].name);
        d.set("period", period_sentence(*m));
        d.set("source_note", def->source_note);
        d.set("has_source_note", !def->source_note.empty());
        // Every area's cell for this indicator.
        auto tables = s->tables_for(*m);
        Data rows = list();
        Data notes = list();
        for (const auto& t : *tables)
            for (const auto& r : t.rows)
                if (r.indicator == name) {
                    rows.push_back(row_data(s->data, r));
                    AreaTable one{t.area, {r}};
                    for (const auto& f : footnotes(s->data, one))
                        notes.push_back(Data(s->data.areas[t.area].name + ": " + f));
                }
        d.set("rows", rows);
        d.set("footnotes", notes);
        d.set("has_footnotes", !notes.is_empty_list());
        d.set("caption", "Every area");
        d.set("first_column", "Area");
        d.set("by_area", true);
        // The trend chart and its data table: the 48 months behind the cell.
        std::string why;
        auto series = indicator_series(s->data, area, *def, &why);
        LineChart chart;
        chart.title = fmt::format("{}, {}: monthly values", def->name, s->data.areas[area].name);
        chart.value_label = def->kind == IndicatorKind::percentage ? "Per cent" : "Per month";
        Data months = list();
        auto w = windows_for(*m);
        for (Month x = w.lta_first; x <= *m; x = x + 1) {
            Data row = object();
            row.set("month", month_label(x));
            if (series && series->has(x)) {
                int64_t v = series->micro[static_cast<size_t>(x - series->first)];
                chart.points.push_back({x, static_cast<double>(v) / kMicro});
                Fraction f = from_micro(v);
                row.set("value", round_half_away(f, f.den == 1 ? 0 : 1));
            } else {
                chart.points.push_back({x, std::nullopt});
                row.set("value", "not in the data");
            }
            months.push_back(row);
        }
        chart.description = fmt::format("{} months from {} to {}.", chart.points.size(),
                                        month_label(w.lta_first), month_label(*m));
        d.set("chart", render_line_chart_svg(chart));
        d.set("months", months);
        d.set("series_note", why);
        d.set("has_series_note", !series.has_value());
        Data area_links = list();
        for (const auto& a : s->data.areas) {
            Data l = object();
            l.set("name", a.name);
            l.set("url", "/indicators/" + url_encode(name) + "?area=" + url_encode(a.code) +
                             "&month=" + to_string(*m));
            l.set("current", a.code == code);
            area_links.push_back(l);
        }
        d.set("area_links", area_links);
        return page(req, "indicator", def->name, d);
    }

    Response api_indicators(const Request& req) {
        auto s = current();
        std::string text = req.query_value("month");
        std::optional<Month> m = text.empty() ? s->latest : parse_month(text);
        if (!m) {
            nlohmann::json e = {{"error", text.empty()
                                              ? "there is no indicator data yet"
                                              : "month must be YYYY-MM, for example 2021-12"}};
            return Response::json(e.dump(), text.empty() ? 404 : 400);
        }
        auto tables = s->tables_for(*m);
        std::string csv = render_indicator_tables(s->data, *tables, TableFormat::csv);
        if (req.query_value("format") == "csv") {
            Response r = Response::text(csv);
            r.content_type = "text/csv; charset=utf-8";
            return r;
        }
        return Response::json(csv_to_json(csv));
    }

    // The API answers the CSV's rows as objects with exactly its header's keys: numbers as JSON
    // numbers (from the CSV's exactly rounded text), empty cells as null.
    static std::string csv_to_json(const std::string& csv) {
        std::vector<std::string> lines;
        std::stringstream in(csv);
        std::string line;
        while (std::getline(in, line)) lines.push_back(line);
        auto split = [](const std::string& l) {
            std::vector<std::string> f(1);
            bool q = false;
            for (size_t i = 0; i < l.size(); ++i) {
                char c = l[i];
                if (q) {
                    if (c == '"' && i + 1 < l.size() && l[i + 1] == '"')
                        f.back() += '"', ++i;
                    else if (c == '"')
                        q = false;
                    else
                        f.back() += c;
                } else if (c == '"')
                    q = true;
                else if (c == ',')
                    f.emplace_back();
                else
                    f.back() += c;
            }
            return f;
        };
        auto header = split(lines.at(0));
        static const std::set<std::string> numeric = {"last_12_months", "long_term_average",
                                                      "difference", "significance_z"};
        nlohmann::json out = nlohmann::json::array();
        for (size_t i = 1; i < lines.size(); ++i) {
            auto f = split(lines[i]);
            nlohmann::json o = nlohmann::json::object();
            for (size_t c = 0; c < header.size(); ++c) {
                const std::string& v = c < f.size() ? f[c] : "";
                if (v.empty())
                    o[header[c]] = nullptr;
                else if (numeric.count(header[c]))
                    o[header[c]] = nlohmann::json::parse(v);
                else
                    o[header[c]] = v;
            }
            out.push_back(std::move(o));
        }
        return out.dump();
    }

    Response route(const Request& req) {
        const std::string& p = req.path;
        if (req.method == "GET" || req.method == "HEAD") {
            if (auto f = files.find(p); f != files.end()) {
                Response r;
                r.content_type = f->second.content_type;
                r.body = f->second.body;
                r.headers.emplace_back("Cache-Control", "public, max-age=3600");
                return r;
            }
            if (p == "/") return home(req);
            if (p == "/areas") return areas(req);
            if (p.rfind("/areas/", 0) == 0) return area(req, p.substr(7));
            if (p == "/indicators") return indicators(req);
            if (p.rfind("/indicators/", 0) == 0) return indicator(req, p.substr(12));
            if (p == "/api/v1/indicators") return api_indicators(req);
            if (p == "/healthz") return Response::text("ok\n");
        }
        return not_found(req, "The page " + p + " does not exist.");
    }
};

App::App(const AppOptions& options) : impl_(std::make_unique<Impl>(options)) {}
App::~App() = default;

Response App::handle(const Request& request) {
    Response r = impl_->route(request);
    // Security headers on every answer.
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'");
    if (request.secure)
        r.headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (request.method == "HEAD") r.body.clear();
    return r;
}

}  // namespace scrutineer::web
