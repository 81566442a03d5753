#include "scrutineer/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <stdexcept>

namespace scrutineer::web {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool trusted_one(const std::string& address, const std::vector<std::string>& trusted) {
    return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

}  // namespace

std::string canonical_address(std::string_view text) {
    text = trimmed(text);
    if (text.size() > 64) return {};
    std::string s(text);
    if (!s.empty() && s.front() == '[') {  // [IPv6] or [IPv6]:port
        auto close = s.find(']');
        if (close == std::string::npos) return {};
        std::string rest = s.substr(close + 1);
        if (!rest.empty() && (rest[0] != ':' || rest.size() == 1 ||
                              rest.find_first_not_of("0123456789", 1) != std::string::npos))
            return {};
        s = s.substr(1, close - 1);
    } else if (std::count(s.begin(), s.end(), ':') == 1) {  // IPv4:port
        auto colon = s.find(':');
        std::string port = s.substr(colon + 1);
        if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos) return {};
        s.resize(colon);
    }
    char out[INET6_ADDRSTRLEN] = {};
    unsigned char bytes[16];
    if (inet_pton(AF_INET, s.c_str(), bytes) == 1)
        return inet_ntop(AF_INET, bytes, out, sizeof out);
    if (inet_pton(AF_INET6, s.c_str(), bytes) != 1) return {};
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(mapped, mapped + 12, bytes))  // an IPv4 client of a dual-stack socket
        return inet_ntop(AF_INET, bytes + 12, out, sizeof out);
    return inet_ntop(AF_INET6, bytes, out, sizeof out);
}

std::vector<std::string> trusted_proxy_addresses(const std::vector<std::string>& given) {
    std::vector<std::string> out;
    for (const auto& item : given) {
        std::string_view rest = item;
        while (true) {
            auto comma = rest.find(',');
            std::string_view one = trimmed(rest.substr(0, comma));
            std::string address = canonical_address(one);
            if (address.empty())
                throw std::invalid_argument("--trusted-proxy: '" + std::string(one) +
                                            "' is not an IP address");
            out.push_back(address);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    return out;
}

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted) {
    std::string client = canonical_address(peer);
    if (client.empty()) client = peer;  // (a socket's own address always is one)
    if (!trusted_one(client, trusted)) return client;
    // From the right: each trusted proxy's entry says who connected to it.
    while (!trimmed(forwarded_for).empty()) {
        auto comma = forwarded_for.rfind(',');
        std::string_view entry =
            comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
        forwarded_for =
            comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
        if (trimmed(entry).empty()) continue;
        std::string address = canonical_address(entry);
        // Not an address: a trusted proxy wrote nonsense; believe nothing left of it.
        if (address.empty()) return client;
        client = address;
        if (!trusted_one(address, trusted)) return client;
    }
    return client;
}

}  // namespace scrutineer::web
