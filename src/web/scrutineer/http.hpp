// HTTP requests and responses as the application sees them: plain structs, no Beast types, so
// that only http_server.cpp pays Beast's compile time.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace scrutineer::web {

struct Request {
    std::string method;  // GET, POST, ...
    std::string target;  // path and query as sent
    std::string path;    // decoded path
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> form;  // application/x-www-form-urlencoded body
    std::map<std::string, std::string> cookies;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    bool secure = false;  // came over TLS (X-Forwarded-Proto: https from a proxy)
    std::string remote;   // the client's address (client_address.hpp)

    std::string query_value(const std::string& name, const std::string& fallback = "") const;
    std::string form_value(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    // A body shared with a cache (static files, cached pages): sent without copying; when set,
    // `body` is ignored.
    std::shared_ptr<const std::string> shared_body;
    // The same body gzip-compressed, made once for a kept answer or a static file: sent instead,
    // with Content-Encoding: gzip, to a client whose Accept-Encoding allows it.
    std::shared_ptr<const std::string> gzip_body;
    std::vector<std::pair<std::string, std::string>> headers;

    const std::string& content() const { return shared_body ? *shared_body : body; }

    static Response html(std::string body, int status = 200);
    static Response json(std::string body, int status = 200);
    static Response text(std::string body, int status = 200);
    static Response redirect(const std::string& location);  // 303 See Other
};

using Handler = std::function<Response(const Request&)>;

// The security headers every answer carries, the application's and the server's own (413, 400,
// 500) alike: X-Content-Type-Options, X-Frame-Options, Referrer-Policy, a Content-Security-Policy
// with frame-ancestors 'none' (unless the answer has its own, stricter one), and
// Strict-Transport-Security when the request came over TLS (`behind_tls`, from the proxy's
// X-Forwarded-Proto: https).
void add_security_headers(Response& r, bool behind_tls);

// Percent-decoding ('+' as space when `plus_is_space`), and the parts of a query or form.
std::string url_decode(std::string_view s, bool plus_is_space);
std::string url_encode(std::string_view s);
std::map<std::string, std::string> parse_url_encoded(std::string_view s);
std::map<std::string, std::string> parse_cookies(std::string_view header);

// The largest application/x-www-form-urlencoded body read as a form: a form's text fields hold
// at most 10,000 characters each (form_text.hpp), so a larger body is no form a page sends
// (uploads are multipart, up to ServerOptions::max_body_bytes). A larger one is left unparsed
// (the form is empty) and the application refuses it (413).
inline constexpr size_t kMaxFormBytes = 1024 * 1024;

// Builds a Request from its raw parts (used by the server, and by tests without a socket).
Request make_request(std::string method, std::string target,
                     std::map<std::string, std::string> headers, std::string body);

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;
    unsigned threads = 0;                      // 0: all cores
    size_t max_body_bytes = 64 * 1024 * 1024;  // uploads (police.uk months are ~2 MB each)
    // Proxies whose X-Forwarded-For is believed (client_address.hpp): IP addresses, or lists of
    // them separated by commas; the Server throws std::invalid_argument naming one that is not.
    std::vector<std::string> trusted_proxies;
    // Connections held at once, in all and from one address (0: no limit per address; a trusted
    // proxy, which carries everyone's connections, counts towards the total only). A connection
    // beyond either is answered 503 and closed; at the total, the connection idle the longest
    // (waiting for a request) is closed first to make room. run() lowers the total to fit the
    // process's file descriptor limit (Server::max_connections says what it is).
    size_t max_connections = 1000;
    size_t max_connections_per_address = 100;
    // A connection waiting for a request's first byte is closed after idle_timeout (a new one
    // and a kept-alive one alike); a request's header must be complete header_timeout after its
    // first byte (a header that trickles in, slowloris, is cut off), and its body body_timeout
    // after the header.
    std::chrono::milliseconds idle_timeout{5000};
    std::chrono::milliseconds header_timeout{10000};
    std::chrono::milliseconds body_timeout{60000};
};

// Serves until `stop` is called from another thread (or SIGINT/SIGTERM when install_signals).
class Server {
  public:
    Server(ServerOptions options, Handler handler);
    ~Server();
    void run(bool install_signals);  // blocks
    void stop();
    unsigned short port() const;  // the bound port (useful with port 0)
    // The connections held at most: options.max_connections, lowered to fit the file descriptor
    // limit (known once listening).
    size_t max_connections() const;
    void wait_until_listening();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace scrutineer::web
