// Holding the PCC to account (SPEC §5): decision numbers, the information bulletin's period rule
// (cut-off days, no overlap and no gap between consecutive bulletins), what a viewer may read of
// confidential decisions and private agenda items, the s55 deadline and a response's state on a
// given day, and the complaints monitoring report's period.
#include <gtest/gtest.h>

#include <map>

#include "scrutineer/complaints_monitoring.hpp"
#include "scrutineer/hmicfrs_response.hpp"
#include "scrutineer/information_bulletin.hpp"
#include "scrutineer/pcc_accountability.hpp"

using namespace scrutineer;

namespace {

CalendarDate day(const char* iso) {
    auto d = parse_date(iso);
    if (!d) throw std::runtime_error(std::string("bad test date ") + iso);
    return *d;
}

Meeting meeting(int64_t id, const char* date, std::optional<const char*> published = std::nullopt) {
    Meeting m;
    m.id = id;
    m.panel_id = 1;
    m.date = day(date);
    if (published) m.agenda_published_on = day(*published);
    return m;
}

Decision decision(const char* number, const char* date, const char* category,
                  bool confidential = false) {
    Decision d;
    d.number = *parse_decision_number(number);
    d.date = day(date);
    d.category = category;
    d.title = std::string("Decision ") + number;
    d.summary = std::string("Summary of ") + number;
    d.confidential = confidential;
    return d;
}

NewsItem news(const char* date, const char* title) {
    NewsItem n;
    n.published_on = day(date);
    n.title = title;
    n.summary = "text";
    return n;
}

Inspection cyber() {
    Inspection i;
    i.title = "Cyber: Keep the light on";
    i.published_on = day("2019-10-24");
    i.type = InspectionType::national;
    return i;
}

}  // namespace

TEST(DecisionNumber, IsTheYearAndItsSequence) {
    auto n = parse_decision_number("2019-63");
    ASSERT_TRUE(n);
    EXPECT_EQ(n->year, 2019);
    EXPECT_EQ(n->sequence, 63);
    EXPECT_EQ(to_string(*parse_decision_number("2020-05")), "2020-05");
    EXPECT_EQ(to_string(*parse_decision_number("2021-104")), "2021-104");
    for (const char* bad : {"2019-6", "2019/63", "19-63", "2019-00", "2019-063", "2019-6a",
                            "1899-01", "3000-01", "2019-1000", "", " 2019-63", "2019-63 "})
        EXPECT_FALSE(parse_decision_number(bad)) << bad;
    EXPECT_LT(*parse_decision_number("2019-73"), *parse_decision_number("2020-05"));
    EXPECT_LT(*parse_decision_number("2019-09"), *parse_decision_number("2019-10"));
}

TEST(DecisionCategories, InTheSeedsOrderWithOthersAfterAndOtherLast) {
    EXPECT_TRUE(category_before("Commissioned Services – Support Victims and Reduce Vulnerability",
                                "Commissioned Services – Prevent Offending"));
    EXPECT_TRUE(category_before("Estates", "Supplies, services and other"));
    EXPECT_TRUE(category_before("Employees", "A new category"));
    EXPECT_TRUE(category_before("A new category", "Other"));
    EXPECT_TRUE(category_before("A new category", "B new category"));
    EXPECT_FALSE(category_before("Other", "Estates"));
    EXPECT_FALSE(category_before("Estates", "Estates"));
}

