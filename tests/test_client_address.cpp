// The client's address: X-Forwarded-For only from a trusted proxy, the right-most entry that is
// not one.
#include <gtest/gtest.h>

#include <stdexcept>

#include "scrutineer/client_address.hpp"

using namespace scrutineer::web;

TEST(ClientAddress, CanonicalAddressesOfEveryWrittenForm) {
    EXPECT_EQ(canonical_address("10.0.0.1"), "10.0.0.1");
    EXPECT_EQ(canonical_address(" 10.0.0.1:8443 "), "10.0.0.1");
    EXPECT_EQ(canonical_address("::FFFF:10.0.0.1"), "10.0.0.1");
    EXPECT_EQ(canonical_address("2001:DB8:0::1"), "2001:db8::1");
    EXPECT_EQ(canonical_address("[2001:db8::1]:80"), "2001:db8::1");
    for (const char* bad : {"", "unknown", "10.0.0", "10.0.0.1:", "10.0.0.1:x", "[::1", "[::1]x",
                            "300.0.0.1", "evil.example", "_hidden"})
        EXPECT_EQ(canonical_address(bad), "") << bad;
}

TEST(ClientAddress, TrustedProxiesAreCheckedAndMayBeCommaLists) {
    EXPECT_EQ(trusted_proxy_addresses({"10.0.0.1, 10.0.0.2", "::1"}),
              (std::vector<std::string>{"10.0.0.1", "10.0.0.2", "::1"}));
    try {
        trusted_proxy_addresses({"10.0.0.1,proxy.example"});
        FAIL() << "a name is not an address";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "--trusted-proxy: 'proxy.example' is not an IP address");
    }
}

TEST(ClientAddress, TheHeaderIsIgnoredUnlessThePeerIsATrustedProxy) {
    EXPECT_EQ(client_address("192.0.2.7", "203.0.113.9", {}), "192.0.2.7");
    EXPECT_EQ(client_address("192.0.2.7", "203.0.113.9", {"10.0.0.1"}), "192.0.2.7");
    EXPECT_EQ(client_address("::ffff:192.0.2.7", "", {}), "192.0.2.7");
}

TEST(ClientAddress, FromATrustedProxyTheRightMostUntrustedEntryIsTheClient) {
    const std::vector<std::string> proxies{"10.0.0.1", "10.0.0.2"};
    EXPECT_EQ(client_address("10.0.0.1", "203.0.113.9", proxies), "203.0.113.9");
    // What the client wrote itself stands left of what the proxies appended.
    EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, 203.0.113.9", proxies), "203.0.113.9");
    // Two proxies in a row: the second's entry names the first.
    EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", proxies), "203.0.113.9");
    // No header, or only proxies: the left-most proxy is as far as is known.
    EXPECT_EQ(client_address("10.0.0.1", "", proxies), "10.0.0.1");
    EXPECT_EQ(client_address("10.0.0.1", "10.0.0.2", proxies), "10.0.0.2");
    // Nonsense from a proxy: nothing left of it is believed.
    EXPECT_EQ(client_address("10.0.0.1", "203.0.113.9, unknown", proxies), "10.0.0.1");
    EXPECT_EQ(client_address("10.0.0.1", "203.0.113.9:5123,", proxies), "203.0.113.9");
}
