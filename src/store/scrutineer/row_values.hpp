// Converting between domain values and the store's text/integer values, and the visibility
// filter every role-aware loader uses. Shared by the store's files.
#pragma once

#include <fmt/format.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/database.hpp"

namespace scrutineer::store {

inline Value id_or_null(const std::optional<int64_t>& id) {
    return id ? integer(*id) : null_value;
}
inline std::optional<int64_t> optional_id(const Value& v) {
    if (!v) return std::nullopt;
    return as_int(v);
}
inline Value date_value(CalendarDate d) {
    return text(to_string(d));
}
inline Value date_or_null(const std::optional<CalendarDate>& d) {
    return d ? text(to_string(*d)) : null_value;
}
inline CalendarDate date_of_value(const Value& v) {
    auto d = parse_date(as_text(v));
    if (!d)
        throw DatabaseError(fmt::format("the store holds '{}' where a date belongs", as_text(v)));
    return *d;
}
inline std::optional<CalendarDate> optional_date(const Value& v) {
    if (!v) return std::nullopt;
    return date_of_value(v);
}
inline Value flag(bool b) {
    return integer(b ? 1 : 0);
}
inline bool as_flag(const Value& v) {
    return as_int(v) != 0;
}

// Reads a stored code back through the enum's parser, failing loudly on an unknown one.
template <class Parse>
auto parsed(const Value& v, Parse parse, const char* what) {
    auto r = parse(as_text(v));
    if (!r) throw DatabaseError(fmt::format("unknown {} '{}' in the store", what, as_text(v)));
    return *r;
}

// "COALESCE(column, 'public') IN (?, ?) AND ..." for each column, with its parameters: the
// visibilities may_see allows the viewer. COALESCE lets a LEFT JOIN's missing row pass.
struct VisibilityFilter {
    std::string sql;
    std::vector<Value> params;
};

inline VisibilityFilter visible_to(Role viewer, std::initializer_list<const char*> columns) {
    std::vector<std::string> allowed;
    for (Visibility v : {Visibility::public_item, Visibility::exempt, Visibility::confidential})
        if (may_see(viewer, v)) allowed.push_back(to_string(v));
    std::string marks;
    for (size_t i = 0; i < allowed.size(); ++i) marks += i ? ", ?" : "?";
    VisibilityFilter f;
    for (const char* column : columns) {
        if (!f.sql.empty()) f.sql += " AND ";
        f.sql += fmt::format("COALESCE({}, 'public') IN ({})", column, marks);
        for (const auto& a : allowed) f.params.push_back(text(a));
    }
    return f;
}

inline std::vector<Value> with(std::vector<Value> params, const VisibilityFilter& f) {
    params.insert(params.end(), f.params.begin(), f.params.end());
    return params;
}

}  // namespace scrutineer::store
