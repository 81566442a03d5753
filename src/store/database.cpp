#include "scrutineer/database.hpp"

#include <charconv>

namespace scrutineer::store {

std::unique_ptr<Database> open_sqlite(const std::string& path);
std::unique_ptr<Database> open_postgresql(const std::string& url);

Value text(std::string s) {
    return Value{std::move(s)};
}
Value integer(int64_t v) {
    return Value{std::to_string(v)};
}

int64_t as_int(const Value& v) {
    if (!v) throw DatabaseError("a NULL where a number was expected");
    int64_t out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || p != v->data() + v->size())
        throw DatabaseError("'" + *v + "' where a whole number was expected");
    return out;
}

std::string as_text(const Value& v) {
    return v ? *v : std::string();
}

std::unique_ptr<Database> open_database(const std::string& target) {
    if (target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0)
        return open_postgresql(target);
    return open_sqlite(target);
}

}  // namespace scrutineer::store
