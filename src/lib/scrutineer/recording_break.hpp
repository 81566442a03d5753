// The recording-break rule (seed 001 §8 notes; SPEC §2 "Recording changes").
//
// When the way a crime is recorded changes in month B (CSA, hate, online and rural crime in
// October 2015; residential burglary in April 2017), months before B are not comparable with
// months from B on. No Long Term Average or Difference is computed for a period whose LTA
// window (M-47 .. M-12) starts before B while B is inside the 48 months; the table shows `**`
// and a footnote saying when the LTA becomes available.
//
// When is that? The first period end whose window starts at B is B+47 (48 months B .. B+47).
// Seed 001 says, of the April 2017 burglary change, "LTA for personal property crime should be
// available from April 2021" = B+48, the month in which the 48th month's data is in hand and
// first reported (its companion note on the October 2015 change reports the LTA "having now
// reached September 2019 data" = B+47 as period end). So: computable for period ends >= B+47,
// and the footnote's "available from" month is B+48, as the seed and issue #2 state it.
#pragma once

#include <optional>
#include <string>

#include "scrutineer/month.hpp"

namespace scrutineer {

struct RecordingBreak {
    Month month;         // B: the first month recorded the new way
    std::string reason;  // e.g. "new burglary classifications"
};

// True when a period ending in `period_end` may not have an LTA because of the break.
bool break_blocks_lta(const RecordingBreak& b, Month period_end);

// The first period end whose LTA window lies wholly on or after the break (B+47).
Month first_period_end_with_lta(const RecordingBreak& b);

// The month the footnote names: "LTA ... should be available from <B+48>".
Month lta_available_from(const RecordingBreak& b);

// Of several breaks (a composite's components), the one that blocks longest.
std::optional<RecordingBreak> latest_break(const std::optional<RecordingBreak>& a,
                                           const std::optional<RecordingBreak>& b);

}  // namespace scrutineer
