#include "scrutineer/app.hpp"

#include <fmt/format.h>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <thread>

#include <zlib.h>

#include "scrutineer/accountability_pages.hpp"
#include "scrutineer/case_review_intake_pages.hpp"
#include "scrutineer/case_review_pages.hpp"
#include "scrutineer/clock_pages.hpp"
#include "scrutineer/commissioned_services_pages.hpp"
#include "scrutineer/csv_field.hpp"
#include "scrutineer/database_pool.hpp"
#include "scrutineer/display_rounding.hpp"
#include "scrutineer/exception_report.hpp"
#include "scrutineer/form_text.hpp"
#include "scrutineer/funnel_chart.hpp"
#include "scrutineer/funnel_plot.hpp"
#include "scrutineer/html_escape.hpp"
#include "scrutineer/indicator_chart.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/indicator_table.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/json_text.hpp"
#include "scrutineer/long_term_average.hpp"
#include "scrutineer/meeting_document_pages.hpp"
#include "scrutineer/migrations.hpp"
#include "scrutineer/multipart.hpp"
#include "scrutineer/overdue.hpp"
#include "scrutineer/plan_pages.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/police_uk.hpp"
#include "scrutineer/routes.hpp"
#include "scrutineer/scrutiny_pages.hpp"
#include "scrutineer/significance.hpp"
#include "scrutineer/site.hpp"
#include "scrutineer/spc_icons.hpp"
#include "scrutineer/suggested_approach_pages.hpp"
#include "scrutineer/svg_chart.hpp"
#include "scrutineer/templates.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/work_programme_pages.hpp"

namespace fs = std::filesystem;

namespace scrutineer::web {
namespace {

struct StaticFile {
    std::string content_type;
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzip_body;  // null when compressing would not pay
};

// `text` gzip-compressed (level 6), or null when it is too small or too dense to gain much: a
// kept answer is compressed once and sent so to every client that accepts it (the national
// store's pages are 10-130 KB of HTML, its month of the API 2 MB of JSON, and on loopback with
// 2 cores the bytes, not the work, bound the rate).
std::shared_ptr<const std::string> gzipped(const std::string& text) {
    if (text.size() < 1024) return nullptr;
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return nullptr;
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END || out.size() > text.size() * 9 / 10) return nullptr;
    return std::make_shared<const std::string>(std::move(out));
}

// Whether the client accepts gzip: "gzip" (or "x-gzip") among Accept-Encoding's codings, with
// no q=0.
bool accepts_gzip(const Request& req) {
    auto h = req.headers.find("accept-encoding");
    if (h == req.headers.end()) return false;
    std::stringstream in(h->second);
    for (std::string item; std::getline(in, item, ',');) {
        std::string v;
        for (char c : item)
            if (c != ' ' && c != '\t')
                v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string coding = v.substr(0, v.find(';'));
        if (coding != "gzip" && coding != "x-gzip") continue;
        size_t q = v.find(";q=");
        if (q == std::string::npos) return true;
        std::string value = v.substr(q + 3);
        return value.find_first_not_of("0.") != std::string::npos;  // q=0, 0.0, 0.000: refused
    }
    return false;
}

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
        auto body = std::make_shared<const std::string>(s.str());
        out[url_prefix + rel] = StaticFile{content_type_of(e.path()), body, gzipped(*body)};
    }
}

// The data behind the indicator pages and the tables computed from it: loaded again only when
// an import changes the store (an edit does not change it), and shared by the snapshots made
// between imports.
struct IndicatorData {
    Dataset data;
    std::optional<Month> latest;
    mutable std::mutex tables_mutex;
    mutable std::map<int, std::shared_ptr<const std::vector<AreaTable>>> tables;

    std::vector<std::optional<Month>> force_latest;  // per area: its force's latest month

    explicit IndicatorData(Dataset d) : data(std::move(d)), latest(data.latest_month()) {
        for (size_t a = 0; a < data.areas.size(); ++a)
            force_latest.push_back(data.areas[a].force == a ? data.latest_month_of_force(a)
                                                            : force_latest.at(data.areas[a].force));
    }

    // The tables for a period as a role may see them: rows of indicators the role may not see
    // (an exempt catalogue indicator, say) are left out.
    std::shared_ptr<const std::vector<AreaTable>> tables_for(Month m, Role role) const {
        int level = may_see(role, Visibility::confidential) ? 2
                    : may_see(role, Visibility::exempt)     ? 1
                                                            : 0;
        std::lock_guard lock(tables_mutex);
        auto& t = tables[m.index * 4 + level];
        if (!t) {
            // Every role's tables are cut from the same computed ones (index m * 4 + 3).
            auto& all = tables[m.index * 4 + 3];
            if (!all) all = std::make_shared<const std::vector<AreaTable>>(compute_tables(data, m));
            t = std::make_shared<const std::vector<AreaTable>>(visible_to(*all, data, role));
        }
        return t;
    }

    // The latest month's tables for every role, computed before the data is shown to any
    // request, so that the first visitors after an import do not wait for them.
    void prepare() const {
        std::set<int> months;
        for (const auto& m : force_latest)
            if (m) months.insert(m->index);
        for (int m : months)
            for (Role r : {Role::public_user, Role::panel_member, Role::officer})
                tables_for(Month{m}, r);
    }
};

// What the store held at one moment, as the pages see it: the indicator data, and the answers
// kept for it (replaced by a new snapshot whenever the store changes).
struct Snapshot {
    std::pair<int64_t, int64_t> imports_version{-1, -1};  // data_version()
    std::pair<int64_t, int64_t> edits_version{-1, -1};
    std::shared_ptr<const IndicatorData> indicators;
    const Dataset& data;
    const std::optional<Month>& latest;
    // Guards the answers below.
    mutable std::mutex mutex;
    // What anonymous visitors are answered, by request target: the same for all of them until
    // the store changes, which replaces this snapshot.
    mutable std::map<std::string, std::shared_ptr<const Response>> public_answers;
    // Signed-in users' pages by role and target, with their name and token as placeholders.
    mutable std::map<std::string, std::shared_ptr<const Response>> member_answers;
    mutable size_t kept_bytes = 0;  // the bodies of both, as kept (gzipped too)

    explicit Snapshot(std::shared_ptr<const IndicatorData> d)
        : indicators(std::move(d)), data(indicators->data), latest(indicators->latest) {}

    std::shared_ptr<const std::vector<AreaTable>> tables_for(Month m, Role role) const {
        return indicators->tables_for(m, role);
    }

    // The indicator, if it exists and the role may see it.
    const IndicatorDefinition* visible_indicator(const std::string& name, Role role) const {
        const IndicatorDefinition* d = data.find_indicator(name);
        return d && may_see(role, d->visibility) ? d : nullptr;
    }
};

// Changes to the store: every import is in the import log and every edit in the audit log, so
// their rows say whether anything shown may have changed (whichever process made the change):
// {{newest import, imports}, {newest edit, edits among the last 10,000 ids}}. The counts matter:
// a row's id is taken when it is written, but it is seen when its transaction commits, so on
// PostgreSQL an import or edit that took a lower id can commit after a higher one was seen
// (another server's edit, a long import); the newest id stays, the count grows.
std::pair<std::pair<int64_t, int64_t>, std::pair<int64_t, int64_t>> data_version(
    store::Database& db) {
    auto r = db.query(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM imports), (SELECT COUNT(*) FROM imports), "
        "e.newest, (SELECT COUNT(*) FROM audit_log WHERE id > e.newest - ? AND action NOT IN "
        "('signed in', 'sign-in failed', 'signed out')) FROM (SELECT COALESCE(MAX(id), 0) AS "
        "newest FROM audit_log WHERE action NOT IN ('signed in', 'sign-in failed', 'signed "
        "out')) e",
        {store::integer(10000)});
    return {{store::as_int(r.at(0).at(0)), store::as_int(r.at(0).at(1))},
            {store::as_int(r.at(0).at(2)), store::as_int(r.at(0).at(3))}};
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
    // Which way is better, in words beside every Difference shown.
    std::string better = improvement_words(r.improvement);
    better[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(better[0])));
    row.set("has_difference", r.difference.has_value());
    row.set("better", better);
    // The SPC chart's verdict on the latest month and its assurance, with their icons.
    row.set("has_variation", r.variation.has_value());
    if (r.variation) {
        row.set("variation_icon", variation_icon_svg(*r.variation));
        row.set("variation_words", variation_words(*r.variation));
    }
    row.set("has_assurance", r.assurance.has_value());
    if (r.assurance) {
        row.set("assurance_icon", assurance_icon_svg(*r.assurance));
        row.set("assurance_words", assurance_words(*r.assurance));
    }
    return row;
}

// The fields the indicator_rows partial reads, besides the rows.
void set_table_fields(Data& d, const Dataset& data, const AreaTable& t, const std::string& caption,
                      const std::string& first_column, bool by_area) {
    // With no Long Term Average in the whole table, its columns are left out and one sentence
    // above the table says why (rather than a column of "n/a" and a footnote).
    auto no_lta = lta_unavailable(t);
    d.set("has_lta", !no_lta);
    d.set("lta_note", no_lta.value_or(""));
    d.set("has_spc", std::any_of(t.rows.begin(), t.rows.end(),
                                 [](const IndicatorRow& r) { return r.variation.has_value(); }));
    Data notes = list();
    for (const auto& f : footnotes(data, t))
        if (f != no_lta) notes.push_back(Data(f));
    d.set("has_footnotes", !notes.is_empty_list());
    d.set("footnotes", notes);
    d.set("caption", caption);
    d.set("first_column", first_column);
    d.set("by_area", by_area);
}

std::string month_label(Month m) {
    return long_name(m);
}

// Who is asking: a signed-in user's session, or the public.
struct Viewer {
    Role role = Role::public_user;
    std::optional<store::Session> session;
    std::string csrf_token;        // the token forms must send back
    bool set_csrf_cookie = false;  // an anonymous visitor's new token, to be set as a cookie
    std::string name() const { return session ? session->user.username : "public"; }
};

constexpr const char* kSessionCookie = "scrutineer_session";
constexpr const char* kCsrfCookie = "scrutineer_csrf";

std::string cookie(const std::string& name, const std::string& value, bool secure,
                   const std::string& extra = "") {
    return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax{}{}", name, value,
                       secure ? "; Secure" : "", extra);
}

