// An iCalendar feed (RFC 5545) of a panel's meetings: one VCALENDAR with PRODID and VERSION, a
// VTIMEZONE for Europe/London, and one VEVENT per meeting. Times are local (TZID=Europe/London),
// as the agendas give them; DTSTAMP is UTC. TEXT values are escaped (backslash, semicolon,
// comma, newline); lines end in CRLF and are folded at 75 octets without splitting a UTF-8
// character.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/calendar_date.hpp"

namespace scrutineer {

enum class EventStatus { confirmed, tentative, cancelled };

struct CalendarEvent {
    std::string uid;  // stable: "meeting-12@example.org"
    CalendarDate date;
    std::string start;  // "10:00"; empty: an all-day event on `date`
    std::string end;    // "12:00" on the same day; used only with a start
    std::string summary;
    std::string location;
    std::string description;  // may hold newlines
    std::string url;          // absolute, or empty
    EventStatus status = EventStatus::confirmed;
};

struct CalendarFeed {
    std::string name;  // X-WR-CALNAME: "Norfolk Police and Crime Panel"
    std::vector<CalendarEvent> events;
};

// RFC 5545 3.3.11 TEXT: "\" -> "\\", ";" -> "\;", "," -> "\,", newline -> "\n" (CR dropped).
std::string ical_text(std::string_view text);

// One content line folded (RFC 5545 3.1): at most 75 octets a line, continuation lines start
// with a space, every line ends in CRLF; a UTF-8 character is never split.
std::string ical_line(std::string_view line);

// The whole feed. `stamp` is the DTSTAMP, UTC, "YYYYMMDDTHHMMSSZ".
std::string write_icalendar(const CalendarFeed& feed, const std::string& stamp);

}  // namespace scrutineer
