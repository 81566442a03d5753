// The HTTP server: Boost.Beast, asynchronous, one io_context run by a few threads, keep-alive.
// The only file that includes Beast (it costs seconds of compile time per file).
#include <utility>  // before Boost: Asio's awaitable.hpp misses it under g++ 12 / C++20

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <algorithm>
#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/span_body.hpp>
#include <condition_variable>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "scrutineer/client_address.hpp"
#include "scrutineer/http.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace scrutineer::web {
namespace {

// How long a response may take to be written, and a refusal (503) with the reading of whatever
// the client sent meanwhile.
constexpr auto kWriteTimeout = std::chrono::seconds(60);
constexpr auto kRefusalTimeout = std::chrono::seconds(2);
// Refusals in progress at most; beyond, a connection over the caps is closed without a word.
constexpr size_t kMaxRefusing = 64;
// File descriptors kept out of the connection cap: refusals, the database's files, imports'
// uploads, logs.
constexpr size_t kReservedFds = 128;

// An answer the server makes itself, not the application: it carries the same security headers
// as the application's (http.hpp), and is never cached.
Response own_answer(std::string text, int status, bool behind_tls) {
    Response r = Response::text(std::move(text), status);
    r.headers.emplace_back("Cache-Control", "no-store");
    add_security_headers(r, behind_tls);
    return r;
}

// `r` as Beast writes it (every header value on one line).
template <class Body, class Value>
void fill(http::response<Body>& res, const Response& r, bool keep_alive, Value body) {
    res = {};
    res.version(11);
    res.result(static_cast<unsigned>(r.status));
    res.set(http::field::server, "scrutineer");
    res.set(http::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) {
        // A line break in a value would end the header and start another (a response split,
        // a Set-Cookie of someone else's choosing): none is ever written.
        std::string value = v;
        for (char& c : value)
            if (c == '\r' || c == '\n') c = ' ';
        res.insert(k, value);
    }
    res.body() = std::move(body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
}

class Session;

// The connections held, shared by the sessions and the acceptor: how many in all and from each
// address, and those waiting for a request (idle), the longest waiting first: the first closed
// when a new connection finds the total reached.
struct Connections {
    std::mutex mutex;
    size_t total = 0;
    std::map<std::string, size_t> by_address;
    std::list<std::weak_ptr<Session>> idle;
    size_t refusing = 0;

    // Counts a connection from `address` out (under the mutex).
    void forget(const std::string& address) {
        --total;
        auto it = by_address.find(address);
        if (it != by_address.end() && --it->second == 0) by_address.erase(it);
    }
};

class Session : public std::enable_shared_from_this<Session> {
  public:
    // `socket` is already counted in `connections` (Server::Impl::admit).
    Session(tcp::socket socket, const Handler& handler, const ServerOptions& options,
            std::shared_ptr<Connections> connections, std::string address)
        : stream_(std::move(socket)),
          handler_(handler),
          options_(options),
          connections_(std::move(connections)),
          address_(std::move(address)) {}

    ~Session() {
        std::lock_guard lock(connections_->mutex);
        if (listed_) connections_->idle.erase(idle_at_);
        connections_->forget(address_);
    }

    void run() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::wait_for_request, shared_from_this()));
    }

    // Taken off the idle list by the acceptor (under connections_->mutex).
    void unlisted() { listed_ = false; }

    // Closes the connection if it is still waiting for a request (on its strand; Impl::admit
    // took it off the idle list to make room). One that has just received the start of a
    // request meanwhile is left to finish it.
    void evict() {
        if (!waiting_) return;
        stream_.close();
    }

    net::any_io_executor executor() { return stream_.get_executor(); }

  private:
    // Waits for a request's first byte (idle_timeout), listed meanwhile as idle.
    void wait_for_request() {
        parser_.emplace();
        parser_->body_limit(options_.max_body_bytes);
        parser_->header_limit(64 * 1024);
        if (buffer_.size() > 0) return read_header();  // the next request is already here
        {
            std::lock_guard lock(connections_->mutex);
            idle_at_ = connections_->idle.insert(connections_->idle.end(), weak_from_this());
            listed_ = true;
        }
        waiting_ = true;
        stream_.expires_after(options_.idle_timeout);
        stream_.async_read_some(
            buffer_.prepare(16 * 1024),  // sql-check: not SQL: room in Beast's read buffer
            beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
    }

    void on_first_bytes(beast::error_code ec, size_t n) {
        waiting_ = false;
        {
            std::lock_guard lock(connections_->mutex);
            if (listed_) connections_->idle.erase(idle_at_);
            listed_ = false;
        }
        if (ec) return close();  // nothing sent in time, closed by the client, or evicted
        buffer_.commit(n);
        read_header();
    }

    // The header, complete within header_timeout of its first byte; then the body.
    void read_header() {
        stream_.expires_after(options_.header_timeout);
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    void on_header(beast::error_code ec, size_t n) {
        if (ec || parser_->is_done()) return on_read(ec, n);
        stream_.expires_after(options_.body_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    // Whether the request (as far as its header was read) came through a TLS proxy.
    bool behind_tls() const {
        if (!parser_) return false;  // (the fields read so far, the whole header or not)
        auto it = parser_->get().find("X-Forwarded-Proto");
        return it != parser_->get().end() && it->value() == "https";
    }

    void on_read(beast::error_code ec, size_t) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == net::error::connection_reset || ec == net::error::eof ||
            ec == net::error::operation_aborted)
            return close();
        if (ec == http::error::body_limit)
            return write(
                own_answer("The upload is larger than this server accepts.\n", 413, behind_tls()),
                false);
        if (ec) return write(own_answer("Bad request: " + ec.message() + "\n", 400, false), false);
        stream_.expires_never();  // the application's time is not the client's
        auto req = parser_->release();
        std::map<std::string, std::string> headers;
        std::string forwarded_for;  // every X-Forwarded-For, in order (client_address.hpp)
        for (const auto& f : req) {
            headers[std::string(f.name_string())] = std::string(f.value());
            if (beast::iequals(f.name_string(), "X-Forwarded-For"))
                forwarded_for += (forwarded_for.empty() ? "" : ",") + std::string(f.value());
        }
        Request request = make_request(std::string(req.method_string()), std::string(req.target()),
                                       std::move(headers), std::move(req.body()));
        beast::error_code peer_error;
        auto peer = stream_.socket().remote_endpoint(peer_error);
        if (!peer_error)
            request.remote =
                client_address(peer.address().to_string(), forwarded_for, options_.trusted_proxies);
        Response response;
        try {
            response = handler_(request);
        } catch (const std::exception& e) {
            spdlog::error("{} {}: {}", request.method, request.path, e.what());
            response =
                own_answer("Sorry, something went wrong on our side.\n", 500, request.secure);
        }
        write(std::move(response), req.keep_alive());
    }

    void write(Response r, bool keep_alive) {
        stream_.expires_after(kWriteTimeout);
        if (r.shared_body) {
            // A body owned by a cache: the response points into it and holds it until written.
            shared_ = std::move(r.shared_body);
            send(shared_res_, r, keep_alive,
                 http::span_body<const char>::value_type(shared_->data(), shared_->size()));
        } else {
            std::string body = std::move(r.body);
            send(res_, r, keep_alive, std::move(body));
        }
    }

    template <class Body, class Value>
    void send(http::response<Body>& res, const Response& r, bool keep_alive, Value body) {
        fill(res, r, keep_alive, std::move(body));
        http::async_write(
            stream_, res,
            beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
    }

    void on_write(bool keep_alive, beast::error_code ec, size_t) {
        if (ec || !keep_alive) return close();
        wait_for_request();
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> res_;
    http::response<http::span_body<const char>> shared_res_;
    std::shared_ptr<const std::string> shared_;
    const Handler& handler_;
    const ServerOptions& options_;
    std::shared_ptr<Connections> connections_;
    const std::string address_;
    bool waiting_ = false;  // for a request's first byte (on the strand)
    // Its place in connections_->idle while listed there (under connections_->mutex).
    bool listed_ = false;
    std::list<std::weak_ptr<Session>>::iterator idle_at_;
};

// A connection over the caps: answered 503 at once (before its request is read: HTTP allows an
// early answer), its sending side shut, and what the client sends read and dropped until it
// closes (kRefusalTimeout at most), so that closing with unread bytes does not reset the
// connection before the answer arrives.
class Refusal : public std::enable_shared_from_this<Refusal> {
  public:
    Refusal(tcp::socket socket, std::shared_ptr<Connections> connections)
        : stream_(std::move(socket)), connections_(std::move(connections)) {}
    ~Refusal() {
        std::lock_guard lock(connections_->mutex);
        --connections_->refusing;
    }

    void run() {
        Response r = own_answer(
            "The server is busy: too many connections are open. Try again in a few seconds.\n", 503,
            false);
        r.headers.emplace_back("Retry-After", "5");
        fill(res_, r, false, std::move(r.body));
        stream_.expires_after(kRefusalTimeout);
        http::async_write(stream_, res_,
                          beast::bind_front_handler(&Refusal::on_write, shared_from_this()));
    }

  private:
    void on_write(beast::error_code ec, size_t) {
        if (ec) return;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        drain({}, 0);
    }

    void drain(beast::error_code ec, size_t) {
        if (ec) return;  // the client closed, or the time is up
        stream_.async_read_some(net::buffer(scratch_),
                                beast::bind_front_handler(&Refusal::drain, shared_from_this()));
    }

    beast::tcp_stream stream_;
    std::shared_ptr<Connections> connections_;
    http::response<http::string_body> res_;
    std::array<char, 4096> scratch_;
};

// Raises the soft limit of open files to the hard limit (the default soft limit, 1,024, is far
// below what a server holding many connections needs); the limit in force.
size_t raise_open_file_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    rlim_t hard = limit.rlim_max == RLIM_INFINITY ? rlim_t(1) << 20 : limit.rlim_max;
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= hard) return hard;
    rlimit raised{hard, limit.rlim_max};
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) return hard;
    return limit.rlim_cur;
}

}  // namespace

