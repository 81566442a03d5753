// The HTTP server: Boost.Beast, asynchronous, one io_context run by a few threads, keep-alive.
// The only file that includes Beast (it costs seconds of compile time per file).
#include <utility>  // before Boost: Asio's awaitable.hpp misses it under g++ 12 / C++20

#include <spdlog/spdlog.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/span_body.hpp>
#include <condition_variable>
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

constexpr auto kIdleTimeout = std::chrono::seconds(30);

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, const Handler& handler, const ServerOptions& options)
        : stream_(std::move(socket)), handler_(handler), options_(options) {}

    void run() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Session::read, shared_from_this()));
    }

  private:
    void read() {
        parser_.emplace();
        parser_->body_limit(options_.max_body_bytes);
        parser_->header_limit(64 * 1024);
        stream_.expires_after(kIdleTimeout);
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    // An answer the server makes itself, not the application: it carries the same security
    // headers as the application's (http.hpp), and is never cached.
    static Response own_answer(std::string text, int status, bool behind_tls) {
        Response r = Response::text(std::move(text), status);
        r.headers.emplace_back("Cache-Control", "no-store");
        add_security_headers(r, behind_tls);
        return r;
    }

    // Whether the request (as far as its header was read) came through a TLS proxy.
    bool behind_tls() const {
        if (!parser_) return false;  // (the fields read so far, the whole header or not)
        auto it = parser_->get().find("X-Forwarded-Proto");
        return it != parser_->get().end() && it->value() == "https";
    }

    void on_read(beast::error_code ec, size_t) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == net::error::connection_reset || ec == net::error::eof)
            return close();
        if (ec == http::error::body_limit)
            return write(
                own_answer("The upload is larger than this server accepts.\n", 413, behind_tls()),
                false);
        if (ec) return write(own_answer("Bad request: " + ec.message() + "\n", 400, false), false);
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
        http::async_write(
            stream_, res,
            beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
    }

    void on_write(bool keep_alive, beast::error_code ec, size_t) {
        if (ec || !keep_alive) return close();
        read();
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
};

}  // namespace

struct Server::Impl {
    ServerOptions options;
    Handler handler;
    net::io_context ioc;
    tcp::acceptor acceptor{ioc};
    std::mutex mutex;
    std::condition_variable listening_cv;
    bool listening = false;
    unsigned short bound_port = 0;

    void accept() {
        acceptor.async_accept(
            net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
                if (!ec) {
                    socket.set_option(tcp::no_delay(true), ec);
                    std::make_shared<Session>(std::move(socket), handler, options)->run();
                }
                if (acceptor.is_open()) accept();
            });
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
    {
        std::lock_guard lock(i.mutex);
        i.bound_port = i.acceptor.local_endpoint().port();
        i.listening = true;
    }
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

unsigned short Server::port() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->bound_port;
}

void Server::wait_until_listening() {
    std::unique_lock lock(impl_->mutex);
    impl_->listening_cv.wait(lock, [this] { return impl_->listening; });
}

}  // namespace scrutineer::web