TEST(Redaction, AConfidentialDecisionKeepsNumberCategoryAndTitleOnly) {
    Decision d = decision("2019-67", "2020-01-10", "Estates", true);
    for (Role r : {Role::public_user, Role::panel_member, Role::case_worker}) {
        Decision seen = redacted(d, r);
        EXPECT_EQ(seen.summary, "") << to_string(r);
        EXPECT_EQ(seen.title, d.title);
        EXPECT_EQ(seen.category, "Estates");
        EXPECT_EQ(seen.number, d.number);
    }
    for (Role r : {Role::officer, Role::administrator})
        EXPECT_EQ(redacted(d, r).summary, "Summary of 2019-67") << to_string(r);
    Decision open = decision("2019-63", "2020-01-10", "Estates");
    EXPECT_EQ(redacted(open, Role::public_user).summary, "Summary of 2019-63");

    ForumItem item;
    item.title = "Strategic Risk Register Update";
    item.summary = "RISK DETAIL";
    item.report_from = "Chief Executive and Chief Constable";
    item.private_agenda = true;
    EXPECT_EQ(redacted(item, Role::panel_member).summary, "");
    EXPECT_EQ(redacted(item, Role::panel_member).report_from, item.report_from);
    EXPECT_EQ(redacted(item, Role::officer).summary, "RISK DETAIL");
    item.private_agenda = false;
    EXPECT_EQ(redacted(item, Role::public_user).summary, "RISK DETAIL");
}

TEST(RecordChecks, NameTheFieldAtFault) {
    Decision d = decision("2019-63", "2020-01-10", "Estates");
    EXPECT_FALSE(check_decision(d));
    d.title = "  ";
    ASSERT_TRUE(check_decision(d));
    EXPECT_EQ(check_decision(d)->field, "title");
    EXPECT_EQ(check_decision(d)->message, "Enter the decision's title");
    d.title = "two\nlines";
    EXPECT_EQ(check_decision(d)->message, "The decision's title must be one line");
    d = decision("2019-63", "2020-01-10", "");
    EXPECT_EQ(check_decision(d)->field, "category");
    d = decision("2019-63", "2020-01-10", "Estates");
    d.summary = "";
    EXPECT_EQ(check_decision(d)->field, "summary");

    ForumItem item;
    item.title = "Strategic Risk Register Update";
    item.private_agenda = true;
    EXPECT_FALSE(check_forum_item(item));  // a private item's summary is not published
    item.private_agenda = false;
    EXPECT_EQ(check_forum_item(item)->field, "summary");

    OutOfCountyActivity a;
    a.date = day("2020-01-30");
    EXPECT_EQ(check_activity(a)->field, "activity");
    EXPECT_EQ(check_news_item(news("2020-01-24", ""))->field, "title");
}

TEST(DatePhrase, SaysWhenOnlyTheBoundIsKnown) {
    EXPECT_EQ(date_phrase(day("2019-08-09"), true), "on 9 August 2019");
    EXPECT_EQ(date_phrase(day("2020-01-27"), false), "on or before 27 January 2020");
}

TEST(BulletinPeriod, RunsFromThePreviousCutOffToThisOne) {
    Meeting previous = meeting(1, "2019-11-20", "2019-11-11");
    Meeting current = meeting(2, "2020-02-04", "2020-01-27");
    EXPECT_EQ(cut_off(current), day("2020-01-27"));
    EXPECT_EQ(cut_off(meeting(3, "2020-03-24")), day("2020-03-24"));  // agenda day unknown

    Period p = reporting_period(current, previous);
    EXPECT_EQ(p.after, day("2019-11-11"));
    EXPECT_EQ(p.up_to, day("2020-01-27"));
    EXPECT_FALSE(p.contains(day("2019-11-11")));  // the previous bulletin's cut-off day
    EXPECT_TRUE(p.contains(day("2019-11-12")));
    EXPECT_TRUE(p.contains(day("2020-01-27")));   // this cut-off day
    EXPECT_FALSE(p.contains(day("2020-01-28")));  // the day after: the next bulletin's

    Period a = activity_period(current, previous);
    EXPECT_EQ(a.after, day("2019-11-20"));
    EXPECT_EQ(a.up_to, day("2020-02-04"));

    Period first = reporting_period(current, std::nullopt);
    EXPECT_FALSE(first.after);
    EXPECT_TRUE(first.contains(day("2001-01-01")));
}