struct Server::Impl {
    ServerOptions options;
    Handler handler;
    std::shared_ptr<Connections> connections = std::make_shared<Connections>();
    net::io_context ioc;
    tcp::acceptor acceptor{ioc};
    net::steady_timer accept_pause{ioc};
    std::chrono::steady_clock::time_point accept_error_logged{};
    std::mutex mutex;
    std::condition_variable listening_cv;
    bool listening = false;
    unsigned short bound_port = 0;
    size_t max_connections = 0;

    void accept() {
        acceptor.async_accept(
            net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
                if (!acceptor.is_open()) return;
                if (!ec) {
                    admit(std::move(socket));
                    return accept();
                }
                if (ec != net::error::no_descriptors && ec != net::error::no_buffer_space &&
                    ec != net::error::no_memory &&
                    ec != boost::system::errc::too_many_files_open_in_system)
                    return accept();  // this connection's own trouble (aborted before accepted)
                // Out of file descriptors (or memory): accepting again at once would fail again
                // at once, a busy loop. Make room by closing the longest idle connection, and try
                // again shortly; the connections waiting meanwhile stay queued.
                auto now = std::chrono::steady_clock::now();
                if (now - accept_error_logged > std::chrono::seconds(10)) {
                    spdlog::warn("cannot accept connections: {}; closing idle ones", ec.message());
                    accept_error_logged = now;
                }
                if (auto victim = longest_idle()) evict(victim);
                accept_pause.expires_after(std::chrono::milliseconds(50));
                accept_pause.async_wait([this](beast::error_code) {
                    if (acceptor.is_open()) accept();
                });
            });
    }

    // The connection waiting longest for a request, taken off the idle list (under the mutex).
    // One whose last owner has gone is being destroyed: its destructor takes it off.
    std::shared_ptr<Session> longest_idle_locked() {
        auto& idle = connections->idle;
        for (auto it = idle.begin(); it != idle.end(); ++it)
            if (auto s = it->lock()) {
                idle.erase(it);
                s->unlisted();
                return s;
            }
        return nullptr;
    }

    std::shared_ptr<Session> longest_idle() {
        std::lock_guard lock(connections->mutex);
        return longest_idle_locked();
    }

    static void evict(const std::shared_ptr<Session>& victim) {
        net::post(victim->executor(), [victim] { victim->evict(); });
    }

    // A new connection: served if the caps allow, once the longest idle connection is closed if
    // the total is reached; refused (503) otherwise.
    void admit(tcp::socket socket) {
        beast::error_code ec;
        auto peer = socket.remote_endpoint(ec);
        if (ec) return;  // already gone
        std::string address = peer.address().to_string();
        std::shared_ptr<Session> victim;
        enum { serve, refuse, drop } verdict = serve;
        {
            std::lock_guard lock(connections->mutex);
            auto& c = *connections;
            size_t& mine = c.by_address[address];
            // A trusted proxy carries everyone's connections: only the total applies to it.
            bool proxy = std::find(options.trusted_proxies.begin(), options.trusted_proxies.end(),
                                   canonical_address(address)) != options.trusted_proxies.end();
            if (options.max_connections_per_address && !proxy &&
                mine >= options.max_connections_per_address)
                verdict = refuse;
            else if (c.total >= max_connections && !(victim = longest_idle_locked()))
                verdict = refuse;
            if (verdict == serve) {
                ++c.total;
                ++mine;
            } else {
                if (mine == 0) c.by_address.erase(address);
                if (c.refusing >= kMaxRefusing)
                    verdict = drop;
                else
                    ++c.refusing;
            }
        }
        if (victim) evict(victim);
        if (verdict == drop) return;  // closed as `socket` goes
        socket.set_option(tcp::no_delay(true), ec);
        if (verdict == refuse)
            std::make_shared<Refusal>(std::move(socket), connections)->run();
        else
            std::make_shared<Session>(std::move(socket), handler, options, connections,
                                      std::move(address))
                ->run();
    }
};

