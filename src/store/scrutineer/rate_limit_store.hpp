// What each address did lately, counted in the store so that every server on one store counts
// together (issue 18: the public ASB Case Review application form is limited per address).
// Rows older than the window are deleted whenever one is added: the table holds the last hour's
// turns only (an address is personal data), and cannot grow with the traffic.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "scrutineer/database.hpp"

namespace scrutineer::store {

// The answer to "may `remote` do this once more?".
struct RateLimitTurn {
    bool allowed = true;
    // When refused: how long until the oldest counted turn leaves the window.
    std::chrono::seconds retry_after{0};
};

// When `remote` did `what` fewer than `limit` times within `window` before `now`: records this
// turn and allows it. Otherwise records nothing and says when the next turn will be allowed.
// Call it inside the transaction that stores what the turn is for, so that a refused or failed
// store leaves no turn counted.
RateLimitTurn take_rate_limited_turn(Database& db, const std::string& what,
                                     const std::string& remote, int limit,
                                     std::chrono::seconds window,
                                     std::chrono::system_clock::time_point now);

}  // namespace scrutineer::store
