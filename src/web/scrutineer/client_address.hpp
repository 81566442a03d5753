// Which address a request came from, for the sign-in throttle and the audit log.
//
// X-Forwarded-For is written by whoever sends the request, so it is believed only from a proxy
// the operator named (`scrutineer serve --trusted-proxy`): when the connection's peer is one, the
// client is the right-most X-Forwarded-For address that is not a trusted proxy (each proxy
// appends the address it saw, so what stands left of that was written by the client and is not
// believed). Otherwise the header is ignored and the client is the peer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scrutineer::web {

// The canonical text of an IPv4 or IPv6 address ("::FFFF:10.0.0.1" and "10.0.0.1:443" are
// "10.0.0.1"; "[2001:DB8::1]:80" is "2001:db8::1"), or "" when it is not one.
std::string canonical_address(std::string_view text);

// The trusted proxies as given (each may be a comma-separated list), canonical. Throws
// std::invalid_argument naming any that is not an IP address.
std::vector<std::string> trusted_proxy_addresses(const std::vector<std::string>& given);

// The client's address. `peer`: the connection's; `forwarded_for`: every X-Forwarded-For header
// of the request, in order, joined by commas ("" when none); `trusted`: canonical addresses.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted);

}  // namespace scrutineer::web
