// Users, passwords (argon2id via libsodium), server-side sessions, sign-in throttling and the
// audit log.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"

namespace scrutineer::store {

struct User {
    int64_t id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::public_user;
    bool disabled = false;
};

// What is wrong with a new user's details, or empty: usernames are 3-64 of a-z 0-9 . _ - ;
// passwords as password_rule.hpp says (12 characters or more, not common, not made of the
// username or name, not one character repeated).
std::string check_new_user(const std::string& username, const std::string& display_name,
                           const std::string& password);

// A new user's details refused: `field` is the form field at fault ("username", "display_name",
// "role" or "password"), what() the error message.
struct InvalidUserDetails : std::invalid_argument {
    std::string field;
    InvalidUserDetails(std::string f, const std::string& message)
        : std::invalid_argument(message), field(std::move(f)) {}
};

// Throws InvalidUserDetails with check_new_user's words, for the role `public` (which is what
// anyone not signed in is: no user has it), or when the username is taken.
User create_user(Database& db, const std::string& username, const std::string& display_name,
                 Role role, const std::string& password, const std::string& actor);
std::vector<User> list_users(Database& db);
std::optional<User> find_user(Database& db, const std::string& username);

// Permission changes, each written to the audit log with who made it. Both throw
// std::invalid_argument when there is no such user, for the role `public`, or when the change
// would leave no enabled administrator (nobody could then manage users from the web). Disabling a
// user also ends their sessions.
void set_role(Database& db, const std::string& username, Role role, const std::string& actor);
void set_disabled(Database& db, const std::string& username, bool disabled,
                  const std::string& actor);

// The user, if the password is theirs and the account is enabled.
std::optional<User> check_password(Database& db, const std::string& username,
                                   const std::string& password);

struct Session {
    User user;
    std::string csrf_token;
};

inline constexpr std::chrono::hours kSessionLifetime{8};

// A new session for the user; returns the token for the cookie (only its hash is stored).
std::string create_session(Database& db, int64_t user_id);
std::optional<Session> find_session(Database& db, const std::string& token);
void delete_session(Database& db, const std::string& token);

// Sign-in throttling (scrutineer/sign_in_throttle.hpp): how long this (username, address) must
// wait before its password is checked; zero: check it now. Never a lockout: the wait is at most
// a minute, and applies to this address only.
std::chrono::seconds sign_in_wait(Database& db, const std::string& username,
                                  const std::string& remote);
// Records an attempt whose password was checked (and its audit row). Failures older than the
// throttle's window are removed from login_attempts then (the audit log keeps every attempt).
void record_sign_in(Database& db, const std::string& username, const std::string& remote,
                    bool succeeded);

void audit(Database& db, const std::string& actor, const std::string& action,
           const std::string& detail);

// A random token, hex, from libsodium's CSPRNG.
std::string random_token(size_t bytes = 32);

}  // namespace scrutineer::store
