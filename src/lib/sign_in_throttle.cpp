#include "scrutineer/sign_in_throttle.hpp"

#include <algorithm>

namespace scrutineer {

std::chrono::seconds wait_after(int failures, int free) {
    if (failures < free) return std::chrono::seconds(0);
    int doublings = failures - free;
    if (doublings >= 6) return kLongestWait;  // 2^6 s is past the longest wait already
    return std::min(kLongestWait, std::chrono::seconds(int64_t{1} << doublings));
}

namespace {

std::chrono::seconds left(std::chrono::system_clock::time_point until,
                          std::chrono::system_clock::time_point now) {
    if (until <= now) return std::chrono::seconds(0);
    return std::chrono::ceil<std::chrono::seconds>(until - now);
}

}  // namespace

std::chrono::seconds sign_in_wait(const SignInHistory& h,
                                  std::chrono::system_clock::time_point now) {
    auto wait = left(h.pair_last_failure + wait_after(h.pair_failures, kFreePairFailures), now);
    if (!h.known_pair)
        wait = std::max(wait, left(h.address_last_failure +
                                       wait_after(h.address_failures, kFreeAddressFailures),
                                   now));
    return wait;
}

}  // namespace scrutineer