TEST(BulletinPeriod, ConsecutiveBulletinsNeitherOverlapNorLeaveAGap) {
    std::vector<Meeting> meetings = {
        meeting(1, "2019-07-23", "2019-07-15"), meeting(2, "2019-11-20", "2019-11-11"),
        meeting(3, "2020-02-04", "2020-01-27"), meeting(4, "2020-03-24")};
    BulletinSources sources;
    // An item every day from before the first cut-off to after the last meeting, of each kind.
    int n = 0;
    for (CalendarDate d = day("2019-06-01"); d <= day("2020-04-30");
         d = CalendarDate{std::chrono::sys_days{d.ymd} + std::chrono::days{1}}) {
        Decision dec;
        dec.number = DecisionNumber{d.year(), ++n};
        dec.date = d;
        dec.category = "Other";
        dec.title = to_string(d);
        dec.summary = "s";
        sources.decisions.push_back(dec);
        sources.news.push_back(NewsItem{0, d, to_string(d), "s"});
        sources.activities.push_back(OutOfCountyActivity{0, d, to_string(d)});
    }
    std::map<std::string, int> decisions_seen, news_seen, activities_seen;
    for (size_t i = 1; i < meetings.size(); ++i) {
        auto previous = previous_bulletin_meeting(meetings, meetings[i]);
        ASSERT_TRUE(previous);
        EXPECT_EQ(previous->id, meetings[i - 1].id);
        auto b = information_bulletin(meetings[i], previous, sources, Role::public_user);
        for (const auto& d : b.decisions) decisions_seen[d.title]++;
        for (const auto& x : b.news) news_seen[x.title]++;
        for (const auto& x : b.activities) activities_seen[x.activity]++;
    }
    // Every day from the first bulletin's cut-off (exclusive) to the last one's is in exactly one.
    for (CalendarDate d = day("2019-07-16"); d <= day("2020-03-24");
         d = CalendarDate{std::chrono::sys_days{d.ymd} + std::chrono::days{1}}) {
        EXPECT_EQ(decisions_seen[to_string(d)], 1) << to_string(d);
        EXPECT_EQ(news_seen[to_string(d)], 1) << to_string(d);
    }
    EXPECT_EQ(decisions_seen.count("2019-07-15"), 0u);  // the first meeting's own bulletin
    EXPECT_EQ(decisions_seen.count("2020-03-25"), 0u);
    for (CalendarDate d = day("2019-07-24"); d <= day("2020-03-24");
         d = CalendarDate{std::chrono::sys_days{d.ymd} + std::chrono::days{1}})
        EXPECT_EQ(activities_seen[to_string(d)], 1) << to_string(d);
    EXPECT_EQ(activities_seen.count("2019-07-23"), 0u);
}

TEST(BulletinPeriod, ThePreviousBulletinIsNotACancelledMeetingOrAReserveWithoutOne) {
    Meeting nov = meeting(1, "2019-11-20", "2019-11-11");
    Meeting feb = meeting(2, "2020-02-04", "2020-01-27");
    Meeting reserve = meeting(3, "2020-02-19");
    reserve.reserve = true;
    reserve.status = MeetingStatus::held;
    AgendaItem precept;
    precept.title = "Revised precept 2020-21";
    reserve.items.push_back(precept);
    Meeting cancelled = meeting(4, "2020-03-10");
    cancelled.status = MeetingStatus::cancelled;
    Meeting march = meeting(5, "2020-03-24");
    std::vector<Meeting> all = {nov, feb, reserve, cancelled, march};
    EXPECT_EQ(previous_bulletin_meeting(all, march)->id, 2);
    // A recorded agenda with the bulletin counts.
    AgendaItem bulletin;
    bulletin.title = "Information bulletin – questions arising to the PCC";
    all[2].items.push_back(bulletin);
    EXPECT_EQ(previous_bulletin_meeting(all, march)->id, 3);
    EXPECT_FALSE(previous_bulletin_meeting(all, nov));
}

