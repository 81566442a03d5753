#include "scrutineer/agenda_pack.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "scrutineer/meeting_documents.hpp"
#include "scrutineer/performance_report.hpp"
#include "scrutineer/report_kinds.hpp"

namespace scrutineer::report {
namespace {

bool title_has(const AgendaItem& item, std::string_view words) {
    std::string t = item.title;
    std::transform(t.begin(), t.end(), t.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return t.find(words) != std::string::npos;
}

// The paper's anchors and page references renamed under `prefix`, so that two papers' anchors
// ("annex-1") never clash in the pack.
void rename_anchors(doc::Document& paper, const std::string& prefix) {
    auto text = [&](doc::Text& t) {
        for (auto& run : t)
            if (!run.page_of.empty()) run.page_of = prefix + run.page_of;
    };
    for (auto& b : paper.blocks) {
        if (auto* a = std::get_if<doc::Anchor>(&b)) a->id = prefix + a->id;
        if (auto* p = std::get_if<doc::Paragraph>(&b)) text(p->text);
        if (auto* l = std::get_if<doc::List>(&b))
            for (auto& i : l->items) text(i.text);
        if (auto* t = std::get_if<doc::Table>(&b)) {
            for (auto& h : t->header) text(h);
            for (auto& row : t->rows)
                for (auto& c : row) text(c);
        }
        if (auto* kv = std::get_if<doc::KeyValues>(&b))
            for (auto& [key, value] : kv->rows) text(value);
    }
}

std::optional<int64_t> previous_held_meeting(const MeetingPapers& p) {
    std::optional<int64_t> out;
    CalendarDate best{};
    for (const auto& m : p.meetings)
        if (m.status == MeetingStatus::held && m.date < p.meeting.date && (!out || best < m.date)) {
            out = m.id;
            best = m.date;
        }
    return out;
}

}  // namespace

std::optional<std::string> paper_for(const AgendaItem& item) {
    if (item.kind == AgendaItemKind::minutes) return "minutes";
    if (item.kind != AgendaItemKind::business) return std::nullopt;
    if (!item.priority_ids.empty()) return "performance";
    if (title_has(item, "information bulletin")) return "bulletin";
    if (title_has(item, "complaints monitoring report")) return "complaints";
    if (title_has(item, "work programme")) return "work-programme";
    return std::nullopt;
}

std::string paper_anchor(int64_t item_id) {
    return fmt::format("item-{}", item_id);
}

doc::Document agenda_pack_document(store::Database& db, const Dataset& data, int64_t meeting_id,
                                   Role viewer) {
    auto papers = load_meeting_papers(db, meeting_id, viewer);
    if (!papers) throw ReportUnavailable(fmt::format("There is no meeting {}", meeting_id));

    // Each item's paper, made first: only items that have one get a page on the agenda.
    std::vector<std::pair<const AgendaItem*, doc::Document>> made;
    for (const auto& item : papers->meeting.items) {
        auto kind = paper_for(item);
        if (!kind) continue;
        ReportRequest request{*kind, viewer, meeting_id, std::nullopt, &data};
        if (*kind == "minutes") {
            request.meeting = previous_held_meeting(*papers);
            if (!request.meeting) continue;
        }
        try {
            made.emplace_back(&item, make_report(db, request).document);
        } catch (const ReportUnavailable&) {
            continue;  // nothing scrutineer can make for it: the agenda shows no page
        }
    }
    std::map<int64_t, std::string> anchors;
    for (const auto& [item, paper] : made) anchors[item->id] = paper_anchor(item->id);

    doc::Document pack = agenda_document(*papers, &anchors);
    pack.title = "Agenda pack: " + pack.title.substr(pack.title.find(':') + 2);
    for (auto& [item, paper] : made) {
        std::string anchor = paper_anchor(item->id);
        rename_anchors(paper, anchor + "-");
        pack.add(doc::PageBreak{});
        pack.add(doc::Anchor{anchor});
        for (auto& block : paper.blocks) pack.blocks.push_back(std::move(block));
    }
    return pack;
}

}  // namespace scrutineer::report