// The folders uploads wait in for their import: each its own, made by mkdtemp (mode 0700, a
// name no one can guess or take first) in the system's temporary directory as
// scrutineer-uploads-XXXXXX, and removed when its import ends, or with the application.
struct UploadFolders {
    std::mutex mutex;
    std::set<std::string> folders;

    std::string make() {
        std::string name = (fs::temp_directory_path() / "scrutineer-uploads-XXXXXX").string();
        if (!::mkdtemp(name.data()))
            throw std::runtime_error(fmt::format("cannot make a folder for the upload in {}: {}",
                                                 fs::temp_directory_path().string(),
                                                 std::strerror(errno)));
        std::lock_guard lock(mutex);
        folders.insert(name);
        return name;
    }
    void remove(const std::string& folder) {
        std::error_code ec;
        fs::remove_all(folder, ec);
        std::lock_guard lock(mutex);
        folders.erase(folder);
    }
    void remove_all() {
        std::lock_guard lock(mutex);
        for (const auto& f : folders) {
            std::error_code ec;
            fs::remove_all(f, ec);
        }
        folders.clear();
    }
};

// `text` (an import's message) with no server path in it: the uploaded file's path named as the
// user named the file, any other upload folder's path (an import log entry's source, from before
// uploads kept their names) left out, and the database named by its file name alone (a
// PostgreSQL URL as "the PostgreSQL database").
std::string without_server_paths(std::string text, const std::string& upload_path,
                                 const std::string& user_name, const std::string& database) {
    auto replace_all = [&text](const std::string& from, const std::string& to) {
        if (from.empty()) return;
        for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
            text.replace(at, from.size(), to);
    };
    replace_all(upload_path, user_name);
    const std::string folders = (fs::temp_directory_path() / "scrutineer-uploads-").string();
    for (size_t at = 0; (at = text.find(folders, at)) != std::string::npos;) {
        size_t end = at + folders.size();
        // scrutineer-uploads-XXXXXX/ (and an older layout's scrutineer-uploads-XXXXXX/id/)
        for (int part = 0; part < 2; ++part) {
            size_t slash = end;
            while (slash < text.size() && std::isalnum(static_cast<unsigned char>(text[slash])))
                ++slash;
            if (slash == end || slash >= text.size() || text[slash] != '/') break;
            end = slash + 1;
        }
        text.erase(at, end - at);
    }
    if (database.rfind("postgres", 0) == 0)
        replace_all(database, "the PostgreSQL database");
    else
        replace_all(database, fs::path(database).filename().string());
    return text;
}

// A long import running in the background, watched from its page.
struct ImportJob {
    std::mutex mutex;
    std::string kind, file_name, started_by;
    size_t done = 0, total = 0;
    bool finished = false;
    bool failed = false;
    std::vector<std::string> lines;
};

// AppOptions::public_url checked and without its trailing '/' ("http://localhost" when empty):
// http:// or https://, a host name or address, an optional port and path, nothing else (no user
// name, query, fragment, space or control character), since it starts every absolute link.
std::string checked_public_url(const std::string& url) {
    if (url.empty()) return "http://localhost";
    std::string u = url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    size_t scheme_end = u.find("://");
    std::string scheme = scheme_end == std::string::npos ? "" : u.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https")
        throw std::invalid_argument(
            fmt::format("the public URL '{}' must start with http:// or https://", url));
    std::string rest = u.substr(scheme_end + 3);
    std::string host = rest.substr(0, rest.find('/'));
    bool fine = !host.empty() && host[0] != ':';
    for (size_t i = 0; i < rest.size() && fine; ++i) {
        unsigned char c = static_cast<unsigned char>(rest[i]);
        bool in_host = i < host.size();
        fine = std::isalnum(c) || c == '.' || c == '-' ||
               (in_host ? c == ':' || c == '[' || c == ']'
                        : c == '/' || c == '_' || c == '~' || c == '%');
    }
    if (!fine)
        throw std::invalid_argument(fmt::format(
            "the public URL '{}' must be http:// or https://, a host name, an optional :port and "
            "an optional path, like https://scrutiny.example.gov.uk",
            url));
    return u;
}

}  // namespace

// The families of pages outside this file (site.hpp), asked in turn for requests not answered here.
const std::vector<PageFamily> kFamilies = {
    accountability_pages, clock_pages, commissioned_services_pages, work_programme_pages,
    meeting_document_pages,  // before scrutiny_pages, which also answers under /meetings/{id}/
    suggested_approach_pages, scrutiny_pages,
    // before any family answering /asb/cases/{id}, for /asb/cases/new
    case_review_intake_pages,
    case_review_pages,  // /asb/cases/{id} and below
};

struct App::Impl final : Site {
    AppOptions options;
    std::string public_address;  // options.public_url checked
    Templates templates;
    DatabasePool pool;
    std::map<std::string, StaticFile> files;

    // The current snapshot, when the store's version was last checked, and the number of edits
    // in this process that check had seen (see current()).
    std::shared_mutex snapshot_mutex;
    std::shared_ptr<const Snapshot> snapshot;
    std::chrono::steady_clock::time_point checked{};
    uint64_t checked_edits = 0;
    std::atomic<uint64_t> edits{0};
    // Held by the one request that checks the version and, when it changed, loads the store.
    std::mutex reload_mutex;

    explicit Impl(const AppOptions& o)
        : options(o),
          public_address(checked_public_url(o.public_url)),
          templates(o.templates_dir),
          pool(o.database) {
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
        auto body = std::make_shared<const std::string>(s.str());
        files[url] = StaticFile{content_type_of(p), body, gzipped(*body)};
    }

    // After an edit in this process: every edit writes an audit-log row, so the next request's
    // version check sees the change and builds a fresh snapshot (other processes' changes are
    // seen within a second through data_version); only the once-a-second wait is skipped here.
    void invalidate() { edits.fetch_add(1); }

    // The current data, reloaded if the store has changed: the version is checked at most once a
    // second, and at once after an edit in this process. One request checks (and loads) while
    // the others go on with the snapshot they have, so a reload of a national store (a second or
    // so) holds nobody up; only a request that must see an edit made here, or the very first,
    // waits for it.
    std::shared_ptr<const Snapshot> current() {
        auto now = std::chrono::steady_clock::now();
        std::shared_ptr<const Snapshot> have;
        bool stale = true, edited = true;
        auto look = [&] {
            std::shared_lock lock(snapshot_mutex);
            have = snapshot;
            edited = checked_edits != edits.load();
            stale = !have || edited || now - checked >= std::chrono::seconds(1);
        };
        look();
        if (!stale) return have;
        std::unique_lock reload(reload_mutex, std::defer_lock);
        if (have && !edited) {
            if (!reload.try_lock()) return have;  // another request is checking
        } else {
            reload.lock();
        }
        look();  // another request may have reloaded meanwhile
        if (!stale) return have;
        uint64_t seen_edits = edits.load();
        {
            auto db = pool.acquire();
            auto [imports_version, edits_version] = data_version(*db);
            if (!have || have->imports_version != imports_version ||
                have->edits_version != edits_version) {
                // An edit alone keeps the indicator data (and the tables computed from it): only
                // the kept answers start again.
                std::shared_ptr<const IndicatorData> indicators;
                if (have && have->imports_version == imports_version) {
                    indicators = have->indicators;
                } else {
                    auto d = std::make_shared<IndicatorData>(store::load_dataset(*db));
                    d->prepare();
                    indicators = d;
                }
                auto s = std::make_shared<Snapshot>(std::move(indicators));
                s->imports_version = imports_version;
                s->edits_version = edits_version;
                have = s;
            }
        }
        std::unique_lock lock(snapshot_mutex);
        snapshot = have;
        checked = now;
        checked_edits = seen_edits;
        return have;
    }

    std::mutex jobs_mutex;
    std::map<std::string, std::shared_ptr<ImportJob>> jobs;
    // The folders of the uploads being imported (UploadFolders), removed with the application.
    std::shared_ptr<UploadFolders> uploads = std::make_shared<UploadFolders>();

    ~Impl() { uploads->remove_all(); }

    // The viewer of this request (set by handle() before routing; one request per thread).
    static Viewer& viewer() {
        thread_local Viewer v;
        return v;
    }

    // Sessions are looked up in the store at most every two seconds per token: a signed-in
    // user's pages need no database round trip for it, and a session ended elsewhere (another
    // server process) stops working within two seconds; one ended here stops at once.
    static constexpr auto kSessionRecheck = std::chrono::seconds(2);
    std::mutex sessions_mutex;
    std::map<std::string,
             std::pair<std::optional<store::Session>, std::chrono::steady_clock::time_point>>
        sessions;