TEST(InformationBulletin, ListsTheSeedsSectionsForItsPeriod) {
    Meeting previous = meeting(1, "2019-11-20", "2019-11-11");
    Meeting current = meeting(2, "2020-02-04", "2020-01-27");
    BulletinSources s;
    s.decisions = {decision("2019-69", "2020-01-20", "Employees", true),
                   decision("2019-65", "2020-01-20", "Other"),
                   decision("2019-67", "2020-01-20", "Estates", true),
                   decision("2020-05", "2020-01-27", "Estates", true),
                   decision("2019-63", "2019-12-02",
                            "Commissioned Services – Support Victims and Reduce Vulnerability"),
                   decision("2019-60", "2019-11-11", "Other"),   // the previous cut-off day
                   decision("2020-07", "2020-01-28", "Other")};  // the day after this one
    s.news = {news("2020-01-24", "Policing under the spotlight"), news("2019-11-12", "Pledge"),
              news("2020-01-28", "Too late")};
    s.activities = {OutOfCountyActivity{0, day("2020-01-30"), "Eastern Regions Meeting"},
                    OutOfCountyActivity{0, day("2019-11-20"), "On the previous meeting's day"}};
    ForumMeeting paf;
    paf.forum = Forum::police_accountability_forum;
    paf.held_on = day("2020-01-28");
    paf.items = {ForumItem{0, 0, 1, false, "Prevent Offending", "Pilot", ""}};
    ForumMeeting audit;
    audit.forum = Forum::audit_committee;
    audit.held_on = day("2020-01-14");
    audit.items = {ForumItem{0, 0, 1, true, "Strategic Risk Register Update", "RISK", "CE"},
                   ForumItem{0, 0, 2, false, "Internal Audit", "Reports", ""},
                   ForumItem{0, 0, 1, false, "Terms of Reference", "Review", ""}};
    ForumMeeting collaboration;
    collaboration.forum = Forum::collaboration_panel;
    collaboration.held_on = day("2017-02-08");
    collaboration.items = {ForumItem{0, 0, 1, false, "Old item", "Old", ""}};
    ForumMeeting older_collaboration = collaboration;
    older_collaboration.held_on = day("2016-12-01");
    s.forum_meetings = {paf, audit, older_collaboration, collaboration};
    s.panel_meeting_days = {day("2017-02-07"), day("2017-04-04"), day("2017-06-20"),
                            day("2019-11-20"), day("2020-02-04")};
    Inspection done = cyber();
    for (auto& step : done.steps) step.done = true;
    Inspection awaited = cyber();
    awaited.title = "Awaited";
    awaited.published_on = day("2020-01-07");
    awaited.step(ResponseStep::sent_to_hmicfrs) = StepDone{true, day("2020-01-20")};
    Inspection later = cyber();
    later.title = "Published after the cut-off";
    later.published_on = day("2020-01-30");
    s.inspections = {later, awaited, done};

    auto b = information_bulletin(current, previous, s, Role::public_user);
    std::vector<std::string> numbers;
    for (const auto& d : b.decisions) numbers.push_back(to_string(d.number));
    EXPECT_EQ(numbers,
              (std::vector<std::string>{"2019-63", "2019-67", "2020-05", "2019-69", "2019-65"}));
    EXPECT_EQ(b.decisions[1].summary, "");  // confidential, public viewer
    EXPECT_EQ(b.decisions[4].summary, "Summary of 2019-65");
    ASSERT_EQ(b.news.size(), 2u);
    EXPECT_EQ(b.news[0].title, "Pledge");
    ASSERT_EQ(b.activities.size(), 1u);
    EXPECT_EQ(b.activities[0].activity, "Eastern Regions Meeting");

    ASSERT_EQ(b.forums.size(), 3u);
    EXPECT_EQ(b.forums[0].forum, Forum::police_accountability_forum);
    ASSERT_EQ(b.forums[0].meetings.size(), 1u);  // 28 January: after the cut-off, before the day
    EXPECT_EQ(b.forums[1].forum, Forum::collaboration_panel);
    EXPECT_TRUE(b.forums[1].meetings.empty());
    ASSERT_TRUE(b.forums[1].last_meeting);
    EXPECT_EQ(b.forums[1].last_meeting->held_on, day("2017-02-08"));
    EXPECT_TRUE(b.forums[1].last_meeting->items.empty());
    EXPECT_EQ(b.forums[1].reported_at, day("2017-04-04"));
    // Without the Panel's meetings of 2017 recorded, the meeting it went to is not known.
    BulletinSources later_only = s;
    later_only.panel_meeting_days = {day("2019-09-19"), day("2019-11-20"), day("2020-02-04")};
    EXPECT_FALSE(information_bulletin(current, previous, later_only, Role::public_user)
                     .forums[1]
                     .reported_at);
    EXPECT_EQ(b.forums[2].forum, Forum::audit_committee);
    ASSERT_EQ(b.forums[2].meetings.size(), 1u);
    const auto& items = b.forums[2].meetings[0].items;
    ASSERT_EQ(items.size(), 3u);  // public agenda by position, then private
    EXPECT_EQ(items[0].title, "Terms of Reference");
    EXPECT_EQ(items[1].title, "Internal Audit");
    EXPECT_EQ(items[2].title, "Strategic Risk Register Update");
    EXPECT_EQ(items[2].summary, "");
    EXPECT_EQ(items[2].report_from, "CE");

    ASSERT_EQ(b.responses.size(), 1u);  // its s55 deadline, 18 December 2019, is in the period
    EXPECT_EQ(b.responses[0].title, "Cyber: Keep the light on");
    ASSERT_EQ(b.awaited.size(), 1u);
    EXPECT_EQ(b.awaited[0].first.title, "Awaited");
    EXPECT_EQ(b.awaited[0].second.status, ResponseStatus::due);
    EXPECT_EQ(b.awaited[0].second.due, day("2020-03-02"));
    EXPECT_EQ(b.awaited[0].second.days_left, 35);  // from 27 January

    auto officer = information_bulletin(current, previous, s, Role::officer);
    EXPECT_EQ(officer.decisions[1].summary, "Summary of 2019-67");
    EXPECT_EQ(officer.forums[2].meetings[0].items[2].summary, "RISK");
}

