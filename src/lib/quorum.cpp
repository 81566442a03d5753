#include "scrutineer/quorum.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace scrutineer {

std::vector<int64_t> voting_members_present(const std::vector<Attendance>& attendance) {
    std::vector<int64_t> out;
    for (const auto& a : attendance)
        if (a.status == AttendanceStatus::present || a.status == AttendanceStatus::substitute)
            out.push_back(a.member_id);
    return out;
}

QuorumCheck quorum_for_item(const Panel& panel, const std::vector<Attendance>& attendance,
                            const std::vector<Interest>& interests,
                            std::optional<int64_t> agenda_item_id) {
    QuorumCheck q;
    q.quorum = panel.quorum;
    for (int64_t id : voting_members_present(attendance)) {
        bool pecuniary = std::any_of(interests.begin(), interests.end(), [&](const Interest& i) {
            return i.member_id == id && i.kind == InterestKind::disclosable_pecuniary &&
                   (!i.agenda_item_id || i.agenda_item_id == agenda_item_id);
        });
        if (pecuniary)
            q.excluded.push_back(id);
        else
            ++q.counted;
    }
    q.met = q.counted >= q.quorum;
    return q;
}

std::string describe(const Panel& panel, const QuorumCheck& check) {
    std::string text =
        fmt::format("{}: {} {} may take part (quorum {})", check.met ? "Quorate" : "Not quorate",
                    check.counted, check.counted == 1 ? "member" : "members", check.quorum);
    for (int64_t id : check.excluded) {
        const PanelMember* m = panel.member(id);
        text += fmt::format("; {} may not take part (Disclosable Pecuniary Interest)",
                            m ? display_name(*m) : fmt::format("member {}", id));
    }
    return text;
}

}  // namespace scrutineer
