// The sign-in throttle's rule: slow a failing (username, address) pair, never lock anyone out.
#include <gtest/gtest.h>

#include "scrutineer/sign_in_throttle.hpp"

using namespace scrutineer;
using namespace std::chrono_literals;

namespace {

const auto kNow = std::chrono::system_clock::time_point{} + 1000000h;

}  // namespace

TEST(SignInThrottle, TheWaitDoublesFromOneSecondAfterTheFreeFailuresUpToAMinute) {
    for (int n = 0; n < kFreePairFailures; ++n) EXPECT_EQ(wait_after(n, kFreePairFailures), 0s);
    EXPECT_EQ(wait_after(3, 3), 1s);
    EXPECT_EQ(wait_after(4, 3), 2s);
    EXPECT_EQ(wait_after(5, 3), 4s);
    EXPECT_EQ(wait_after(8, 3), 32s);
    EXPECT_EQ(wait_after(9, 3), kLongestWait);
    EXPECT_EQ(wait_after(1000000, 3), kLongestWait);  // never longer, never a lockout
    EXPECT_EQ(kLongestWait, 60s);
}

TEST(SignInThrottle, APairWaitsFromItsLastFailureAndIsToldTheWholeSecondsLeft) {
    SignInHistory h;
    h.pair_failures = 4;  // wait 2 s after the last
    h.pair_last_failure = kNow - 500ms;
    EXPECT_EQ(sign_in_wait(h, kNow), 2s);  // 1.5 s left, rounded up
    EXPECT_EQ(sign_in_wait(h, kNow + 1s), 1s);
    EXPECT_EQ(sign_in_wait(h, kNow + 1500ms), 0s);
    h.pair_failures = kFreePairFailures - 1;
    EXPECT_EQ(sign_in_wait(h, kNow), 0s);
}

TEST(SignInThrottle, AnAddressFailingForManyUsernamesWaitsButNotForAUserWhoSignedInFromIt) {
    SignInHistory h;
    h.address_failures = kFreeAddressFailures - 1;
    h.address_last_failure = kNow;
    EXPECT_EQ(sign_in_wait(h, kNow), 0s);
    h.address_failures = kFreeAddressFailures + 2;  // 4 s
    EXPECT_EQ(sign_in_wait(h, kNow), 4s);
    h.known_pair = true;  // a colleague behind the same office address
    EXPECT_EQ(sign_in_wait(h, kNow), 0s);
    h.pair_failures = kFreePairFailures;  // but their own failures still count
    h.pair_last_failure = kNow;
    EXPECT_EQ(sign_in_wait(h, kNow), 1s);
}