TEST(Section55, FiftySixDaysBeginningWithTheDayOfPublication) {
    Deadline d = section_55_deadline(cyber());
    EXPECT_EQ(d.due, day("2019-12-18"));
    EXPECT_EQ(workings(d), "56 days beginning with Thu 24 Oct 2019 (day 1): Wed 18 Dec 2019");
}

TEST(Section55, DueUntilTheDeadlineThenOverdueUntilEveryStepIsDone) {
    Inspection i = cyber();
    auto s = response_state(i, day("2019-10-24"));
    EXPECT_EQ(s.status, ResponseStatus::due);
    EXPECT_EQ(s.days_left, 55);
    EXPECT_EQ(s.missing.size(), 4u);
    s = response_state(i, day("2019-12-18"));  // the last day
    EXPECT_EQ(s.status, ResponseStatus::due);
    EXPECT_EQ(s.days_left, 0);
    s = response_state(i, day("2019-12-19"));
    EXPECT_EQ(s.status, ResponseStatus::overdue);
    EXPECT_EQ(s.days_overdue, 1);

    i.step(ResponseStep::sent_to_hmicfrs) = StepDone{true, day("2019-12-10")};
    i.step(ResponseStep::sent_to_chief_constable) = StepDone{true, std::nullopt};
    i.step(ResponseStep::published) = StepDone{true, day("2019-12-12")};
    s = response_state(i, day("2020-01-27"));
    EXPECT_EQ(s.status, ResponseStatus::overdue);
    ASSERT_EQ(s.missing.size(), 1u);
    EXPECT_EQ(s.missing[0], ResponseStep::sent_to_panel);
    EXPECT_FALSE(s.late);

    i.step(ResponseStep::sent_to_panel) = StepDone{true, day("2020-01-27")};
    s = response_state(i, day("2020-01-27"));
    EXPECT_EQ(s.status, ResponseStatus::complete);
    EXPECT_TRUE(s.late);  // forwarded to the Panel after 18 December
    EXPECT_EQ(reported_on(i), day("2020-01-27"));
    i.step(ResponseStep::sent_to_panel).on.reset();
    EXPECT_FALSE(response_state(i, day("2020-01-27")).late);
    EXPECT_EQ(reported_on(i), day("2019-12-18"));
}

