#include "scrutineer/user_store.hpp"

#include <sodium.h>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <cstdio>
#include <stdexcept>

#include "scrutineer/indicator_store.hpp"
#include "scrutineer/password_rule.hpp"
#include "scrutineer/sign_in_throttle.hpp"

namespace scrutineer::store {
namespace {

void init_sodium() {
    static const int ok = sodium_init();
    if (ok < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string utc(std::chrono::system_clock::time_point t) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       fmt::gmtime(std::chrono::system_clock::to_time_t(t)));
}

std::string now_utc() {
    return utc(std::chrono::system_clock::now());
}

User user_from(const Row& r) {
    User u;
    u.id = as_int(r[0]);
    u.username = as_text(r[1]);
    u.display_name = as_text(r[2]);
    u.role = parse_role(as_text(r[3])).value_or(Role::public_user);
    u.disabled = as_int(r[4]) != 0;
    return u;
}

constexpr const char* kUserColumns = "id, username, display_name, role, disabled";

}  // namespace

std::string random_token(size_t bytes) {
    init_sodium();
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string hex;
    for (unsigned char c : buf) hex += fmt::format("{:02x}", c);
    return hex;
}

namespace {

// The field at fault and what is wrong, or {"", ""}.
std::pair<std::string, std::string> new_user_problem(const std::string& username,
                                                     const std::string& display_name,
                                                     const std::string& password) {
    if (username.size() < 3 || username.size() > 64)
        return {"username", "Enter a username of 3 to 64 characters"};
    for (char c : username)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return {"username",
                    "A username can only have lower-case letters, digits, dots, hyphens and "
                    "underscores"};
    if (display_name.empty() || display_name.size() > 200)
        return {"display_name", "Enter the person's name"};
    if (auto problem = password_problem(password, username, display_name); !problem.empty())
        return {"password", problem};
    return {};
}

constexpr const char* kNoPublicUsers =
    "Choose a role: panel member, officer, case worker or administrator (public is what anyone "
    "who has not signed in is)";

}  // namespace

std::string check_new_user(const std::string& username, const std::string& display_name,
                           const std::string& password) {
    return new_user_problem(username, display_name, password).second;
}

User create_user(Database& db, const std::string& username, const std::string& display_name,
                 Role role, const std::string& password, const std::string& actor) {
    if (auto [field, problem] = new_user_problem(username, display_name, password);
        !problem.empty())
        throw InvalidUserDetails(field, problem);
    if (role == Role::public_user) throw InvalidUserDetails("role", kNoPublicUsers);
    if (find_user(db, username))
        throw InvalidUserDetails("username", "There is already a user called " + username);
    init_sodium();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.c_str(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing the password");
    Transaction tx(db);
    db.execute(
        "INSERT INTO users (username, display_name, role, password_hash, disabled, created_at) "
        "VALUES "
        "(?, ?, ?, ?, 0, ?)",
        {text(username), text(display_name), text(to_string(role)), text(hash), text(now_utc())});
    audit(db, actor, "user created",
          fmt::format("{} ({}) as {}", username, display_name, to_string(role)));
    tx.commit();
    return *find_user(db, username);
}

std::vector<User> list_users(Database& db) {
    std::vector<User> out;
    for (const auto& r :
         db.query(fmt::format("SELECT {} FROM users ORDER BY username", kUserColumns)))
        out.push_back(user_from(r));
    return out;
}

std::optional<User> find_user(Database& db, const std::string& username) {
    auto rows = db.query(fmt::format("SELECT {} FROM users WHERE username = ?", kUserColumns),
                         {text(username)});
    if (rows.empty()) return std::nullopt;
    return user_from(rows[0]);
}

namespace {

// The user to change; refuses a change that would leave no enabled administrator.
User user_to_change(Database& db, const std::string& username, bool stays_enabled_admin) {
    auto user = find_user(db, username);
    if (!user) throw std::invalid_argument("There is no user called " + username);
    bool is_enabled_admin = user->role == Role::administrator && !user->disabled;
    if (is_enabled_admin && !stays_enabled_admin) {
        auto rows = db.query("SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0",
                             {text(to_string(Role::administrator))});
        if (as_int(rows[0][0]) <= 1)
            throw std::invalid_argument(username +
                                        " is the only administrator who can sign in: make "
                                        "someone else an administrator first");
    }
    return *user;
}

}  // namespace

void set_role(Database& db, const std::string& username, Role role, const std::string& actor) {
    if (role == Role::public_user) throw std::invalid_argument(kNoPublicUsers);
    Transaction tx(db);
    User before = user_to_change(db, username, role == Role::administrator);
    if (before.role == role) return;
    db.execute("UPDATE users SET role = ? WHERE username = ?",
               {text(to_string(role)), text(username)});
    audit(db, actor, "role changed",
          fmt::format("{} is now {} (was {})", username, to_string(role), to_string(before.role)));
    tx.commit();
}

void set_disabled(Database& db, const std::string& username, bool disabled,
                  const std::string& actor) {
    Transaction tx(db);
    User before = user_to_change(db, username, !disabled);
    if (before.disabled == disabled) return;
    db.execute("UPDATE users SET disabled = ? WHERE username = ?",
               {integer(disabled ? 1 : 0), text(username)});
    if (disabled) db.execute("DELETE FROM sessions WHERE user_id = ?", {integer(before.id)});
    audit(db, actor, disabled ? "user disabled" : "user enabled",
          fmt::format("{} ({})", username, before.display_name));
    tx.commit();
}

std::optional<User> check_password(Database& db, const std::string& username,
                                   const std::string& password) {
    init_sodium();
    auto rows = db.query(
        fmt::format("SELECT {}, password_hash FROM users WHERE username = ?", kUserColumns),
        {text(username)});
    if (rows.empty()) {
        // Spend the same time as a real check, so that timing does not say which names exist.
        static const std::string dummy = [] {
            char h[crypto_pwhash_STRBYTES];
            if (crypto_pwhash_str(h, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
                throw std::runtime_error("out of memory while hashing");
            return std::string(h);
        }();
        if (crypto_pwhash_str_verify(dummy.c_str(), password.c_str(), password.size()) == 0)
            return std::nullopt;  // never: the dummy is not anyone's password
        return std::nullopt;
    }
    std::string hash = as_text(rows[0][5]);
    if (crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) != 0)
        return std::nullopt;
    User u = user_from(rows[0]);
    if (u.disabled) return std::nullopt;
    return u;
}

std::string create_session(Database& db, int64_t user_id) {
    std::string token = random_token();
    auto now = std::chrono::system_clock::now();
    db.execute("DELETE FROM sessions WHERE expires_at < ?", {text(utc(now))});
    db.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, "
        "?, ?, ?, ?)",
        {text(sha256_hex(token)), integer(user_id), text(random_token()), text(utc(now)),
         text(utc(now + kSessionLifetime))});
    return token;
}

std::optional<Session> find_session(Database& db, const std::string& token) {
    if (token.size() != 64) return std::nullopt;
    auto rows = db.query(
        "SELECT u.id, u.username, u.display_name, u.role, u.disabled, s.csrf_token FROM sessions s "
        "JOIN "
        "users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?",
        {text(sha256_hex(token)), text(now_utc())});
    if (rows.empty()) return std::nullopt;
    Session s{user_from(rows[0]), as_text(rows[0][5])};
    if (s.user.disabled) return std::nullopt;
    return s;
}

void delete_session(Database& db, const std::string& token) {
    db.execute("DELETE FROM sessions WHERE token_hash = ?", {text(sha256_hex(token))});
}

namespace {

// Sign-in attempts' times are to the millisecond ("2025-06-30T09:15:02.250Z"), so that a wait of
// a second is a second; they sort as text with those written to the second before.
std::string utc_ms(std::chrono::system_clock::time_point t) {
    auto second = std::chrono::floor<std::chrono::seconds>(t);
    std::string out = utc(second);
    out.insert(
        out.size() - 1,
        fmt::format(".{:03}",
                    std::chrono::duration_cast<std::chrono::milliseconds>(t - second).count()));
    return out;
}

// A time as utc() or utc_ms() write it; the epoch when it is not one.
std::chrono::system_clock::time_point parse_utc(const Value& v) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, read = 0;
    if (!v ||
        std::sscanf(v->c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &read) != 6)
        return {};
    std::chrono::sys_days day =
        std::chrono::year{y} / std::chrono::month{unsigned(mo)} / std::chrono::day{unsigned(d)};
    std::chrono::system_clock::time_point t =
        day + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
    int ms = 0;
    if (v->c_str()[read] == '.' && std::sscanf(v->c_str() + read + 1, "%3d", &ms) == 1)
        t += std::chrono::milliseconds{ms};
    return t;
}

}  // namespace

std::chrono::seconds sign_in_wait(Database& db, const std::string& username,
                                  const std::string& remote) {
    auto now = std::chrono::system_clock::now();
    std::string since = utc_ms(now - kAttemptWindow);
    SignInHistory h;
    // The pair's attempts in the window, oldest first: failures since its last success count.
    for (const auto& r : db.query(
             "SELECT attempted_at, succeeded FROM login_attempts WHERE username = ? AND remote = ? "
             "AND attempted_at > ? ORDER BY attempted_at, succeeded",
             {text(username), text(remote), text(since)})) {
        if (as_int(r[1]) != 0) {
            h.pair_failures = 0;
        } else {
            ++h.pair_failures;
            h.pair_last_failure = parse_utc(r[0]);
        }
    }
    auto by_address = db.query(
        "SELECT COUNT(*), MAX(attempted_at) FROM login_attempts WHERE remote = ? AND "
        "attempted_at > ? AND succeeded = 0",
        {text(remote), text(since)});
    h.address_failures = static_cast<int>(as_int(by_address[0][0]));
    h.address_last_failure = parse_utc(by_address[0][1]);
    if (h.address_failures >= kFreeAddressFailures)
        h.known_pair = !db.query(
                              "SELECT 1 FROM login_attempts WHERE username = ? AND remote = ? AND "
                              "succeeded = 1 LIMIT 1",
                              {text(username), text(remote)})
                            .empty();
    return scrutineer::sign_in_wait(h, now);
}

void record_sign_in(Database& db, const std::string& username, const std::string& remote,
                    bool succeeded) {
    auto now = std::chrono::system_clock::now();
    Transaction tx(db);
    db.execute("DELETE FROM login_attempts WHERE succeeded = 0 AND attempted_at < ?",
               {text(utc_ms(now - kAttemptWindow))});
    db.execute(
        "INSERT INTO login_attempts (username, remote, attempted_at, succeeded) VALUES (?, ?, ?, "
        "?)",
        {text(username), text(remote), text(utc_ms(now)), integer(succeeded ? 1 : 0)});
    audit(db, username, succeeded ? "signed in" : "sign-in failed", "from " + remote);
    tx.commit();
}

void audit(Database& db, const std::string& actor, const std::string& action,
           const std::string& detail) {
    db.execute("INSERT INTO audit_log (occurred_at, actor, action, detail) VALUES (?, ?, ?, ?)",
               {text(now_utc()), text(actor), text(action), text(detail)});
}

}  // namespace scrutineer::store
