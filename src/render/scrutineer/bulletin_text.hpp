// An information bulletin as plain text, in the seed's sections a) to g) (seed 001 item 9), for
// `scrutineer bulletin`. What it shows of confidential decisions and private agenda items is what
// the bulletin holds: information_bulletin() has already redacted them for its viewer.
#pragma once

#include <optional>
#include <string>

#include "scrutineer/information_bulletin.hpp"
#include "scrutineer/meeting.hpp"

namespace scrutineer {

std::string bulletin_text(const InformationBulletin& bulletin, const std::string& panel_name,
                          const Meeting& meeting, const std::optional<Meeting>& previous);

}  // namespace scrutineer
