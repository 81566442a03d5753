// How long a sign-in attempt must wait before its password is checked (OWASP Authentication
// Cheat Sheet, "Protect against automated attacks": throttle, do not lock out).
//
// Failures are counted per (username, address) pair: after kFreePairFailures failures of a pair
// within kAttemptWindow (since that pair's last success), the pair's next attempt waits 1 s after
// its last failure, then 2 s, 4 s ... at most kLongestWait. Nothing else is slowed: the same user
// from any other address, and every other user from this address, are answered at once, so
// nobody can lock a real user (the last administrator included) out by failing for them.
//
// One address failing for many usernames (guessing names, or one password tried on every user)
// is slowed as a whole once it has failed kFreeAddressFailures times within the window: 1 s,
// 2 s ... at most kLongestWait after its last failure. A username that has signed in from that
// address before is not slowed by this (colleagues behind one office address keep signing in),
// and the address ceiling never touches any other address.
//
// Waiting means being answered at once with the time left (never a server thread asleep): the
// attempt is not checked and not counted, so waiting cannot be made longer by knocking.
#pragma once

#include <chrono>

namespace scrutineer {

inline constexpr int kFreePairFailures = 3;
inline constexpr int kFreeAddressFailures = 20;
inline constexpr std::chrono::seconds kLongestWait{60};
inline constexpr std::chrono::minutes kAttemptWindow{15};

// What the store knows of earlier attempts, within kAttemptWindow before now.
struct SignInHistory {
    int pair_failures = 0;  // of this username from this address, since the pair's last success
    std::chrono::system_clock::time_point pair_last_failure{};
    int address_failures = 0;  // from this address, for any username
    std::chrono::system_clock::time_point address_last_failure{};
    bool known_pair = false;  // this username has signed in from this address before
};

// The wait after `failures` failures when `free` are allowed without one: 0 up to `free`, then
// 1 s, 2 s, 4 s ... at most kLongestWait.
std::chrono::seconds wait_after(int failures, int free);

// How long until this attempt may be checked: zero now, else whole seconds, rounded up.
std::chrono::seconds sign_in_wait(const SignInHistory& history,
                                  std::chrono::system_clock::time_point now);

}  // namespace scrutineer
