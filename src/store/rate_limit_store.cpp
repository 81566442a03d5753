#include "scrutineer/rate_limit_store.hpp"

#include <algorithm>

namespace scrutineer::store {

RateLimitTurn take_rate_limited_turn(Database& db, const std::string& what,
                                     const std::string& remote, int limit,
                                     std::chrono::seconds window,
                                     std::chrono::system_clock::time_point now) {
    using std::chrono::seconds;
    int64_t at = std::chrono::duration_cast<seconds>(now.time_since_epoch()).count();
    int64_t since = at - window.count();
    Transaction tx(db);
    db.execute("DELETE FROM rate_limited_turns WHERE what = ? AND at <= ?",
               {text(what), integer(since)});
    auto rows = db.query(
        "SELECT COUNT(*), MIN(at) FROM rate_limited_turns WHERE what = ? AND remote = ? AND at > ?",
        {text(what), text(remote), integer(since)});
    int64_t count = as_int(rows.at(0).at(0));
    if (count >= limit) {
        int64_t oldest = as_int(rows.at(0).at(1));
        tx.commit();  // (the old rows' deletion)
        return {false, seconds(std::max<int64_t>(1, oldest + window.count() - at))};
    }
    db.execute("INSERT INTO rate_limited_turns (what, remote, at) VALUES (?, ?, ?)",
               {text(what), text(remote), integer(at)});
    tx.commit();
    return {true, seconds(0)};
}

}  // namespace scrutineer::store
