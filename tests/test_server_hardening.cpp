// Issue 18's server-side holes, closed:
// - connections are bounded: caps in all and per address (503 beyond, the longest idle closed
//   first at the total), a short wait for a request's first byte, a bound on a trickling header
//   (slowloris), and a new client still answered while idle connections fill the caps;
// - CSV fields a spreadsheet would run as formulas are neutralised, numbers are not;
// - SQLite database files are created 0600;
// - upload folders are 0700 and removed after each import and with the application, and an
//   import's messages name the file as the user named it, never a server path.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <thread>

#include "scrutineer/csv_field.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/http.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/migrations.hpp"
#include "scrutineer/user_store.hpp"
#include "test_support.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

using test::connect_from;

bool send_all(int fd, const std::string& bytes) {
    return ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == ssize_t(bytes.size());
}

// Everything the server sends until it closes (or the socket's read timeout); "" for nothing.
std::string read_all(int fd) {
    std::string raw;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) raw.append(buf, size_t(n));
    return raw;
}

int status_of(const std::string& raw) {
    return raw.size() >= 12 && raw.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(raw.substr(9, 3)) : 0;
}

// Whether the server has closed `fd` (or sent something) by now, without waiting.
bool closed_by_server(int fd) {
    char c;
    ssize_t n = ::recv(fd, &c, 1, MSG_DONTWAIT | MSG_PEEK);
    return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
}

// A GET of / from `from` over a fresh connection: the raw answer.
std::string get_from(unsigned short port, const char* from = "127.0.0.1") {
    int fd = connect_from(port, from);
    if (fd < 0) return "";
    send_all(fd, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string raw = read_all(fd);
    ::close(fd);
    return raw;
}

// A server answering "hello" to everything, with `options` (port 0, two threads).
class LimitedServer {
  public:
    explicit LimitedServer(web::ServerOptions options) {
        options.port = 0;
        options.threads = 2;
        server_ = std::make_unique<web::Server>(
            options, [](const web::Request&) { return web::Response::text("hello\n"); });
        thread_ = std::thread([this] { server_->run(false); });
        server_->wait_until_listening();
    }
    ~LimitedServer() {
        server_->stop();
        thread_.join();
    }
    unsigned short port() const { return server_->port(); }
    size_t max_connections() const { return server_->max_connections(); }

  private:
    std::unique_ptr<web::Server> server_;
    std::thread thread_;
};

struct Sockets {
    std::vector<int> fds;
    ~Sockets() {
        for (int fd : fds) ::close(fd);
    }
};

}  // namespace

// ---- connections ----