Server::Server(ServerOptions options, Handler handler) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->options.trusted_proxies = trusted_proxy_addresses(impl_->options.trusted_proxies);
    impl_->handler = std::move(handler);
}

Server::~Server() {
    stop();
}

void Server::run(bool install_signals) {
    auto& i = *impl_;
    tcp::endpoint endpoint{net::ip::make_address(i.options.address), i.options.port};
    i.acceptor.open(endpoint.protocol());
    i.acceptor.set_option(net::socket_base::reuse_address(true));
    i.acceptor.bind(endpoint);
    i.acceptor.listen(net::socket_base::max_listen_connections);
    size_t fds = raise_open_file_limit();
    size_t fitting = fds > 2 * kReservedFds ? fds - kReservedFds : fds / 2;
    {
        std::lock_guard lock(i.mutex);
        i.bound_port = i.acceptor.local_endpoint().port();
        i.max_connections = std::max<size_t>(1, std::min(i.options.max_connections, fitting));
        i.listening = true;
    }
    if (i.max_connections < i.options.max_connections)
        spdlog::warn(
            "serving at most {} connections, not {}: this process may open only {} files "
            "(ulimit -n)",
            i.max_connections, i.options.max_connections, fds);
    i.listening_cv.notify_all();
    i.accept();
    std::optional<net::signal_set> signals;
    if (install_signals) {
        signals.emplace(i.ioc, SIGINT, SIGTERM);
        signals->async_wait([&i](beast::error_code, int) { i.ioc.stop(); });
    }
    unsigned threads =
        i.options.threads ? i.options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back([&i] { i.ioc.run(); });
    i.ioc.run();
    for (auto& t : pool) t.join();
}

void Server::stop() {
    impl_->ioc.stop();
}

size_t Server::max_connections() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->max_connections;
}

unsigned short Server::port() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->bound_port;
}

void Server::wait_until_listening() {
    std::unique_lock lock(impl_->mutex);
    impl_->listening_cv.wait(lock, [this] { return impl_->listening; });
}

}  // namespace scrutineer::web
