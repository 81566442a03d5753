#include "scrutineer/password_rule.hpp"

#include <stddef.h>  // crack.h uses size_t without including it
#include <unistd.h>

#include <crack.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <set>
#include <string_view>

namespace scrutineer::store {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_letter(char c) {
    // Bytes of UTF-8 letters count as letters: only ASCII digits, spaces and symbols are padding.
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// One shorter text repeated: "aaaaaaaaaaaa", "abcabcabcabc", "passwordpassword".
bool is_repetition(std::string_view s) {
    for (size_t unit = 1; unit <= s.size() / 2; ++unit) {
        if (s.size() % unit != 0) continue;
        bool repeats = true;
        for (size_t i = unit; i < s.size() && repeats; ++i) repeats = s[i] == s[i - unit];
        if (repeats) return true;
    }
    return false;
}

// Made of the username and the words of the person's name, with digits, spaces or symbols:
// nothing else with a letter is left when they are taken out.
bool made_of_names(const std::string& password, const std::string& username,
                   const std::string& display_name) {
    std::string rest = lower(password);
    std::set<std::string> names;
    if (username.size() >= 3) names.insert(lower(username));
    std::string word;
    for (char c : display_name + " ") {
        if (is_letter(c)) {
            word += c;
        } else {
            if (word.size() >= 3) names.insert(lower(word));
            word.clear();
        }
    }
    bool found = false;
    for (const auto& name : names)
        for (size_t at; (at = rest.find(name)) != std::string::npos;) {
            rest.replace(at, name.size(), " ");
            found = true;
        }
    return found && std::none_of(rest.begin(), rest.end(), is_letter);
}

// cracklib's objection to a password, or nullptr. Its dictionary is read on every call, and it
// keeps state in static buffers: one call at a time.
const char* cracklib_objection(const std::string& password, const std::string& username,
                               const std::string& display_name) {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    return FascistCheckUser(password.c_str(), GetDefaultCracklibDict(), username.c_str(),
                            display_name.c_str());
}

// "it is based on a dictionary word" → "this one is based on a dictionary word".
std::string reworded(std::string_view objection) {
    std::string s(objection);
    if (s.rfind("it's ", 0) == 0)
        s = "this one is " + s.substr(5);
    else if (s.rfind("it ", 0) == 0)
        s = "this one " + s.substr(3);
    if (auto at = s.find("DIFFERENT"); at != std::string::npos) s.replace(at, 9, "different");
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

std::string password_problem(const std::string& password, const std::string& username,
                             const std::string& display_name) {
    if (password.size() < 12) return "Enter a password of at least 12 characters";
    if (password.size() > 1024) return "The password is too long";
    if (is_repetition(lower(password)))
        return "Enter a password that is harder to guess: this one is one character or a short "
               "sequence repeated";
    if (made_of_names(password, username, display_name))
        return "Enter a password that is harder to guess: this one is made of the username or "
               "the person's name";
    std::string dictionary = GetDefaultCracklibDict();
    if (::access((dictionary + ".pwd").c_str(), R_OK) != 0 &&
        ::access((dictionary + ".pwd.gz").c_str(), R_OK) != 0)
        return "The password cannot be checked: the password dictionary " + dictionary +
               " is missing on the server (Debian's cracklib-runtime installs it)";
    if (const char* objection = cracklib_objection(password, username, display_name))
        return "Enter a password that is harder to guess: " + reworded(objection);
    // The letters inside digits, spaces and symbols added before and after ("password1234"):
    // cracklib passes those once they are long enough.
    auto first = std::find_if(password.begin(), password.end(), is_letter);
    auto last = std::find_if(password.rbegin(), password.rend(), is_letter).base();
    if (first < last && last - first >= 6 && last - first < std::ssize(password)) {
        std::string core(first, last);
        if (cracklib_objection(core, username, display_name))
            return "Enter a password that is harder to guess: this one is a common word or "
                   "password with digits or symbols added";
    }
    return {};
}

}  // namespace scrutineer::store
