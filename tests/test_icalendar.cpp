// The iCalendar writer: TEXT escaping, folding at 75 octets without splitting UTF-8, CRLF, and
// the feed's shape (RFC 5545).
#include <gtest/gtest.h>

#include "scrutineer/icalendar.hpp"

using namespace scrutineer;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find("\r\n", at);
        if (end == std::string::npos) {
            out.push_back(text.substr(at));
            break;
        }
        out.push_back(text.substr(at, end - at));
        at = end + 2;
    }
    return out;
}

// Undoes folding: a line starting with a space continues the one before.
std::string unfolded(const std::string& text) {
    std::string out;
    for (const auto& l : lines_of(text)) {
        if (!l.empty() && l[0] == ' ')
            out += l.substr(1);
        else
            out += (out.empty() ? "" : "\n") + l;
    }
    return out;
}

bool valid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

}  // namespace

TEST(ICalendar, EscapesTextValues) {
    EXPECT_EQ(ical_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
    EXPECT_EQ(ical_text("line one\r\nline two"), "line one\\nline two");
    EXPECT_EQ(ical_text("Chair: Cllr X"), "Chair: Cllr X");  // colons stay
}

TEST(ICalendar, ShortLinesAreNotFolded) {
    EXPECT_EQ(ical_line("SUMMARY:short"), "SUMMARY:short\r\n");
    std::string exactly75(75, 'x');
    EXPECT_EQ(ical_line(exactly75), exactly75 + "\r\n");
}

TEST(ICalendar, LongLinesAreFoldedAt75Octets) {
    std::string long_line = "DESCRIPTION:" + std::string(200, 'a');
    std::string folded = ical_line(long_line);
    auto lines = lines_of(folded);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].size(), 75u);
    EXPECT_EQ(lines[1].size(), 75u);  // a space and 74 octets
    EXPECT_EQ(lines[1][0], ' ');
    EXPECT_EQ(lines[2][0], ' ');
    EXPECT_EQ(unfolded(folded), long_line);
    EXPECT_EQ(folded.substr(folded.size() - 2), "\r\n");
}

TEST(ICalendar, FoldingNeverSplitsAUtf8Character) {
    // "—" is three octets, "£" two: put them across every possible fold position.
    for (size_t pad = 0; pad < 6; ++pad) {
        std::string line = "SUMMARY:" + std::string(pad, 'x');
        for (int i = 0; i < 40; ++i) line += i % 2 ? "—" : "£";
        std::string folded = ical_line(line);
        for (const auto& l : lines_of(folded)) {
            EXPECT_LE(l.size(), 75u) << pad;
            std::string content = (!l.empty() && l[0] == ' ') ? l.substr(1) : l;
            EXPECT_TRUE(valid_utf8(content)) << pad << ": " << l;
        }
        EXPECT_EQ(unfolded(folded), line) << pad;
    }
}

TEST(ICalendar, FeedHasCalendarTimezoneAndEvents) {
    CalendarFeed feed;
    feed.name = "Norfolk Police and Crime Panel";
    CalendarEvent meeting;
    meeting.uid = "meeting-7@scrutineer.example";
    meeting.date = *parse_date("2020-02-04");
    meeting.start = "10:00";
    meeting.end = "12:00";
    meeting.summary = "Norfolk Police and Crime Panel — Review the PCC's proposed precept";
    meeting.location = "Edwards Room, County Hall, Norwich";
    meeting.description = "1. Precept\n2. Forward Work Programme";
    CalendarEvent reserve;
    reserve.uid = "meeting-8@scrutineer.example";
    reserve.date = *parse_date("2020-02-19");
    reserve.start = "10:00";
    reserve.summary = "Reserve date – to review a revised precept, if vetoed";
    reserve.status = EventStatus::tentative;
    CalendarEvent cancelled;
    cancelled.uid = "meeting-9@scrutineer.example";
    cancelled.date = *parse_date("2020-05-01");
    cancelled.summary = "Cancelled";
    cancelled.status = EventStatus::cancelled;
    feed.events = {meeting, reserve, cancelled};
    std::string ics = write_icalendar(feed, "20250101T000000Z");
    // Every line ends in CRLF; no bare LF.
    EXPECT_EQ(ics.substr(0, 17), "BEGIN:VCALENDAR\r\n");
    for (size_t i = 0; i < ics.size(); ++i)
        if (ics[i] == '\n') {
            ASSERT_GT(i, 0u);
            EXPECT_EQ(ics[i - 1], '\r') << i;
        }
    std::string text = unfolded(ics);
    for (const char* want :
         {"VERSION:2.0", "PRODID:-//scrutineer//Work programme//EN", "BEGIN:VTIMEZONE",
          "TZID:Europe/London", "X-WR-CALNAME:Norfolk Police and Crime Panel",
          "UID:meeting-7@scrutineer.example", "DTSTAMP:20250101T000000Z",
          "DTSTART;TZID=Europe/London:20200204T100000", "DTEND;TZID=Europe/London:20200204T120000",
          "LOCATION:Edwards Room\\, County Hall\\, Norwich",
          "DESCRIPTION:1. Precept\\n2. Forward Work Programme", "STATUS:CONFIRMED",
          "DTSTART;TZID=Europe/London:20200219T100000", "STATUS:TENTATIVE",
          "DTSTART;VALUE=DATE:20200501", "STATUS:CANCELLED", "END:VCALENDAR"}) {
        EXPECT_NE(text.find(want), std::string::npos) << want;
    }
    auto count = [&](const std::string& s) {
        size_t n = 0;
        for (size_t p = 0; (p = text.find(s, p)) != std::string::npos; ++p) ++n;
        return n;
    };
    EXPECT_EQ(count("BEGIN:VEVENT"), 3u);
    EXPECT_EQ(count("END:VEVENT"), 3u);
    EXPECT_EQ(count("BEGIN:VTIMEZONE"), 1u);
    for (const auto& l : lines_of(ics)) {
        EXPECT_LE(l.size(), 75u);
    }
}
