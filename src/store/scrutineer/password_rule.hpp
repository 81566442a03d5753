// Which passwords a user may be given (OWASP Authentication Cheat Sheet, "Implement proper
// password strength controls"; NCSC password guidance): at least 12 characters and at most
// 1024, any characters (spaces too: "three random words" passphrases are welcome), and none that
// is easy to guess:
// - one character repeated, or too few different characters ("aaaaaaaaaaaa", "abcabcabcabc");
// - made of the username or the person's name, with digits or symbols ("olivia123456");
// - refused by cracklib (Debian's libcrack2, its dictionary from cracklib-runtime: common
//   passwords and words, also reversed, capitalised or with letters swapped for digits, runs such
//   as "123456789012", the username and the name);
// - a word cracklib knows with digits or symbols added before or after ("password1234",
//   "Sunflower2024!"): cracklib alone accepts those once they are long enough.
#pragma once

#include <string>

namespace scrutineer::store {

// What is wrong with the password, in the words of a GOV.UK error message, or "" when it is
// fine. When cracklib's dictionary is missing the answer says so (the password is not accepted
// unchecked).
std::string password_problem(const std::string& password, const std::string& username,
                             const std::string& display_name);

}  // namespace scrutineer::store