TEST(Section55, StepsCannotPrecedePublicationOrFollowToday) {
    Inspection i = cyber();
    EXPECT_FALSE(check_inspection(i, day("2020-02-04")));
    i.step(ResponseStep::sent_to_panel) = StepDone{true, day("2019-10-23")};
    ASSERT_TRUE(check_inspection(i, day("2020-02-04")));
    EXPECT_EQ(check_inspection(i, day("2020-02-04"))->field, "sent_to_panel");
    i.step(ResponseStep::sent_to_panel) = StepDone{true, day("2020-02-05")};
    EXPECT_TRUE(check_inspection(i, day("2020-02-04")));
    i.step(ResponseStep::sent_to_panel) = StepDone{false, day("2020-01-05")};
    EXPECT_TRUE(check_inspection(i, day("2020-02-04")));
    i = cyber();
    EXPECT_EQ(check_inspection(i, day("2019-10-23"))->field, "published_on");
    EXPECT_EQ(parse_inspection_type("force"), InspectionType::force);
    EXPECT_EQ(parse_response_step("sent_to_chief_constable"),
              ResponseStep::sent_to_chief_constable);
    EXPECT_STREQ(label(ResponseStep::sent_to_hmicfrs),
                 "Response forwarded to HMICFRS Section 55 Responses");
}

namespace {

PccComplaint complaint(int number, const char* dated, ComplaintStatus status,
                       std::optional<const char*> completed = std::nullopt) {
    PccComplaint c;
    c.number = number;
    c.dated = day(dated);
    c.summary = "Complaint " + std::to_string(number);
    c.status = status;
    c.outcome = status == ComplaintStatus::completed ? "Resolved" : "";
    if (completed) c.completed_on = day(*completed);
    return c;
}

FoiRequest foi(const char* received, const char* theme,
               ComplaintSubject about = ComplaintSubject::pcc) {
    FoiRequest r;
    r.about = about;
    r.received_on = day(received);
    r.theme = theme;
    return r;
}

Meeting with_report(Meeting m) {
    AgendaItem item;
    item.title = "PCC Complaints Monitoring Report";
    m.items.push_back(item);
    return m;
}

}  // namespace