TEST(ServerConnections, ANewClientIsServedWhileIdleConnectionsFillTheCap) {
    web::ServerOptions o;
    o.max_connections = 20;
    o.max_connections_per_address = 0;          // no cap per address here
    o.idle_timeout = std::chrono::seconds(30);  // the idle ones stay unless made room for
    LimitedServer server(o);
    ASSERT_EQ(server.max_connections(), 20u);
    Sockets idle;
    for (int i = 0; i < 60; ++i) {
        int fd = connect_from(server.port());
        ASSERT_GE(fd, 0);
        idle.fds.push_back(fd);
    }
    // A client with a request is answered at once (the longest idle connection closed for it).
    auto started = Clock::now();
    std::string answer = get_from(server.port());
    EXPECT_EQ(status_of(answer), 200) << answer;
    EXPECT_LT(seconds_since(started), 3.0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // The server holds no more than its cap: the others were closed (evicted, or answered 503).
    size_t held = 0;
    for (int fd : idle.fds) held += !closed_by_server(fd);
    EXPECT_LE(held, 20u);
    EXPECT_GE(held, 10u);
    // Again and again: every new client is answered.
    for (int i = 0; i < 10; ++i) EXPECT_EQ(status_of(get_from(server.port())), 200);
}

TEST(ServerConnections, AtTheTotalWithNoneIdleANewClientGets503AtOnce) {
    web::ServerOptions o;
    o.max_connections = 3;
    o.max_connections_per_address = 0;
    o.header_timeout = std::chrono::seconds(30);
    LimitedServer server(o);
    // Three connections in the middle of a request's header: not idle, not closed for others.
    Sockets busy;
    for (int i = 0; i < 3; ++i) {
        int fd = connect_from(server.port());
        ASSERT_GE(fd, 0);
        ASSERT_TRUE(send_all(fd, "GET / HTTP/1.1\r\nHost: x\r\n"));
        busy.fds.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto started = Clock::now();
    std::string refused = get_from(server.port());
    EXPECT_LT(seconds_since(started), 3.0);
    ASSERT_EQ(status_of(refused), 503) << refused;
    EXPECT_TRUE(has(refused, "Retry-After: 5\r\n"));
    EXPECT_TRUE(has(refused, "X-Content-Type-Options: nosniff\r\n")) << refused;
    EXPECT_TRUE(has(refused, "Content-Security-Policy:")) << refused;
    EXPECT_TRUE(has(refused, "Cache-Control: no-store\r\n"));
    EXPECT_TRUE(has(refused, "too many connections"));
    // The busy ones finish their requests and are answered.
    for (int fd : busy.fds) {
        ASSERT_TRUE(send_all(fd, "Connection: close\r\n\r\n"));
        EXPECT_EQ(status_of(read_all(fd)), 200);
    }
    EXPECT_EQ(status_of(get_from(server.port())), 200);
}

TEST(ServerConnections, OneAddressOverItsCapGets503WhileAnotherIsServed) {
    web::ServerOptions o;
    o.max_connections = 100;
    o.max_connections_per_address = 3;
    o.idle_timeout = std::chrono::seconds(30);
    LimitedServer server(o);
    Sockets idle;
    for (int i = 0; i < 3; ++i) {
        int fd = connect_from(server.port(), "127.0.0.1");
        ASSERT_GE(fd, 0);
        idle.fds.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(status_of(get_from(server.port(), "127.0.0.1")), 503);
    EXPECT_EQ(status_of(get_from(server.port(), "127.0.0.2")), 200);
    for (int fd : idle.fds) EXPECT_FALSE(closed_by_server(fd));  // its own are kept
    // Once one of its own closes, the address is served again.
    ::close(idle.fds.back());
    idle.fds.pop_back();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(status_of(get_from(server.port(), "127.0.0.1")), 200);
}

TEST(ServerConnections, IdleAndTricklingConnectionsAreClosedAfterTheShortTimeouts) {
    web::ServerOptions o;
    o.idle_timeout = std::chrono::milliseconds(800);
    o.header_timeout = std::chrono::milliseconds(1500);
    LimitedServer server(o);
    // Nothing sent: closed after the idle timeout, with nothing said.
    int silent = connect_from(server.port());
    auto started = Clock::now();
    EXPECT_EQ(read_all(silent), "");
    double waited = seconds_since(started);
    EXPECT_GT(waited, 0.6);
    EXPECT_LT(waited, 3.0);
    ::close(silent);
    // A kept-alive connection after its answer: the same.
    int kept = connect_from(server.port());
    ASSERT_TRUE(send_all(kept, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    started = Clock::now();
    std::string raw = read_all(kept);
    EXPECT_EQ(status_of(raw), 200);
    EXPECT_LT(seconds_since(started), 3.0);
    ::close(kept);
    // A header sent a byte every 100 ms (slowloris): cut off at the header timeout although
    // every byte came well within the idle timeout.
    int slow = connect_from(server.port());
    const std::string header = "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(60, 'a');
    started = Clock::now();
    bool cut = false;
    for (char c : header) {
        if (!send_all(slow, std::string(1, c)) || closed_by_server(slow)) {
            cut = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    waited = seconds_since(started);
    EXPECT_TRUE(cut);
    EXPECT_GT(waited, 1.2);
    EXPECT_LT(waited, 4.0);
    ::close(slow);
    EXPECT_EQ(status_of(get_from(server.port())), 200);
}

// Out of file descriptors, accepting fails at once, every time: the server must neither spin
// on it (a core at 100%) nor stop accepting once descriptors are free again.
TEST(ServerConnections, OutOfFileDescriptorsTheServerNeitherSpinsNorStops) {
    web::ServerOptions o;
    o.idle_timeout = std::chrono::seconds(30);
    LimitedServer server(o);
    rlimit was{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &was), 0);
    size_t open_now = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/fd")) ++open_now;
    // Room for a few connections only (each takes a descriptor here for the client's end and
    // one for the server's), far below the server's cap of 1,000; connections are made until
    // none can be, then one more with a descriptor kept for it: the server cannot accept it.
    rlimit tight{open_now + 24, was.rlim_max};
    int spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(spare, 0);
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &tight), 0);
    Sockets clients;
    for (int i = 0; i < 100; ++i) {
        int fd = connect_from(server.port(), "127.0.0.1", 2);
        if (fd < 0) break;
        clients.fds.push_back(fd);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // accepted meanwhile
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ::close(spare);
    int last = connect_from(server.port(), "127.0.0.1", 2);
    EXPECT_GE(last, 0);
    if (last >= 0) clients.fds.push_back(last);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    timespec cpu0{}, cpu1{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
    auto started = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
    double cpu = (cpu1.tv_sec - cpu0.tv_sec) + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e9;
    double wall = seconds_since(started);
    for (int fd : clients.fds) ::close(fd);
    clients.fds.clear();
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &was), 0);
    // (retrying at once took 0.33 s of CPU a second on a loaded machine; now about 0.002 s)
    EXPECT_LT(cpu, 0.1 * wall) << "the server spun on failing accepts";
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(status_of(get_from(server.port())), 200);
}

TEST(ServerConnections, TheTotalFitsTheOpenFileLimit) {
    web::ServerOptions o;
    o.max_connections = 100'000'000;
    LimitedServer server(o);
    rlimit limit{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    EXPECT_LT(server.max_connections(), limit.rlim_cur);  // (raised to the hard limit by run)
    EXPECT_GT(server.max_connections(), 0u);
}

// ---- CSV fields ----

TEST(CsvField, TextASpreadsheetWouldRunIsQuotedAndNumbersAreLeftAlone) {
    EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"),
              "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    EXPECT_EQ(csv_field("+1+2"), "\"'+1+2\"");
    EXPECT_EQ(csv_field("-2+3+cmd|' /C calc'!A0"), "\"'-2+3+cmd|' /C calc'!A0\"");
    EXPECT_EQ(csv_field("@SUM(A1:A2)"), "\"'@SUM(A1:A2)\"");
    EXPECT_EQ(csv_field("\tx"), "\"'\tx\"");
    EXPECT_EQ(csv_field("\rx"), "\"'\rx\"");
    EXPECT_EQ(csv_field("-"), "\"'-\"");
    EXPECT_EQ(csv_field("'=1"), "\"''=1\"");  // so that the quote taken off on reading is ours
    for (const char* number : {"-1.7", "-12", "+3", "0", "12.50", "-0.25", "-.5"})
        EXPECT_EQ(csv_field(number), number);
    for (const char* text : {"Robbery", "E10000020", "2020-01", "1-2", "a=b", "'quoted"})
        EXPECT_EQ(csv_field(text), text);
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    for (const char* not_number : {"-1.", "--1", "-1e5", "- 1", "-1,000"})
        EXPECT_EQ(csv_field(not_number).substr(0, 2), "\"'") << not_number;
    // Read back (the API's JSON is made from the CSV): the text as it was.
    for (std::string text : {"=x", "'=x", "''=x, y", "-1.7", "'abc", "a,b", "-", "@", "plain"}) {
        std::string field = csv_field(text);
        bool quoted = field.front() == '"';
        std::string inner = quoted ? field.substr(1, field.size() - 2) : field;
        for (size_t at = 0; (at = inner.find("\"\"", at)) != std::string::npos; ++at)
            inner.erase(at, 1);
        EXPECT_EQ(csv_unneutralised(inner, quoted), text);
    }
}

// ---- files ----

TEST(PrivateFiles, ANewSqliteDatabaseAndItsWalAndShmAreTheOwnersOnly) {
    test::TempDir tmp;
    const mode_t old_mask = ::umask(022);
    std::string path = (tmp.path / "new.db").string();
    {
        auto db = store::open_database(path);
        store::migrate(*db);
        for (const char* suffix : {"", "-wal", "-shm"}) {
            struct stat st {};
            ASSERT_EQ(::stat((path + suffix).c_str(), &st), 0) << suffix;
            EXPECT_EQ(st.st_mode & 0777, 0600u) << path << suffix;
        }
    }
    // An existing database keeps the permissions its owner gave it.
    std::string shared = (tmp.path / "shared.db").string();
    store::open_database(shared);
    ::chmod(shared.c_str(), 0640);
    store::open_database(shared);
    struct stat st {};
    ASSERT_EQ(::stat(shared.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
    ::umask(old_mask);
}

namespace {

// The web application over SQLite, with an officer (olivia) and a force's areas, and a temporary
// directory of its own (TMPDIR) for the upload folders.
class UploadsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const char* was = std::getenv("TMPDIR");
        old_tmpdir_ = was ? std::optional<std::string>(was) : std::nullopt;
        fs::create_directories(tmp_.path / "tmp");
        ::setenv("TMPDIR", (tmp_.path / "tmp").c_str(), 1);
        database_ = (tmp_.path / "store.db").string();
        auto db = store::open_database(database_);
        store::migrate(*db);
        store::save_force(*db, read_area_file(test::data_dir() + "/areas/city-of-london.json"));
        store::create_user(*db, "olivia", "Olivia", Role::officer, "correct horse battery", "t");
        app_ = std::make_unique<test::RunningApp>(database_);
    }
    void TearDown() override {
        app_.reset();
        if (old_tmpdir_)
            ::setenv("TMPDIR", old_tmpdir_->c_str(), 1);
        else
            ::unsetenv("TMPDIR");
    }

    // The upload folders in the application's temporary directory.
    std::vector<fs::path> upload_folders() const {
        std::vector<fs::path> out;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(tmp_.path / "tmp", ec))
            if (e.path().filename().string().rfind("scrutineer-uploads-", 0) == 0)
                out.push_back(e.path());
        return out;
    }

    // Uploads `content` as `filename` of `kind` on the Imports page, as olivia; the job's page
    // and its JSON once finished.
    std::pair<std::string, std::string> import(const std::string& kind, const std::string& filename,
                                               const std::string& content) {
        test::Browser b{app_->port(), {}};
        EXPECT_EQ(b.sign_in("olivia", "correct horse battery").status, 303);
        std::string token = test::Browser::token_in(b.get("/imports").body);
        const std::string boundary = "scrutineer-upload-boundary";
        std::string body =
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
            token + "\r\n--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n--" +
            boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary +
            "--\r\n";
        auto r = b.post("/imports", body, "multipart/form-data; boundary=" + boundary);
        EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
        std::string job = r.headers["location"];
        std::string json;
        for (int i = 0; i < 400; ++i) {
            json = b.get(job + ".json").body;
            if (has(json, "\"finished\":true")) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        return {b.get(job).body, json};
    }

    test::TempDir tmp_;
    std::optional<std::string> old_tmpdir_;
    std::string database_;
    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_F(UploadsTest, AFailedImportNamesTheFileAsGivenNeverTheServersPath) {
    auto [page, json] = import("police_uk", "bomb.zip", "PK\x03\x04 this is no zip archive");
    EXPECT_TRUE(has(json, "\"failed\":true")) << json;
    EXPECT_TRUE(has(json, "bomb.zip")) << json;
    EXPECT_TRUE(has(page, "bomb.zip")) << page;
    const std::string tmp = (tmp_.path / "tmp").string();
    for (const std::string& text : {page, json}) {
        EXPECT_FALSE(has(text, tmp)) << text;
        EXPECT_FALSE(has(text, "scrutineer-uploads-")) << text;
        EXPECT_FALSE(has(text, database_)) << text;
    }
    EXPECT_TRUE(upload_folders().empty());
}

TEST_F(UploadsTest, UploadFoldersAreTheOwnersOnlyAndGoAfterEachImport) {
    std::string counts = "area_code,indicator,month,value\n";
    for (int m = 1; m <= 12; ++m)
        counts += "E09000001,Test indicator,2019-" + std::string(m < 10 ? "0" : "") +
                  std::to_string(m) + ",4\n";
    auto [page, json] = import("counts", "my counts.csv", counts);
    EXPECT_TRUE(has(json, "\"failed\":false")) << json;
    EXPECT_TRUE(has(json, "12 monthly values imported")) << json;
    EXPECT_FALSE(has(json, (tmp_.path / "tmp").string())) << json;
    EXPECT_TRUE(upload_folders().empty());
    // The import log names the file, not where it waited.
    test::Browser b{app_->port(), {}};
    b.sign_in("olivia", "correct horse battery");
    std::string imports = b.get("/imports").body;
    EXPECT_TRUE(has(imports, "mycounts.csv")) << imports;
    EXPECT_FALSE(has(imports, "scrutineer-uploads-")) << imports;
}

TEST_F(UploadsTest, AnUploadFolderIsTheOwnersOnlyAndGoesWithTheApplication) {
    // Watched while an import runs: a folder appears 0700, and none is left at the end.
    std::atomic<bool> done{false};
    std::atomic<unsigned> seen_mode{0};
    std::thread watcher([&] {
        while (!done) {
            for (const auto& dir : upload_folders()) {
                struct stat st {};
                if (::stat(dir.c_str(), &st) == 0) seen_mode = st.st_mode & 0777;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    std::string counts = "area_code,indicator,month,value\n";
    for (int y = 1900; y < 2000; ++y)
        for (int m = 1; m <= 12; ++m)
            counts += "E09000001,Slow indicator," + std::to_string(y) + "-" +
                      std::string(m < 10 ? "0" : "") + std::to_string(m) + ",4\n";
    import("counts", "slow.csv", counts);
    done = true;
    watcher.join();
    if (seen_mode != 0) {
        EXPECT_EQ(seen_mode.load(), 0700u);
    }
    EXPECT_TRUE(upload_folders().empty());
    app_.reset();
    EXPECT_TRUE(upload_folders().empty());
}