    std::optional<store::Session> session_of(const std::string& token) {
        auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(sessions_mutex);
            auto it = sessions.find(token);
            if (it != sessions.end() && now - it->second.second < kSessionRecheck)
                return it->second.first;
        }
        auto db = pool.acquire();
        auto session = store::find_session(*db, token);
        std::lock_guard lock(sessions_mutex);
        if (sessions.size() > 10000) sessions.clear();
        sessions[token] = {session, now};
        return session;
    }

    void forget_session(const std::string& token) {
        std::lock_guard lock(sessions_mutex);
        sessions.erase(token);
    }

    // After a user's role or access changes: their next request reads the store again.
    void forget_sessions_of(const std::string& username) {
        std::lock_guard lock(sessions_mutex);
        std::erase_if(sessions, [&](const auto& entry) {
            return entry.second.first && entry.second.first->user.username == username;
        });
    }

    Viewer resolve_viewer(const Request& req) {
        Viewer v;
        auto token = req.cookies.find(kSessionCookie);
        if (token != req.cookies.end()) v.session = session_of(token->second);
        if (v.session) {
            v.role = v.session->user.role;
            v.csrf_token = v.session->csrf_token;
        } else {
            auto c = req.cookies.find(kCsrfCookie);
            if (c != req.cookies.end() && c->second.size() == 64) {
                v.csrf_token = c->second;
            } else {
                v.csrf_token = store::random_token();
                v.set_csrf_cookie = true;
            }
        }
        return v;
    }

    // Every state-changing request must carry the viewer's CSRF token. The comparison takes the
    // same time wherever the strings differ, so the token cannot be guessed from timings.
    static bool csrf_ok(const std::string& sent) {
        const std::string& want = viewer().csrf_token;
        if (sent.size() != want.size() || want.empty()) return false;
        unsigned char diff = 0;
        for (size_t i = 0; i < want.size(); ++i)
            diff |= static_cast<unsigned char>(sent[i] ^ want[i]);
        return diff == 0;
    }

    Data layout_fields(const Request&) {
        const Viewer& v = viewer();
        Data d = object();
        d.set("signed_in", v.session.has_value());
        d.set("may_edit", may_edit(v.role));
        d.set("is_admin", v.role == Role::administrator);
        d.set("may_see_case_dashboards", may_see_case_dashboards(v.role));
        d.set("user_name", v.session ? v.session->user.display_name : "");
        d.set("role", to_string(v.role));
        d.set("csrf_token", v.csrf_token);
        return d;
    }

    // ---- what page families get (site.hpp) ----

    DatabasePool::Lease database() override { return pool.acquire(); }
    Role role() const override { return viewer().role; }
    bool signed_in() const override { return viewer().session.has_value(); }
    std::string actor() const override { return viewer().name(); }
    CalendarDate today() const override { return date_of(std::chrono::system_clock::now()); }
    const std::string& public_url() const override { return public_address; }

    std::shared_ptr<const Dataset> indicator_data() override {
        auto s = current();
        return std::shared_ptr<const Dataset>(s, &s->data);
    }

    Response page(const Request& req, const std::string& name, const std::string& title, Data data,
                  int status = 200) override {
        data.set("csrf_token", viewer().csrf_token);
        data.set("may_edit", may_edit(viewer().role));
        return Response::html(templates.page(name, title, std::move(data), layout_fields(req)),
                              status);
    }

    Response forbidden(const Request& req, const std::string& message) override {
        Data d = object();
        d.set("heading", "You cannot do that");
        d.set("message", message);
        return page(req, "error", "You cannot do that", d, 403);
    }

    // Sends anonymous visitors to sign in; refuses signed-in users without the role.
    std::optional<Response> require(const Request& req, bool allowed,
                                    const std::string& what) override {
        if (allowed) return std::nullopt;
        if (!viewer().session) return Response::redirect("/login?next=" + url_encode(req.target));
        return forbidden(req, "Your role does not allow you to " + what + ".");
    }

    // ---- signing in and out ----

    // Where to go after signing in: a path on this site only. Browsers read "//host" and
    // "/\host" as another site, and drop tabs and line breaks from URLs ("/\t/host"), and a line
    // break would end the Location header and start another: so only printable ASCII without a
    // backslash, beginning with one slash.
    static std::string safe_next(const std::string& next) {
        if (next.empty() || next[0] != '/' || (next.size() > 1 && next[1] == '/')) return "/";
        for (char c : next)
            if (c <= ' ' || c > '~' || c == '\\') return "/";
        return next;
    }

    Response login_form(const Request& req, const std::string& error = "",
                        const std::string& username = "", int status = 200) {
        Data d = object();
        d.set("error", error);
        d.set("has_error", !error.empty());
        d.set("username", username);
        d.set("next",
              safe_next(req.form.count("next") ? req.form_value("next") : req.query_value("next")));
        return page(req, "login", "Sign in", d, status);
    }

    Response login(const Request& req) {
        std::string username = req.form_value("username"), password = req.form_value("password");
        if (username.empty() || password.empty())
            return login_form(req, "Enter your username and password", username, 400);
        auto db = pool.acquire();
        // Slowed, never locked out (sign_in_throttle.hpp): the wait is answered at once, and the
        // password is not checked (nor the attempt counted) until it has passed.
        if (auto wait = store::sign_in_wait(*db, username, req.remote).count(); wait > 0) {
            Response r = login_form(
                req, fmt::format("Wait {} second{}, then try again", wait, wait == 1 ? "" : "s"),
                username, 429);
            r.headers.emplace_back("Retry-After", std::to_string(wait));
            return r;
        }
        auto user = store::check_password(*db, username, password);
        store::record_sign_in(*db, username, req.remote, user.has_value());
        if (!user) return login_form(req, "The username or password is not right", username, 401);
        // A new session token at every sign-in: a token planted before it is worthless.
        if (auto old = req.cookies.find(kSessionCookie); old != req.cookies.end()) {
            store::delete_session(*db, old->second);
            forget_session(old->second);
        }
        std::string token = store::create_session(*db, user->id);
        Response r = Response::redirect(safe_next(req.form_value("next")));
        r.headers.emplace_back(
            "Set-Cookie",
            cookie(kSessionCookie, token, req.secure,
                   fmt::format("; Max-Age={}", store::kSessionLifetime.count() * 3600)));
        return r;
    }

    Response logout(const Request& req) {
        if (auto t = req.cookies.find(kSessionCookie); t != req.cookies.end()) {
            auto db = pool.acquire();
            store::delete_session(*db, t->second);
            forget_session(t->second);
            store::audit(*db, viewer().name(), "signed out", "");
        }
        Response r = Response::redirect("/");
        r.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", req.secure, "; Max-Age=0"));
        return r;
    }

    // ---- users (administrators) ----

    // `field`: the form field the error is about (InvalidUserDetails::field).
    Response users_page(const Request& req, const std::string& error = "", int status = 200,
                        const std::string& field = "username") {
        if (auto no = require(req, viewer().role == Role::administrator, "manage users"))
            return *no;
        auto db = pool.acquire();
        Data d = object();
        Data users = list();
        for (const auto& u : store::list_users(*db)) {
            Data e = object();
            e.set("username", u.username);
            e.set("name", u.display_name);
            e.set("role", to_string(u.role));
            e.set("disabled", u.disabled);
            users.push_back(e);
        }
        d.set("users", users);
        d.set("error", error);
        d.set("has_error", !error.empty());
        for (const char* f : {"username", "display_name", "role", "password"})
            d.set(std::string("error_") + f, !error.empty() && field == f);
        d.set("username", req.form_value("username"));
        d.set("display_name", req.form_value("display_name"));
        return page(req, "users", "Users", d, status);
    }

    Response create_user(const Request& req) {
        if (auto no = require(req, viewer().role == Role::administrator, "manage users"))
            return *no;
        auto role = parse_role(req.form_value("role"));
        if (!role || *role == Role::public_user)  // public: anyone not signed in; no user is
            return users_page(req,
                              "Choose a role: panel member, officer, case worker or "
                              "administrator",
                              400, "role");
        try {
            auto db = pool.acquire();
            store::create_user(*db, req.form_value("username"), req.form_value("display_name"),
                               *role, req.form_value("password"), viewer().name());
        } catch (const store::InvalidUserDetails& e) {
            return users_page(req, e.what(), 400, e.field);
        } catch (const std::invalid_argument& e) {
            return users_page(req, e.what(), 400);
        }
        return Response::redirect("/admin/users");
    }

    // A user's role and whether they may sign in (/admin/users/<username>).
    Response user_page(const Request& req, const std::string& username,
                       const std::string& error = "", int status = 200) {
        if (auto no = require(req, viewer().role == Role::administrator, "manage users"))
            return *no;
        auto db = pool.acquire();
        auto user = store::find_user(*db, username);
        if (!user) return not_found(req, "There is no user called " + username + ".");
        Data d = object();
        d.set("username", user->username);
        d.set("name", user->display_name);
        d.set("disabled", user->disabled);
        Data roles = list();
        for (auto [role, label] : {std::pair{Role::panel_member, "Panel member"},
                                   {Role::officer, "Officer"},
                                   {Role::case_worker, "Case worker"},
                                   {Role::administrator, "Administrator"}}) {
            Data r = object();
            r.set("value", to_string(role));
            r.set("label", label);
            r.set("checked", user->role == role);
            roles.push_back(r);
        }
        d.set("roles", roles);
        d.set("error", error);
        d.set("error_field", "role-" + std::string(to_string(user->role)));
        d.set("has_error", !error.empty());
        return page(req, "user", user->display_name, d, status);
    }

    Response change_user(const Request& req, const std::string& username) {
        if (auto no = require(req, viewer().role == Role::administrator, "manage users"))
            return *no;
        auto role = parse_role(req.form_value("role"));
        std::string access = req.form_value("access");
        if (!role || *role == Role::public_user)
            return user_page(req, username, "Choose a role", 400);
        if (access != "enabled" && access != "disabled")
            return user_page(req, username, "Choose whether the user can sign in", 400);
        try {
            auto db = pool.acquire();
            if (!store::find_user(*db, username))
                return not_found(req, "There is no user called " + username + ".");
            // One transaction: a refused half (the last administrator) leaves the other undone.
            store::Transaction tx(*db);
            store::set_role(*db, username, *role, viewer().name());
            store::set_disabled(*db, username, access == "disabled", viewer().name());
            tx.commit();
        } catch (const std::invalid_argument& e) {
            return user_page(req, username, e.what(), 400);
        }
        forget_sessions_of(username);
        return Response::redirect("/admin/users");
    }

    // ---- imports (officers) ----

    Response imports_page(const Request& req, const std::string& error = "", int status = 200) {
        if (auto no = require(req, may_edit(viewer().role), "import data")) return *no;
        auto db = pool.acquire();
        Data d = object();
        Data log = list();
        auto entries = store::import_log(*db);
        size_t shown = 0;
        for (auto it = entries.rbegin(); it != entries.rend() && shown < 50; ++it, ++shown) {
            Data e = object();
            e.set("kind", it->kind);
            e.set("source", without_server_paths(it->source, "", "", ""));
            e.set("rows", std::to_string(it->rows));
            e.set("by", it->imported_by);
            e.set("at", it->imported_at);
            log.push_back(e);
        }
        d.set("imports", log);
        d.set("error", error);
        d.set("has_error", !error.empty());
        return page(req, "imports", "Imports", d, status);
    }

    Response start_import(const Request& req, const std::vector<FormPart>& parts) {
        if (auto no = require(req, may_edit(viewer().role), "import data")) return *no;
        std::string kind;
        const FormPart* file = nullptr;
        for (const auto& p : parts) {
            if (p.name == "kind") kind = p.data;
            if (p.name == "file" && !p.filename.empty()) file = &p;
        }
        static const std::set<std::string> kinds = {"police_uk", "counts", "breaks", "population",
                                                    "indicators"};
        if (!kinds.count(kind)) return imports_page(req, "Choose what kind of file this is", 400);
        if (!file || file->data.empty()) return imports_page(req, "Choose a file to import", 400);
        // The upload keeps its name's ending (.csv, .csv.gz, .zip) so that the reader knows it.
        // Only a plain file name is kept (letters, digits, . _ -, not starting with a dot), so
        // that no upload can name a path outside its own directory.
        std::string base;
        for (char c : fs::path(file->filename).filename().string())
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')
                base += c;
        if (base.empty() || base[0] == '.' || base.size() > 200) base = "upload.csv";
        // The file as the user named it (no folder), for the job's page and messages.
        std::string given;
        for (char c : file->filename.substr(file->filename.find_last_of("/\\") + 1))
            if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) given += c;
        if (given.empty() || given.size() > 200) given = base;
        std::string id = store::random_token(8);
        auto folders = uploads;
        fs::path dir;
        try {
            dir = folders->make();
        } catch (const std::runtime_error&) {
            return imports_page(
                req, "The file could not be stored for importing. Nothing was imported.", 503);
        }
        fs::path path = dir / base;
        {
            std::ofstream out(path, std::ios::binary);
            out.write(file->data.data(), static_cast<std::streamsize>(file->data.size()));
        }
        auto job = std::make_shared<ImportJob>();
        job->kind = kind;
        job->file_name = given;
        job->started_by = viewer().name();
        {
            std::lock_guard lock(jobs_mutex);
            jobs[id] = job;
        }
        std::string user = viewer().name();
        std::string database = options.database;
        std::thread([job, path, dir, kind, user, database, given, folders] {
            auto shown = [&](const std::string& text) {
                return without_server_paths(text, path.string(), given, database);
            };
            try {
                auto db = store::open_database(database);
                store::ImportSummary summary;
                auto progress = [&](size_t done, size_t total) {
                    std::lock_guard lock(job->mutex);
                    job->done = done;
                    job->total = total;
                };
                if (kind == "police_uk")
                    summary = store::import_police_uk_files(*db, {path.string()}, nullptr, user,
                                                            progress);
                else if (kind == "counts")
                    summary = store::import_counts_file(*db, path.string(), user);
                else if (kind == "breaks")
                    summary = store::import_breaks_file(*db, path.string(), user);
                else if (kind == "population")
                    summary = store::import_population_file(*db, path.string(), user);
                else
                    summary = store::import_indicator_catalogue(*db, path.string(), user);
                std::lock_guard lock(job->mutex);
                for (const auto& line : summary.lines) job->lines.push_back(shown(line));
                job->finished = true;
            } catch (const std::exception& e) {
                std::lock_guard lock(job->mutex);
                job->lines = {shown(e.what()), "Nothing was imported."};
                job->failed = job->finished = true;
            }
            folders->remove(dir.string());
        }).detach();
        return Response::redirect("/imports/jobs/" + id);
    }

    std::shared_ptr<ImportJob> find_job(const std::string& id) {
        std::lock_guard lock(jobs_mutex);
        auto it = jobs.find(id);
        return it == jobs.end() ? nullptr : it->second;
    }

    Response job_page(const Request& req, const std::string& id, bool as_json) {
        if (auto no = require(req, may_edit(viewer().role), "import data")) return *no;
        auto job = find_job(id);
        if (!job) return not_found(req, "There is no import " + id + ".");
        std::lock_guard lock(job->mutex);
        if (as_json) {
            nlohmann::json j = {{"done", job->done},
                                {"total", job->total},
                                {"finished", job->finished},
                                {"failed", job->failed},
                                {"lines", job->lines}};
            return Response::json(json_text(j));
        }
        Data d = object();
        d.set("file", job->file_name);
        d.set("kind", job->kind);
        d.set("failed", job->failed);
        d.set("succeeded", job->finished && !job->failed);
        d.set("running", !job->finished);
        d.set("done", std::to_string(job->done));
        d.set("total", std::to_string(job->total));
        d.set("percent", std::to_string(job->total ? job->done * 100 / job->total : 0));
        d.set("job_url", "/imports/jobs/" + id);
        Data lines = list();
        for (const auto& l : job->lines) lines.push_back(Data(l));
        d.set("lines", lines);
        return page(req, "import_job", "Import of " + job->file_name, d);
    }

    Response not_found(const Request& req, const std::string& what) override {
        Data d = object();
        d.set("heading", "Page not found");
        d.set("message", what);
        return page(req, "error", "Page not found", d, 404);
    }

    Response bad_request(const Request& req, const std::string& field,
                         const std::string& message) override {
        Data d = object();
        d.set("heading", "There is a problem");
        d.set("message", message);
        d.set("field", field);
        return page(req, "error", "There is a problem", d, 400);
    }

    // ---- the text of every form (form_text.hpp) ----

    // Forms whose pages show a text problem beside its field themselves (their handlers call
    // text_problems): every other form with one is refused here, before its handler runs, so
    // that nothing of it is stored.
    static bool shows_text_problems(const std::string& path) {
        return path == "/asb-case-review/apply" || path == "/asb/cases/new";
    }

    std::optional<Response> refuse_text(const Request& req,
                                        const std::optional<std::vector<FormPart>>& parts) {
        auto problems = text_problems(req.form);
        if (parts) {
            std::map<std::string, std::string> fields;  // an upload's text fields
            for (const auto& part : *parts)
                if (part.filename.empty()) fields.emplace(part.name, part.data);
            for (auto& problem : text_problems(fields)) problems.push_back(std::move(problem));
        }
        // Sign-in's `next` is never stored, and safe_next sends anything but a plain path here
        // to the home page (a forged one with a lone CR signs in all the same).
        if (req.path == "/login")
            std::erase_if(problems, [](const TextProblem& p) { return p.field == "next"; });
        if (problems.empty() || shows_text_problems(req.path)) return std::nullopt;
        const TextProblem& first = problems.front();
        // The username is not sent back: it may be megabytes long, or not text.
        if (req.path == "/login") return login_form(req, first.message, "", 400);
        if (req.path == "/admin/users")
            return users_page(req, first.message, 400,
                              first.field.empty() ? "username" : first.field);
        Data d = object();
        Data errors = list();
        for (const auto& problem : problems) {
            Data e = object();
            e.set("message", problem.message);
            errors.push_back(e);
        }
        d.set("errors", errors);
        d.set("heading", "The form could not be sent");
        return page(req, "form_refused", "Error: the form could not be sent", d, 400);
    }

    Response form_too_large(const Request& req) {
        Data d = object();
        Data errors = list();
        Data e = object();
        e.set("message", "The form is larger than this site accepts (1 MB): shorten its text");
        errors.push_back(e);
        d.set("errors", errors);
        d.set("heading", "The form could not be sent");
        return page(req, "form_refused", "Error: the form could not be sent", d, 413);
    }

    // ?month=YYYY-MM or the latest month; an error response when the text is not a month.
    // ?month=YYYY-MM, or else the latest month of the area's force (of any force without one).
    std::optional<Month> month_param(const Request& req, const Snapshot& s, Response& error,
                                     std::optional<size_t> area = std::nullopt) {
        std::string text = req.query_value("month");
        if (text.empty()) {
            auto latest = area ? s.indicators->force_latest.at(*area) : s.latest;
            if (!latest) error = not_found(req, "There is no indicator data yet.");
            return latest;
        }
        auto m = parse_month(text);
        if (!m)
            error = bad_request(req, "month", "Enter the month as YYYY-MM, for example 2021-12");
        return m;
    }

    // An indicator's latest figures for the (first) force area: computed from the data when the
    // store has the indicator, otherwise as last published.
    GlanceFn glance_for(const Snapshot& s, store::Database& db) {
        // The force areas in table order (plans do not yet say whose they are): an indicator's
        // glance is the first force's that has figures for it, computed or published.
        std::vector<std::string> force_codes;
        for (const auto& a : s.data.areas)
            if (a.level == AreaLevel::force) force_codes.push_back(a.code);
        if (force_codes.empty())
            for (const auto& f : store::load_forces(db)) force_codes.push_back(f.code);
        // The published figures are read once for the page, not once per indicator.
        auto figures = std::make_shared<const std::vector<PublishedFigure>>(
            store::load_published_figures(db, viewer().role));
        Role role = viewer().role;
        return [&s, figures, force_codes, role](const std::string& name) -> std::optional<Glance> {
            if (s.visible_indicator(name, role)) {
                for (size_t a = 0; a < s.data.areas.size(); ++a) {
                    auto month = s.indicators->force_latest[a];
                    if (s.data.areas[a].level != AreaLevel::force || !month) continue;
                    for (const auto& r : s.tables_for(*month, role)->at(a).rows) {
                        if (r.indicator != name || r.status == CellStatus::not_available_at_area ||
                            !r.last_12)
                            continue;
                        DisplayRow d = display_row(r);
                        Glance g{d.last_12,
                                 d.lta,
                                 d.difference,
                                 d.significance,
                                 "12 months to " + month_label(*month),
                                 "/indicators/" + url_encode(name) +
                                     "?area=" + url_encode(s.data.areas[a].code)};
                        g.significant = r.z && is_significant(*r.z);
                        g.month = *month;
                        g.variation = r.variation;
                        return g;
                    }
                }
            }
            for (const auto& code : force_codes)
                if (auto g = published_glance(*figures, name, code)) return g;
            return std::nullopt;
        };
    }

    Response plan(const Request& req, const std::string& id_text) {
        auto id = parse_id(id_text);
        auto db = pool.acquire();
        auto d = id ? plan_data(*db, viewer().role, *id, today()) : std::nullopt;
        if (!d) return not_found(req, "There is no plan " + id_text + ".");
        std::string title = (*d).get("title")->string_value();
        return page(req, "plan", title, *d);
    }

    Response priority(const Request& req, const std::string& id_text, Data extra = object()) {
        auto id = parse_id(id_text);
        auto s = current();
        auto db = pool.acquire();
        auto d = id ? priority_data(*db, viewer().role, *id, today(), glance_for(*s, *db))
                    : std::nullopt;
        if (!d) return not_found(req, "There is no priority " + id_text + ".");
        merge(*d, extra);
        std::string title = (*d).get("title")->string_value();
        return page(req, "priority", title, *d, extra.get("has_error") ? 400 : 200);
    }

    Response action(const Request& req, const std::string& id_text, Data extra = object()) {
        auto id = parse_id(id_text);
        auto db = pool.acquire();
        auto d = id ? action_data(*db, viewer().role, *id, today()) : std::nullopt;
        if (!d) return not_found(req, "There is no action " + id_text + ".");
        merge(*d, extra);
        return page(req, "action", "Action " + (*d).get("number")->string_value(), *d,
                    extra.get("has_error") ? 400 : 200);
    }

    static void merge(Data& into, const Data& from) {
        for (const char* key :
             {"has_error", "error", "error_field", "form_period_end", "form_text"})
            if (auto v = from.get(key)) into.set(key, *v);
    }

    Response edit_action(const Request& req, const std::string& id_text) {
        if (auto no = require(req, may_edit(viewer().role), "change actions")) return *no;
        auto id = parse_id(id_text);
        auto db = pool.acquire();
        auto a = id ? store::load_action(*db, viewer().role, *id) : std::nullopt;
        if (!a) return not_found(req, "There is no action " + id_text + ".");
        auto status = parse_action_status(req.form_value("status"));
        if (!status) return action(req, id_text, form_error("status", "Choose a status"));
        auto due = parse_due_date(req.form_value("due"));
        if (!due)
            return action(
                req, id_text,
                form_error("due", "Enter the due date as YYYY-MM, YYYY-MM-DD or Ongoing"));
        auto visibility = parse_visibility(req.form_value("visibility"));
        if (!visibility)
            return action(req, id_text, form_error("action-visibility", "Choose who may see it"));
        Action changed = *a;
        changed.status = *status;
        changed.due = *due;
        changed.visibility = *visibility;
        changed.text = req.form_value("text");
        changed.success_measures.clear();
        std::stringstream lines(req.form_value("success_measures"));
        for (std::string line; std::getline(lines, line);) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
            if (!line.empty()) changed.success_measures.push_back(line);
        }
        try {
            validate(changed);
            store::Transaction tx(*db);
            store::save_action(*db, changed);
            store::audit(*db, viewer().name(), "action changed",
                         fmt::format("{} {}: status {}, due {}", changed.id, changed.number,
                                     to_string(changed.status), to_string(changed.due)));
            tx.commit();
        } catch (const PlanInvalid& e) {
            std::string field = e.field == "text" ? "action-text" : e.field;
            return action(req, id_text, form_error(field, e.problem));
        }
        return Response::redirect("/actions/" + id_text);
    }

    Response edit_plan(const Request& req, const std::string& id_text) {
        if (auto no = require(req, may_edit(viewer().role), "change plans")) return *no;
        auto id = parse_id(id_text);
        auto db = pool.acquire();
        auto plan_now = id ? store::load_plan(*db, viewer().role, *id) : std::nullopt;
        if (!plan_now) return not_found(req, "There is no plan " + id_text + ".");
        auto with_error = [&](const std::string& field, const std::string& message) {
            auto d = plan_data(*db, viewer().role, *id, today());
            merge(*d, form_error(field, message));
            return page(req, "plan", plan_now->title, *d, 400);
        };
        Plan changed = *plan_now;
        changed.title = req.form_value("title");
        changed.description = req.form_value("description");
        auto year = [](const std::string& t) -> std::optional<int> {
            if (t.size() != 4 || !std::all_of(t.begin(), t.end(), ::isdigit)) return std::nullopt;
            return std::stoi(t);
        };
        auto first = year(req.form_value("first_year")), last = year(req.form_value("last_year"));
        if (!first)
            return with_error("first_year", "Enter the first year of the plan as four digits");
        if (!last) return with_error("last_year", "Enter the last year of the plan as four digits");
        changed.first_year = *first;
        changed.last_year = *last;
        auto status = parse_plan_status(req.form_value("status"));
        if (!status)
            return with_error("plan-status", "Choose whether the plan is current or replaced");
        changed.status = *status;
        if (changed.status == PlanStatus::current) changed.replaced_by.reset();
        try {
            validate(changed);
            store::Transaction tx(*db);
            store::save_plan(*db, changed);
            store::audit(*db, viewer().name(), "plan changed",
                         fmt::format("{} {}", changed.id, changed.title));
            tx.commit();
        } catch (const PlanInvalid& e) {
            return with_error(e.field == "title" ? "plan-title" : e.field, e.problem);
        }
        return Response::redirect("/plans/" + id_text);
    }

    Response add_update(const Request& req, const std::string& id_text) {
        if (auto no = require(req, may_edit(viewer().role), "add updates")) return *no;
        auto id = parse_id(id_text);
        auto db = pool.acquire();
        auto a = id ? store::load_action(*db, viewer().role, *id) : std::nullopt;
        if (!a) return not_found(req, "There is no action " + id_text + ".");
        auto date = parse_date(req.form_value("date"));
        if (!date)
            return action(req, id_text, form_error("update-date", "Enter the date as YYYY-MM-DD"));
        auto visibility = parse_visibility(req.form_value("visibility"));
        if (!visibility)
            return action(req, id_text, form_error("update-visibility", "Choose who may see it"));
        ActionUpdate u;
        u.action_id = a->id;
        u.date = *date;
        u.text = req.form_value("text");
        u.author = viewer().session ? viewer().session->user.display_name : "";
        u.visibility = *visibility;
        if (u.text.empty())
            return action(req, id_text, form_error("update-text", "Enter the update"));
        try {
            validate(u);
            store::Transaction tx(*db);
            store::save_action_update(*db, u);
            store::audit(*db, viewer().name(), "action update added",
                         fmt::format("action {}", a->id));
            tx.commit();
        } catch (const PlanInvalid& e) {
            return action(req, id_text, form_error("update-text", e.problem));
        }
        return Response::redirect("/actions/" + id_text);
    }

    Response save_narrative(const Request& req, const std::string& id_text) {
        if (auto no = require(req, may_edit(viewer().role), "write narratives")) return *no;
        auto id = parse_id(id_text);
        auto db = pool.acquire();
        if (!id ||
            db->query("SELECT 1 FROM priorities WHERE id = ?", {store::integer(*id)}).empty())
            return not_found(req, "There is no priority " + id_text + ".");
        auto with_error = [&](const std::string& field, const std::string& message) {
            Data e = form_error(field, message);
            e.set("form_period_end", req.form_value("period_end"));
            e.set("form_text", req.form_value("text"));
            return priority(req, id_text, e);
        };
        auto month = parse_month(req.form_value("period_end"));
        if (!month)
            return with_error("period_end", "Enter the period end as YYYY-MM, for example 2019-09");
        if (req.form_value("text").empty()) return with_error("narrative", "Enter the narrative");
        auto visibility = parse_visibility(req.form_value("visibility"));
        if (!visibility) return with_error("narrative-visibility", "Choose who may see it");
        Narrative n;
        n.priority_id = *id;
        n.period_end = *month;
        n.text = req.form_value("text");
        n.author = viewer().session ? viewer().session->user.display_name : "";
        n.visibility = *visibility;
        try {
            validate(n);
            store::Transaction tx(*db);
            store::save_narrative(*db, n);
            store::audit(*db, viewer().name(), "narrative saved",
                         fmt::format("priority {} {}", *id, to_string(*month)));
            tx.commit();
        } catch (const PlanInvalid& e) {
            return with_error("narrative", e.problem);
        }
        return Response::redirect("/priorities/" + id_text);
    }

    // The plans replaced by newer ones: the history stays.
    Response previous_plans(const Request& req) {
        auto s = current();
        auto db = pool.acquire();
        Data d = plans_data(*db, viewer().role, today(), glance_for(*s, *db), true);
        return page(req, "previous_plans", "Previous plans", d);
    }

    Response home(const Request& req) {
        auto s = current();
        Data d = object();
        {
            auto db = pool.acquire();
            Data plans = plans_data(*db, viewer().role, today(), glance_for(*s, *db));
            d.set("plans", *plans.get("plans"));
            d.set("has_plans", *plans.get("has_plans"));
            d.set("has_previous", *plans.get("has_previous"));
        }
        Data forces = list();
        if (s->latest) {
            auto tables = s->tables_for(*s->latest, viewer().role);
            size_t n_forces = 0;
            for (const auto& t : *tables)
                if (s->data.areas[t.area].level == AreaLevel::force) ++n_forces;
            // With many forces (a national store), every force's whole table would make the page
            // hundreds of kilobytes: one summary row each instead, linking to its area page.
            bool summary = n_forces > kFullTablesUpTo;
            d.set("summary", summary);
            d.set("force_count", std::to_string(n_forces));
            if (summary) d.set("summary_rows", force_summary_rows(*s, *tables));
            for (size_t i = 0; i < s->data.areas.size(); ++i) {
                const Area& a = s->data.areas[i];
                auto month = s->indicators->force_latest[i];
                if (summary || a.level != AreaLevel::force || !month) continue;
                // Each force's table for its own latest month: forces publish up to different
                // months (the demo's City of London files end in December 2021).
                const AreaTable& t = s->tables_for(*month, viewer().role)->at(i);
                Data f = object();
                f.set("name", a.name);
                f.set("url", "/areas/" + url_encode(a.code));
                f.set("note", a.note);
                Data rows = list();
                for (const auto& r : t.rows) rows.push_back(row_data(s->data, r));
                f.set("rows", rows);
                set_table_fields(f, s->data, t,
                                 fmt::format("{}: 12 months to {}", a.name, month_label(*month)),
                                 "Indicator", false);
                // All crime's funnel plot of the force's districts, where it has two or more.
                if (const auto* all = s->visible_indicator(std::string(kAllCrime), viewer().role)) {
                    set_funnel(f, *s, *all, *month, i, fmt::format("funnel-{}", i));
                    f.set("funnel_heading",
                          fmt::format("{}: comparing the districts fairly", all->name));
                }
                forces.push_back(f);
            }
            d.set("period", fmt::format("12 months to {}", month_label(*s->latest)));
        }
        d.set("forces", forces);
        d.set("has_data", s->latest.has_value());
        return page(req, "home", "Plans and performance", d);
    }

    // The home page shows each force's whole table up to this many forces, a summary beyond.
    static constexpr size_t kFullTablesUpTo = 3;

    // One row per force: All crime's figures (the headline) and how many of the force's
    // indicators are significantly above or below their Long Term Average.
    static Data force_summary_rows(const Snapshot& s, const std::vector<AreaTable>& tables) {
        Data rows = list();
        for (const auto& t : tables) {
            const Area& a = s.data.areas[t.area];
            if (a.level != AreaLevel::force) continue;
            Data f = object();
            f.set("name", a.name);
            f.set("url", "/areas/" + url_encode(a.code));
            const IndicatorRow* all = nullptr;
            int higher = 0, lower = 0;
            for (const auto& r : t.rows) {
                if (r.indicator == kAllCrime) all = &r;
                if (r.z && is_significant(*r.z)) ++(*r.z > 0 ? higher : lower);
            }
            bool has_all = all && all->status != CellStatus::not_available_at_area;
            f.set("has_all_crime", has_all);
            if (has_all) {
                DisplayRow d = display_row(*all);
                f.set("last_12", d.last_12);
                f.set("lta", d.lta);
                f.set("difference", d.difference);
                f.set("significance", d.significance);
                f.set("significant", all->z && is_significant(*all->z));
                f.set("all_crime_url", "/indicators/" + url_encode(std::string(kAllCrime)) +
                                           "?area=" + url_encode(a.code));
            }
            f.set("higher", std::to_string(higher));
            f.set("lower", std::to_string(lower));
            rows.push_back(f);
        }
        return rows;
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
        size_t index = s->data.areas.size();
        for (size_t a = 0; a < s->data.areas.size(); ++a)
            if (s->data.areas[a].code == code) index = a;
        if (index == s->data.areas.size())
            return not_found(req, "There is no area with the code " + code + ".");
        Response error;
        auto m = month_param(req, *s, error, index);
        if (!m) return error;
        auto tables = s->tables_for(*m, viewer().role);
        for (const auto& t : *tables) {
            const Area& a = s->data.areas[t.area];
            if (t.area != index) continue;
            Data d = object();
            d.set("name", a.name);
            d.set("code", a.code);
            d.set("level", a.level == AreaLevel::force ? "Force area" : "District");
            d.set("note", s->data.areas[a.force].note);
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

    // What needs the panel's attention: each force's cells whose latest month is a special
    // cause on its SPC chart, for the force's own latest month.
    Response exceptions(const Request& req) {
        auto s = current();
        Data forces = list();
        for (size_t i = 0; i < s->data.areas.size(); ++i) {
            const Area& a = s->data.areas[i];
            auto month = s->indicators->force_latest[i];
            if (a.level != AreaLevel::force || !month) continue;
            auto tables = s->tables_for(*month, viewer().role);
            std::vector<AreaTable> own;
            for (const auto& t : *tables)
                if (s->data.areas[t.area].force == i) own.push_back(t);
            Data groups = list();
            auto items = exception_report(s->data, own);
            for (SpecialCause cause :
                 {SpecialCause::concern, SpecialCause::improvement, SpecialCause::special}) {
                Data list_items = list();
                for (const auto& item : items) {
                    if (item.cause != cause) continue;
                    Data e = object();
                    e.set("reason", item.reason);
                    e.set("icon", variation_icon_svg(item.variation));
                    e.set("words", variation_words(item.variation));
                    e.set("url", "/indicators/" + url_encode(item.indicator) +
                                     "?area=" + url_encode(s->data.areas[item.area].code) +
                                     "&month=" + to_string(*month));
                    Data row = row_data(s->data, *item.row);
                    e.set("difference", *row.get("difference"));
                    e.set("has_difference", *row.get("has_difference"));
                    e.set("better", *row.get("better"));
                    list_items.push_back(e);
                }
                if (list_items.is_empty_list()) continue;
                Data g = object();
                g.set("heading", cause == SpecialCause::concern       ? "Concerns"
                                 : cause == SpecialCause::improvement ? "Improvements"
                                                                      : "Other signals");
                g.set("items", list_items);
                groups.push_back(g);
            }
            Data f = object();
            f.set("name", a.name);
            f.set("url", "/areas/" + url_encode(a.code));
            f.set("month", month_label(*month));
            f.set("groups", groups);
            f.set("none", groups.is_empty_list());
            f.set("count", std::to_string(items.size()));
            forces.push_back(f);
        }
        Data d = object();
        d.set("forces", forces);
        d.set("has_forces", !forces.is_empty_list());
        return page(req, "exceptions", "What needs the panel's attention", d);
    }

    Response indicators(const Request& req) {
        auto s = current();
        Data d = object();
        Data items = list();
        for (const auto& i : s->data.indicators) {
            if (!may_see(viewer().role, i.visibility)) continue;
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
        const IndicatorDefinition* def = s->visible_indicator(name, viewer().role);
        if (!def) return not_found(req, "There is no indicator called " + name + ".");
        std::string code =
            req.query_value("area", s->data.areas.empty() ? "" : s->data.areas[0].code);
        size_t area = s->data.areas.size();
        for (size_t a = 0; a < s->data.areas.size(); ++a)
            if (s->data.areas[a].code == code) area = a;
        if (area == s->data.areas.size())
            return not_found(req, "There is no area with the code " + code + ".");
        Response error;
        auto m = month_param(req, *s, error, area);
        if (!m) return error;

        Data d = object();
        d.set("name", def->name);
        d.set("area", s->data.areas[area].name);
        d.set("period", period_sentence(*m));
        d.set("source_note", def->source_note);
        d.set("has_source_note", !def->source_note.empty());
        // Every area's cell for this indicator; with many forces (a national store: hundreds of
        // areas), every force's and the districts of the area's own force.
        size_t n_forces = static_cast<size_t>(
            std::count_if(s->data.areas.begin(), s->data.areas.end(),
                          [](const Area& a) { return a.level == AreaLevel::force; }));
        bool many = n_forces > kFullTablesUpTo;
        const Area& chosen = s->data.areas[area];
        size_t own_force = chosen.level == AreaLevel::force ? area : chosen.force;
        // With a few forces (which may publish up to different months), the area's own force
        // and its districts; with many (a national store), every force too.
        auto shown = [&](size_t a) {
            const Area& x = s->data.areas[a];
            return x.force == own_force || (many && x.level == AreaLevel::force);
        };
        auto tables = s->tables_for(*m, viewer().role);
        Data rows = list();
        AreaTable chosen_row{area, {}};
        // Each footnote once, with the areas it is about.
        std::vector<std::pair<std::string, std::vector<std::string>>> by_note;
        size_t shown_areas = 0;
        for (const auto& t : *tables)
            if (shown(t.area))
                for (const auto& r : t.rows)
                    if (r.indicator == name) {
                        ++shown_areas;
                        rows.push_back(row_data(s->data, r));
                        AreaTable one{t.area, {r}};
                        if (t.area == area) chosen_row.rows.push_back(r);
                        for (const auto& f : footnotes(s->data, one)) {
                            auto it = std::find_if(by_note.begin(), by_note.end(),
                                                   [&](const auto& n) { return n.first == f; });
                            if (it == by_note.end()) it = by_note.insert(by_note.end(), {f, {}});
                            it->second.push_back(s->data.areas[t.area].name);
                        }
                    }
        // No Long Term Average in the chosen area's row: its columns are left out (the other
        // areas of a force share its months) and one sentence says why.
        auto no_lta = lta_unavailable(chosen_row);
        d.set("has_lta", !no_lta);
        d.set("lta_note", no_lta.value_or(""));
        d.set("has_spc", true);
        Data notes = list();
        for (const auto& [note, areas] : by_note) {
            if (no_lta && note == *no_lta) continue;
            notes.push_back(Data(areas.size() == shown_areas && shown_areas > 1
                                     ? "Every area: " + note
                                     : fmt::format("{}: {}", fmt::join(areas, ", "), note)));
        }
        d.set("rows", rows);
        d.set("footnotes", notes);
        d.set("has_footnotes", !notes.is_empty_list());
        d.set("caption", many ? fmt::format("Every force area, and the districts of {}",
                                            s->data.areas[own_force].name)
                              : fmt::format("{} and its districts", s->data.areas[own_force].name));
        d.set("first_column", "Area");
        d.set("by_area", true);
        // The trend chart and its data table: the 48 months behind the cell.
        auto trend = indicator_trend(s->data, area, *def, *m);
        Data months = list();
        for (size_t k = 0; k < trend.values.size(); ++k) {
            Data row = object();
            row.set("month", month_label(trend.chart.points[k].month));
            const auto& f = trend.values[k];
            row.set("value", f ? round_for_display(*f, f->den == 1 ? 0 : 1) : "not in the data");
            std::string shows;
            if (const auto& spc = trend.chart.spc;
                spc && k >= spc->first && k - spc->first < spc->causes.size())
                shows = special_cause_words(spc->causes[k - spc->first]);
            row.set("shows", shows);
            months.push_back(row);
        }
        const std::string& why = trend.why;
        bool has_series = why.empty();
        d.set("has_spc_chart", trend.spc.has_value());
        d.set("spc_note", trend.spc_note);
        d.set("gaps", trend.gaps);
        d.set("better", improvement_words(def->improvement));
        if (trend.spc) {
            const IndicatorSpc& spc = *trend.spc;
            Month last = spc.first + static_cast<int>(spc.chart.points.size()) - 1;
            Month base_last = spc.first + static_cast<int>(spc.chart.baseline) - 1;
            d.set("variation_icon", variation_icon_svg(spc.variation));
            d.set("variation_words", variation_words(spc.variation));
            d.set("spc_sentence",
                  fmt::format("The chart's mean and process limits are worked out from the {} "
                              "months from {} to {}: a month's figure outside the limits, or "
                              "a run or trend of 7 months, is a signal (a special cause) rather "
                              "than the variation there always is. Mean {} a month; limits {} "
                              "and {}.",
                              spc.chart.baseline, month_label(spc.first), month_label(base_last),
                              chart_number(spc.chart.limits.mean),
                              chart_number(spc.chart.limits.lower_limit),
                              chart_number(spc.chart.limits.upper_limit)));
            d.set("latest_month", month_label(last));
            d.set("has_assurance", spc.assurance.has_value());
            if (spc.assurance) {
                d.set("assurance_icon", assurance_icon_svg(*spc.assurance));
                d.set("assurance_words", assurance_words(*spc.assurance));
            }
        }
        LineChart narrow = trend.chart;
        narrow.width = 400;
        narrow.height = 300;
        narrow.id = "chart-narrow";
        d.set("chart", render_line_chart_svg(trend.chart));
        d.set("chart_narrow", render_line_chart_svg(narrow));
        d.set("months", months);
        d.set("series_note", why);
        d.set("has_series_note", !has_series);
        Data area_links = list();
        for (size_t i = 0; i < s->data.areas.size(); ++i) {
            // Every force, and the districts of the area's own.
            if (!shown(i) && s->data.areas[i].level != AreaLevel::force) continue;
            const Area& a = s->data.areas[i];
            Data l = object();
            l.set("name", a.name);
            l.set("url", "/indicators/" + url_encode(name) + "?area=" + url_encode(a.code) +
                             "&month=" + to_string(*m));
            l.set("current", a.code == code);
            area_links.push_back(l);
        }
        d.set("area_links", area_links);
        set_funnel(d, *s, *def, *m, own_force);
        // The narrative written for the priorities this indicator measures.
        Data narratives = list();
        {
            auto db = pool.acquire();
            for (const auto& r :
                 db->query("SELECT p.id, p.title, p.visibility FROM priority_indicators i JOIN "
                           "priorities p ON "
                           "p.id = i.priority_id WHERE i.indicator = ? ORDER BY p.id",
                           {store::text(name)})) {
                auto v = parse_visibility(store::as_text(r[2]));
                if (!v || !may_see(viewer().role, *v)) continue;
                for (const auto& n :
                     store::load_narratives(*db, viewer().role, store::as_int(r[0]))) {
                    Data e = object();
                    e.set("priority", store::as_text(r[1]));
                    e.set("priority_url", "/priorities/" + std::to_string(store::as_int(r[0])));
                    e.set("period", month_label(n.period_end));
                    e.set("text", n.text);
                    narratives.push_back(e);
                    break;  // the latest period's
                }
            }
        }
        d.set("has_narratives", !narratives.is_empty_list());
        d.set("narratives", narratives);
        return page(req, "indicator", def->name, d);
    }

    // The funnel plot of the indicator across the force's districts (funnel_plot.hpp), or why
    // there is none.
    static void set_funnel(Data& d, const Snapshot& s, const IndicatorDefinition& def, Month m,
                           size_t force, const std::string& id = "funnel") {
        FunnelPlot plot;
        try {
            plot = funnel_plot(s.data, def, m, force);
        } catch (const std::invalid_argument& e) {
            d.set("has_funnel", false);
            d.set("funnel_note", std::string(e.what()));
            return;
        }
        if (plot.points.size() < 2) {
            d.set("has_funnel", false);
            d.set("funnel_note", fmt::format("{} has fewer than two districts with figures to "
                                             "compare",
                                             s.data.areas[force].name));
            return;
        }
        const std::string force_name = s.data.areas[force].name;
        std::string title = fmt::format(
            "{}: each district's rate against its population, 12 "
            "months to {}",
            def.name, month_label(m));
        std::string description = fmt::format(
            "A funnel plot of {} districts around {}'s rate of {} {}.", plot.points.size(),
            force_name, chart_number(plot.target_rate), funnel_rate_unit(plot));
        d.set("has_funnel", true);
        d.set("funnel_title", title);
        d.set("funnel", render_funnel_svg(s.data, plot, title, description, id));
        d.set("funnel_narrow",
              render_funnel_svg(s.data, plot, title, description, id + "-narrow", 400, 320));
        d.set("funnel_target",
              fmt::format("{}: {} {} ({} in {} residents).", force_name,
                          chart_number(plot.target_rate), funnel_rate_unit(plot),
                          chart_number(static_cast<double>(plot.force_count)),
                          chart_number(static_cast<double>(plot.force_population))));
        Data outside = list(), rows = list();
        for (const auto& p : plot.points) {
            if (p.position != FunnelPosition::within)
                outside.push_back(Data(funnel_sentence(s.data, plot, p)));
            Data r = object();
            r.set("area", s.data.areas[p.area].name);
            r.set("count", chart_number(static_cast<double>(p.count)));
            r.set("population", chart_number(static_cast<double>(p.population)));
            r.set("rate", fmt::format("{:.1f}", p.rate));
            r.set("limits_95",
                  fmt::format("{:.1f} to {:.1f}", p.limits.lower_95, p.limits.upper_95));
            r.set("limits_998",
                  fmt::format("{:.1f} to {:.1f}", p.limits.lower_998, p.limits.upper_998));
            rows.push_back(r);
        }
        d.set("funnel_outside", outside);
        d.set("has_funnel_outside", !outside.is_empty_list());
        d.set("funnel_rows", rows);
        d.set("funnel_unit", funnel_rate_unit(plot));
    }

    Response api_indicators(const Request& req) {
        auto s = current();
        std::string text = req.query_value("month");
        std::optional<Month> m = text.empty() ? s->latest : parse_month(text);
        if (!m) {
            nlohmann::json e = {{"error", text.empty()
                                              ? "there is no indicator data yet"
                                              : "month must be YYYY-MM, for example 2021-12"}};
            return Response::json(json_text(e), text.empty() ? 404 : 400);
        }
        auto tables = s->tables_for(*m, viewer().role);
        // ?area=CODE: a force and its districts, or one district; ?indicator=NAME: that
        // indicator's rows (one the caller may not see is as unknown as one that does not exist).
        auto param_error = [](const std::string& param, const std::string& message) {
            nlohmann::json e = {{"error", param + ": " + message}, {"parameter", param}};
            return Response::json(json_text(e), 400);
        };
        std::string area_code = req.query_value("area"), name = req.query_value("indicator");
        bool by_area = req.query.count("area") > 0, by_indicator = req.query.count("indicator") > 0;
        size_t area = s->data.areas.size();
        if (by_area) {
            for (size_t a = 0; a < s->data.areas.size(); ++a)
                if (s->data.areas[a].code == area_code) area = a;
            if (area == s->data.areas.size())
                return param_error("area", area_code.empty()
                                               ? "give an area code, for example E10000020"
                                               : "there is no area with the code " + area_code);
        }
        if (by_indicator && !s->visible_indicator(name, viewer().role))
            return param_error("indicator", name.empty()
                                                ? "give an indicator name, for example Robbery"
                                                : "there is no indicator called " + name);
        std::vector<AreaTable> chosen;
        if (by_area || by_indicator) {
            for (const auto& t : *tables) {
                const Area& a = s->data.areas[t.area];
                if (by_area && t.area != area &&
                    !(s->data.areas[area].level == AreaLevel::force &&
                      a.level == AreaLevel::district && a.force == area))
                    continue;
                AreaTable kept{t.area, {}};
                for (const auto& r : t.rows)
                    if (!by_indicator || r.indicator == name) kept.rows.push_back(r);
                chosen.push_back(std::move(kept));
            }
        }
        std::string csv = render_indicator_tables(
            s->data, by_area || by_indicator ? chosen : *tables, TableFormat::csv);
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
        // The fields' text, with the quote csv_field puts before text a spreadsheet would read
        // as a formula taken off (JSON is no spreadsheet).
        auto split = [](const std::string& l) {
            std::vector<std::string> f(1);
            std::vector<bool> quoted(1, false);
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
                    q = quoted.back() = true;
                else if (c == ',')
                    f.emplace_back(), quoted.push_back(false);
                else
                    f.back() += c;
            }
            for (size_t i = 0; i < f.size(); ++i) f[i] = csv_unneutralised(f[i], quoted[i]);
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
        return json_text(out);
    }

    // Plans as the viewer may see them: the same loaders as the pages, so the same filtering.
    Response api_plans(const Request&) {
        auto db = pool.acquire();
        Role role = viewer().role;
        CalendarDate day = today();
        nlohmann::json out = nlohmann::json::array();
        for (const auto& p : store::load_plans(*db, role)) {
            auto detail = store::load_plan_detail(*db, role, p.id);
            if (!detail) continue;
            nlohmann::json jp = {{"id", p.id},
                                 {"key", p.key},
                                 {"owner", p.owner},
                                 {"title", p.title},
                                 {"first_year", p.first_year},
                                 {"last_year", p.last_year},
                                 {"kind", to_string(p.kind)},
                                 {"status", to_string(p.status)},
                                 {"visibility", to_string(p.visibility)}};
            jp["priorities"] = nlohmann::json::array();
            for (const auto& pd : detail->priorities) {
                nlohmann::json jr = {{"id", pd.priority.id},
                                     {"number", pd.priority.number},
                                     {"title", pd.priority.title},
                                     {"visibility", to_string(pd.priority.visibility)}};
                jr["objectives"] = nlohmann::json::array();
                for (const auto& o : pd.objectives)
                    jr["objectives"].push_back({{"number", o.number}, {"text", o.text}});
                jr["indicators"] = nlohmann::json::array();
                for (const auto& i : pd.indicators) jr["indicators"].push_back(i.indicator);
                jr["narratives"] = nlohmann::json::array();
                for (const auto& n : pd.narratives)
                    jr["narratives"].push_back({{"period_end", to_string(n.period_end)},
                                                {"text", n.text},
                                                {"visibility", to_string(n.visibility)}});
                jp["priorities"].push_back(jr);
            }
            jp["actions"] = nlohmann::json::array();
            for (const auto& a : detail->actions) {
                nlohmann::json ja = {{"id", a.action.id},
                                     {"number", a.action.number},
                                     {"text", a.action.text},
                                     {"owners", a.action.owners},
                                     {"due", to_string(a.action.due)},
                                     {"status", to_string(a.action.status)},
                                     {"overdue", is_overdue(a.action, day)},
                                     {"success_measures", a.action.success_measures},
                                     {"visibility", to_string(a.action.visibility)}};
                if (a.action.priority_id) ja["priority_id"] = *a.action.priority_id;
                ja["updates"] = nlohmann::json::array();
                for (const auto& u : a.updates)
                    ja["updates"].push_back({{"date", to_string(u.date)},
                                             {"text", u.text},
                                             {"author", u.author},
                                             {"visibility", to_string(u.visibility)}});
                jp["actions"].push_back(ja);
            }
            out.push_back(jp);
        }
        return Response::json(json_text(out));
    }

    // Anonymous visitors all see the same published pages, so their answers are kept until the
    // store changes; signed-in users' pages carry their name, role and tokens and are not kept.
    static bool cacheable(const Request& req) {
        if (req.method != "GET" || viewer().session) return false;
        const std::string& p = req.path;
        return p.rfind("/login", 0) != 0 && p.rfind("/imports", 0) != 0 &&
               p.rfind("/admin", 0) != 0 && p != "/healthz" && req.target.size() < 512;
    }

    // Bounded, so that requests for many different URLs cannot fill the memory: 2,000 answers
    // and 256 MB of bodies (a national store's month of the API is 2 MB, so the count alone
    // would allow 4 GB); past either, answers are computed each time until the store changes.
    static constexpr size_t kMaxKeptAnswers = 2000;
    static constexpr size_t kMaxKeptBytes = size_t{256} << 20;

    // Whether there is room for one more kept answer of `bytes` (with the snapshot's mutex held).
    static bool room_for(const Snapshot& s, size_t answers, size_t bytes) {
        return answers < kMaxKeptAnswers && s.kept_bytes + bytes <= kMaxKeptBytes;
    }
    // Random for each run, so that no stored text can hold them: a text holding a fixed
    // placeholder would be shown to every signed-in reader with their name or CSRF token in it.
    const std::string kNamePlaceholder = "@@" + store::random_token(12) + "@@";
    const std::string kTokenPlaceholder = "@@" + store::random_token(12) + "@@";

    static std::string replace_all(std::string text, const std::string& from,
                                   const std::string& to) {
        for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
            text.replace(at, from.size(), to);
        return text;
    }

    // An answer a family marks "Cache-Control: no-store" (a form carrying the visitor's own
    // CSRF token, say) is never kept for the next visitor.
    static bool no_store(const Response& r) {
        for (const auto& [name, value] : r.headers)
            if (name == "Cache-Control" && value.find("no-store") != std::string::npos) return true;
        return false;
    }

    // Signed-in users' pages are the same for everyone with the same role, but for the user's
    // name and CSRF token: they are rendered once per role with placeholders and filled in per
    // request. An import's progress page changes without the store changing, so it is not kept.
    Response member_answer(const Request& req) {
        auto s = current();
        // The day is part of the key: "overdue" and the forms' default dates depend on it.
        std::string key = to_string(today()) + "\n" + to_string(viewer().role) + "\n" + req.target;
        std::shared_ptr<const Response> kept;
        {
            std::lock_guard lock(s->mutex);
            auto it = s->member_answers.find(key);
            if (it != s->member_answers.end()) kept = it->second;
        }
        if (!kept) {
            Viewer real = viewer();
            viewer().csrf_token = kTokenPlaceholder;
            viewer().session->user.display_name = kNamePlaceholder;
            Response r = route(req);
            viewer() = real;
            if (!r.shared_body)
                r.shared_body = std::make_shared<const std::string>(std::move(r.body));
            r.body.clear();
            kept = std::make_shared<const Response>(std::move(r));
            if (kept->status == 200 && !no_store(*kept)) {
                std::lock_guard lock(s->mutex);
                size_t bytes = kept->shared_body->size();
                if (room_for(*s, s->member_answers.size(), bytes) &&
                    s->member_answers.emplace(key, kept).second)
                    s->kept_bytes += bytes;
            }
        }
        Response r = *kept;
        r.shared_body.reset();
        r.gzip_body.reset();  // (the body is filled in per request: sent as it is)
        r.body =
            replace_all(replace_all(*kept->shared_body, kTokenPlaceholder, viewer().csrf_token),
                        kNamePlaceholder, html_escape(viewer().session->user.display_name));
        return r;
    }

    Response answer(const Request& req) {
        if (req.method == "GET" && viewer().session && req.path.rfind("/imports/jobs", 0) != 0 &&
            req.path.rfind("/login", 0) != 0 && files.find(req.path) == files.end())
            return member_answer(req);
        if (!cacheable(req)) {
            Response r = route(req);
            if (req.method == "POST" && r.status == 303) invalidate();
            return r;
        }
        auto s = current();
        {
            std::lock_guard lock(s->mutex);
            auto it = s->public_answers.find(to_string(today()) + "\n" + req.target);
            if (it != s->public_answers.end()) return *it->second;
        }
        Response r = route(req);
        if ((r.status == 200 || r.status == 404 || r.status == 400) && !no_store(r)) {
            {
                std::lock_guard lock(s->mutex);
                if (!room_for(*s, s->public_answers.size(), r.content().size())) return r;
            }
            // Compressed once here, outside the lock (a national month of the API takes ~20 ms).
            if (!r.shared_body)
                r.shared_body = std::make_shared<const std::string>(std::move(r.body));
            r.body.clear();
            if (!r.gzip_body) r.gzip_body = gzipped(*r.shared_body);
            size_t bytes = r.shared_body->size() + (r.gzip_body ? r.gzip_body->size() : 0);
            std::lock_guard lock(s->mutex);
            if (room_for(*s, s->public_answers.size(), bytes) &&
                s->public_answers
                    .emplace(to_string(today()) + "\n" + req.target,
                             std::make_shared<const Response>(r))
                    .second)
                s->kept_bytes += bytes;
        }
        return r;
    }

    Response route(const Request& req) {
        const std::string& p = req.path;
        if (req.method == "GET" || req.method == "HEAD") {
            if (auto f = files.find(p); f != files.end()) {
                Response r;
                r.content_type = f->second.content_type;
                r.shared_body = f->second.body;
                r.gzip_body = f->second.gzip_body;
                r.headers.emplace_back("Cache-Control", "public, max-age=3600");
                return r;
            }
            // Only the routes in the table (routes.hpp) are answered.
            if (!route_exists(req.method, p))
                return not_found(req, "The page " + p + " does not exist.");
            if (p == "/") return home(req);
            if (p == "/areas") return areas(req);
            if (p.rfind("/areas/", 0) == 0) return area(req, p.substr(7));
            if (p == "/indicators") return indicators(req);
            if (p == "/exceptions") return exceptions(req);
            if (p == "/previous-plans") return previous_plans(req);
            if (p.rfind("/indicators/", 0) == 0) return indicator(req, p.substr(12));
            if (p.rfind("/plans/", 0) == 0) return plan(req, p.substr(7));
            if (p.rfind("/priorities/", 0) == 0) return priority(req, p.substr(12));
            if (p.rfind("/actions/", 0) == 0) return action(req, p.substr(9));
            if (p == "/api/v1/indicators") return api_indicators(req);
            if (p == "/api/v1/plans") return api_plans(req);
            if (p == "/healthz") return Response::text("ok\n");
            if (p == "/login") return login_form(req);
            if (p == "/admin/users") return users_page(req);
            if (p.rfind("/admin/users/", 0) == 0) return user_page(req, p.substr(13));
            if (p == "/imports") return imports_page(req);
            if (p.rfind("/imports/jobs/", 0) == 0) {
                std::string id = p.substr(14);
                bool as_json = id.size() > 5 && id.substr(id.size() - 5) == ".json";
                return job_page(req, as_json ? id.substr(0, id.size() - 5) : id, as_json);
            }
            for (PageFamily family : kFamilies)
                if (auto r = family(*this, req)) return std::move(*r);
            return not_found(req, "The page " + p + " does not exist.");
        }
        if (req.method == "POST") {
            // Uploads carry the token inside the multipart body; forms in the urlencoded one.
            std::optional<std::vector<FormPart>> parts;
            std::string token = req.form_value("csrf_token");
            auto ct = req.headers.find("content-type");
            if (ct != req.headers.end() && ct->second.rfind("multipart/form-data", 0) == 0) {
                parts = parse_multipart(ct->second, req.body);
                if (!parts)
                    return bad_request(req, "file",
                                       "The upload could not be read; choose the file again");
                for (const auto& part : *parts)
                    if (part.name == "csrf_token") token = part.data;
            }
            if (!parts && req.body.size() > kMaxFormBytes) return form_too_large(req);
            if (!csrf_ok(token))
                return forbidden(req,
                                 "The form has expired or did not come from this site. Go back, "
                                 "reload the page and try again.");
            if (!route_exists(req.method, p)) return Response::text("Method not allowed\n", 405);
            if (auto refused = refuse_text(req, parts)) return std::move(*refused);
            if (p == "/login") return login(req);
            if (p == "/logout") return logout(req);
            if (p == "/admin/users") return create_user(req);
            if (p.rfind("/admin/users/", 0) == 0) return change_user(req, p.substr(13));
            if (p == "/imports" && parts) return start_import(req, *parts);
            if (p == "/imports") return imports_page(req, "Choose a file to import", 400);
            if (p.rfind("/plans/", 0) == 0) return edit_plan(req, p.substr(7));
            if (p.rfind("/actions/", 0) == 0) {
                std::string rest = p.substr(9);
                if (rest.size() > 8 && rest.substr(rest.size() - 8) == "/updates")
                    return add_update(req, rest.substr(0, rest.size() - 8));
                return edit_action(req, rest);
            }
            if (p.rfind("/priorities/", 0) == 0 && p.size() > 22 &&
                p.substr(p.size() - 10) == "/narrative")
                return save_narrative(req, p.substr(12, p.size() - 22));
            for (PageFamily family : kFamilies)
                if (auto r = family(*this, req)) return std::move(*r);
        }
        Response r = Response::text("Method not allowed\n", 405);
        return r;
    }
};

App::App(const AppOptions& options) : impl_(std::make_unique<Impl>(options)) {}
App::~App() = default;

Response App::handle(const Request& request) {
    Impl::viewer() = impl_->resolve_viewer(request);
    Response r = impl_->answer(request);
    if (Impl::viewer().set_csrf_cookie)
        r.headers.emplace_back("Set-Cookie",
                               cookie(kCsrfCookie, Impl::viewer().csrf_token, request.secure));
    // Pages that depend on who is signed in must not be cached by anyone else.
    bool is_static = false;
    for (const auto& [k, v] : r.headers)
        if (k == "Cache-Control") is_static = true;
    if (!is_static) r.headers.emplace_back("Cache-Control", "no-store");
    add_security_headers(r, request.secure);
    if (r.gzip_body) {
        r.headers.emplace_back("Vary", "Accept-Encoding");
        if (accepts_gzip(request)) {
            r.shared_body = std::move(r.gzip_body);
            r.body.clear();
            r.headers.emplace_back("Content-Encoding", "gzip");
        }
        r.gzip_body.reset();
    }
    if (request.method == "HEAD") {
        r.body.clear();
        r.shared_body.reset();
    }
    return r;
}

}  // namespace scrutineer::web