TEST(ComplaintsReport, CoversSinceThePreviousReport) {
    Meeting july = with_report(meeting(1, "2019-07-23", "2019-07-15"));
    Meeting nov = meeting(2, "2019-11-20", "2019-11-11");  // no complaints report on its agenda
    AgendaItem other;
    other.title = "Information bulletin";
    nov.items.push_back(other);
    Meeting feb = with_report(meeting(3, "2020-02-04", "2020-01-27"));
    std::vector<Meeting> all = {july, nov, feb};
    auto previous = previous_report_meeting(all, feb);
    ASSERT_TRUE(previous);
    EXPECT_EQ(previous->id, 1);
    EXPECT_FALSE(previous_report_meeting(all, july));

    std::vector<PccComplaint> complaints = {
        complaint(13, "2019-07-19", ComplaintStatus::completed),  // completion day unknown
        complaint(14, "2019-08-09", ComplaintStatus::completed, "2019-10-01"),
        complaint(12, "2019-06-01", ComplaintStatus::completed, "2019-07-01"),  // reported in July
        complaint(11, "2019-05-01", ComplaintStatus::ongoing),
        complaint(15, "2020-01-10", ComplaintStatus::completed, "2020-02-01"),  // after the cut-off
        complaint(16, "2020-01-28", ComplaintStatus::ongoing)};                 // made after it
    PccComplaint panel = complaint(1, "2019-09-01", ComplaintStatus::ongoing);
    panel.about = ComplaintSubject::panel;
    complaints.push_back(panel);
    std::vector<FoiRequest> requests = {
        foi("2019-07-15", "Before"),                    // the previous cut-off day
        foi("2019-07-16", "Encampments consultation"),  // the day after
        foi("2019-09-01", "Subject Access Requests"),
        foi("2019-08-01", "Subject Access Requests"),
        foi("2020-01-27", "Temporary Agency Labour"),  // the cut-off day
        foi("2020-01-28", "After"),
        foi("2019-10-01", "Subject Access Requests", ComplaintSubject::panel)};

    auto r = complaints_report(feb, previous, complaints, requests);
    EXPECT_EQ(r.previous_report, day("2019-07-23"));
    std::vector<int> numbers;
    for (const auto& l : r.pcc_complaints) numbers.push_back(l.complaint.number);
    EXPECT_EQ(numbers, (std::vector<int>{11, 13, 14, 15}));
    EXPECT_EQ(r.pcc_complaints[0].status_on_cut_off, ComplaintStatus::ongoing);
    EXPECT_EQ(r.pcc_complaints[1].status_on_cut_off, ComplaintStatus::completed);
    EXPECT_EQ(r.pcc_complaints[3].status_on_cut_off, ComplaintStatus::ongoing);
    EXPECT_EQ(r.pcc_complaints[3].complaint.outcome, "");  // not known on the cut-off day
    ASSERT_EQ(r.panel_complaints.size(), 1u);
    EXPECT_EQ(r.opccn_foi.count, 4);
    EXPECT_EQ(r.opccn_foi.themes,
              (std::vector<std::string>{"Encampments consultation", "Subject Access Requests",
                                        "Temporary Agency Labour"}));
    EXPECT_EQ(r.panel_foi.count, 1);

    // The next report: what was completed is not reported again; what is ongoing still is.
    Meeting june = with_report(meeting(4, "2020-06-30", "2020-06-22"));
    all.push_back(june);
    auto next = complaints_report(june, previous_report_meeting(all, june), complaints, requests);
    numbers.clear();
    for (const auto& l : next.pcc_complaints) numbers.push_back(l.complaint.number);
    EXPECT_EQ(numbers, (std::vector<int>{11, 15, 16}));
    EXPECT_EQ(next.pcc_complaints[1].status_on_cut_off, ComplaintStatus::completed);
    EXPECT_EQ(next.opccn_foi.count, 1);
    EXPECT_EQ(next.opccn_foi.themes, (std::vector<std::string>{"After"}));
}

TEST(ComplaintsReport, RecordChecks) {
    EXPECT_FALSE(check_complaint(complaint(13, "2019-07-19", ComplaintStatus::completed)));
    EXPECT_EQ(check_complaint(complaint(0, "2019-07-19", ComplaintStatus::completed))->field,
              "number");
    EXPECT_EQ(
        check_complaint(complaint(13, "2019-07-19", ComplaintStatus::ongoing, "2019-08-01"))->field,
        "completed_on");
    EXPECT_EQ(check_complaint(complaint(13, "2019-07-19", ComplaintStatus::completed, "2019-07-18"))
                  ->field,
              "completed_on");
    EXPECT_EQ(check_foi_request(foi("2019-07-19", " "))->field, "theme");
    EXPECT_EQ(parse_complaint_subject("panel"), ComplaintSubject::panel);
    EXPECT_EQ(parse_complaint_status("completed"), ComplaintStatus::completed);
    EXPECT_FALSE(parse_complaint_status("closed"));
}
