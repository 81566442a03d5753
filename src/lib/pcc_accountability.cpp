#include "scrutineer/pcc_accountability.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>

namespace scrutineer {

std::optional<DecisionNumber> parse_decision_number(std::string_view t) {
    if (t.size() < 7 || t.size() > 8 || t[4] != '-') return std::nullopt;
    for (size_t i = 0; i < t.size(); ++i)
        if (i != 4 && (t[i] < '0' || t[i] > '9')) return std::nullopt;
    DecisionNumber n;
    for (size_t i = 0; i < 4; ++i) n.year = n.year * 10 + (t[i] - '0');
    for (size_t i = 5; i < t.size(); ++i) n.sequence = n.sequence * 10 + (t[i] - '0');
    if (n.year < 1900 || n.year > 2999 || n.sequence < 1) return std::nullopt;
    if (t.size() == 8 && t[5] == '0') return std::nullopt;  // "2019-063": one way of writing 63
    return n;
}

std::string to_string(DecisionNumber n) {
    return fmt::format("{:04d}-{:02d}", n.year, n.sequence);
}

const std::vector<std::string>& decision_categories() {
    static const std::vector<std::string> all = {
        "Commissioned Services – Support Victims and Reduce Vulnerability",
        "Commissioned Services – Prevent Offending",
        "Estates",
        "Supplies, services and other",
        "ICT",
        "Employees",
        "Other",
    };
    return all;
}

namespace {

// 0.. for the seed's categories in its order, then every other category (alphabetically among
// themselves), and "Other" last.
std::pair<int, std::string> category_key(const std::string& c) {
    const auto& known = decision_categories();
    if (c == "Other") return {3, ""};
    auto it = std::find(known.begin(), known.end(), c);
    if (it != known.end()) return {1, fmt::format("{:03d}", it - known.begin())};
    return {2, c};
}

}  // namespace

bool category_before(const std::string& a, const std::string& b) {
    return category_key(a) < category_key(b);
}

std::string date_phrase(CalendarDate date, bool date_known) {
    return (date_known ? "on " : "on or before ") + long_name(date);
}

namespace {

struct ForumName {
    Forum forum;
    const char* code;
    const char* label;
};
constexpr ForumName kForumNames[] = {
    {Forum::police_accountability_forum, "police_accountability_forum",
     "Police Accountability Forum"},
    {Forum::audit_committee, "audit_committee", "Audit Committee"},
    {Forum::collaboration_panel, "collaboration_panel", "Norfolk and Suffolk Collaboration Panel"},
};

const ForumName& forum_name(Forum f) {
    for (const auto& n : kForumNames)
        if (n.forum == f) return n;
    return kForumNames[0];
}

}  // namespace

const char* to_string(Forum f) {
    return forum_name(f).code;
}

const char* label(Forum f) {
    return forum_name(f).label;
}

std::optional<Forum> parse_forum(std::string_view text) {
    for (const auto& n : kForumNames)
        if (text == n.code) return n.forum;
    return std::nullopt;
}

Decision redacted(Decision d, Role viewer) {
    if (d.confidential && !may_see(viewer, Visibility::confidential)) d.summary.clear();
    return d;
}

ForumItem redacted(ForumItem item, Role viewer) {
    if (item.private_agenda && !may_see(viewer, Visibility::confidential)) item.summary.clear();
    return item;
}

bool blank_text(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool single_line(std::string_view text) {
    return text.find_first_of("\r\n") == std::string_view::npos;
}

namespace {

std::optional<RecordProblem> need_line(const std::string& value, const char* field,
                                       const char* what) {
    if (blank_text(value)) return RecordProblem{field, fmt::format("Enter {}", what)};
    if (!single_line(value))
        return RecordProblem{
            field, fmt::format("{}{} must be one line",
                               static_cast<char>(std::toupper(static_cast<unsigned char>(what[0]))),
                               what + 1)};
    return std::nullopt;
}

std::optional<RecordProblem> need_text(const std::string& value, const char* field,
                                       const char* what) {
    if (blank_text(value)) return RecordProblem{field, fmt::format("Enter {}", what)};
    return std::nullopt;
}

}  // namespace

std::optional<RecordProblem> check_decision(const Decision& d) {
    if (d.number.year < 1900 || d.number.year > 2999 || d.number.sequence < 1 ||
        d.number.sequence > 999)
        return RecordProblem{"number",
                             "Enter the decision number as the year and its number in "
                             "that year, like 2019-63"};
    if (!d.date.ymd.ok()) return RecordProblem{"date", "Enter the date of the decision"};
    if (auto p = need_line(d.category, "category", "the decision's category")) return p;
    if (auto p = need_line(d.title, "title", "the decision's title")) return p;
    if (auto p = need_text(d.summary, "summary", "a summary of the decision")) return p;
    return std::nullopt;
}

std::optional<RecordProblem> check_news_item(const NewsItem& n) {
    if (!n.published_on.ymd.ok())
        return RecordProblem{"published_on", "Enter the date the item was published"};
    if (auto p = need_line(n.title, "title", "the item's title")) return p;
    if (auto p = need_text(n.summary, "summary", "a summary of the item")) return p;
    return std::nullopt;
}

std::optional<RecordProblem> check_forum_item(const ForumItem& item) {
    if (auto p = need_line(item.title, "title", "the item's subject")) return p;
    if (!item.private_agenda)
        if (auto p = need_text(item.summary, "summary", "a summary of the item")) return p;
    if (!single_line(item.report_from))
        return RecordProblem{"report_from", "Who the report is from must be one line"};
    return std::nullopt;
}

std::optional<RecordProblem> check_activity(const OutOfCountyActivity& a) {
    if (!a.date.ymd.ok()) return RecordProblem{"date", "Enter the date of the activity"};
    if (auto p = need_line(a.activity, "activity", "the activity")) return p;
    return std::nullopt;
}

}  // namespace scrutineer
