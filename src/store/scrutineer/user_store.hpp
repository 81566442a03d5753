// Users, passwords (argon2id via libsodium), server-side sessions, sign-in rate limiting and the
// audit log.
#pragma once

#include <chrono>
#include <optional>
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
// passwords at least 12 characters.
std::string check_new_user(const std::string& username, const std::string& display_name,
                           const std::string& password);

// Throws std::invalid_argument with check_new_user's words, or when the username is taken.
User create_user(Database& db, const std::string& username, const std::string& display_name,
                 Role role, const std::string& password, const std::string& actor);
std::vector<User> list_users(Database& db);
std::optional<User> find_user(Database& db, const std::string& username);

// Permission changes, each written to the audit log with who made it. Both throw
// std::invalid_argument when there is no such user, or when the change would leave no enabled
// administrator (nobody could then manage users from the web). Disabling a user also ends their
// sessions.
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

// Sign-in rate limit: after 5 failures for a username, or 20 from one address, within 15
// minutes, further attempts are refused until the window has passed.
inline constexpr int kMaxFailuresPerUser = 5;
inline constexpr int kMaxFailuresPerAddress = 20;
inline constexpr std::chrono::minutes kAttemptWindow{15};
bool sign_in_allowed(Database& db, const std::string& username, const std::string& remote);
void record_sign_in(Database& db, const std::string& username, const std::string& remote,
                    bool succeeded);

void audit(Database& db, const std::string& actor, const std::string& action,
           const std::string& detail);

// A random token, hex, from libsodium's CSPRNG.
std::string random_token(size_t bytes = 32);

}  // namespace scrutineer::store
