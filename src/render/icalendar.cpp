#include "scrutineer/icalendar.hpp"

#include <fmt/format.h>

namespace scrutineer {
namespace {

// Europe/London since 1996: BST from 01:00 UTC on the last Sunday in March to 01:00 UTC on the
// last Sunday in October.
constexpr const char* kLondon[] = {
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "X-LIC-LOCATION:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
};

std::string compact_date(CalendarDate d) {
    return fmt::format("{:04d}{:02d}{:02d}", d.year(), d.month(), d.day());
}

// "10:00" -> "100000"
std::string compact_time(const std::string& hh_mm) {
    return hh_mm.substr(0, 2) + hh_mm.substr(3, 2) + "00";
}

const char* status_name(EventStatus s) {
    switch (s) {
        case EventStatus::tentative:
            return "TENTATIVE";
        case EventStatus::cancelled:
            return "CANCELLED";
        case EventStatus::confirmed:
            return "CONFIRMED";
    }
    return "CONFIRMED";
}

}  // namespace

std::string ical_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string ical_line(std::string_view line) {
    std::string out;
    size_t at = 0;
    size_t room = 75;  // the first line has 75 octets; the others 74 after their space
    while (line.size() - at > room) {
        size_t cut = at + room;
        // Back off to the start of a UTF-8 character (never cut before a continuation byte).
        while (cut > at && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line.substr(at, cut - at));
        out += "\r\n ";
        at = cut;
        room = 74;
    }
    out.append(line.substr(at));
    out += "\r\n";
    return out;
}

std::string write_icalendar(const CalendarFeed& feed, const std::string& stamp) {
    std::string out;
    auto line = [&](const std::string& l) { out += ical_line(l); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//scrutineer//Work programme//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    if (!feed.name.empty()) line("X-WR-CALNAME:" + ical_text(feed.name));
    line("X-WR-TIMEZONE:Europe/London");
    for (const char* l : kLondon) line(l);
    for (const auto& e : feed.events) {
        line("BEGIN:VEVENT");
        line("UID:" + ical_text(e.uid));
        line("DTSTAMP:" + stamp);
        if (e.start.empty()) {
            line("DTSTART;VALUE=DATE:" + compact_date(e.date));
        } else {
            line("DTSTART;TZID=Europe/London:" + compact_date(e.date) + "T" +
                 compact_time(e.start));
            if (!e.end.empty())
                line("DTEND;TZID=Europe/London:" + compact_date(e.date) + "T" +
                     compact_time(e.end));
        }
        line("SUMMARY:" + ical_text(e.summary));
        if (!e.location.empty()) line("LOCATION:" + ical_text(e.location));
        if (!e.description.empty()) line("DESCRIPTION:" + ical_text(e.description));
        if (!e.url.empty()) line("URL:" + e.url);
        line(std::string("STATUS:") + status_name(e.status));
        if (e.status == EventStatus::tentative) line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

}  // namespace scrutineer
