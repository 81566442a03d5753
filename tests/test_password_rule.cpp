// Which passwords a user may be given: long, and not easy to guess.
#include <gtest/gtest.h>

#include "scrutineer/password_rule.hpp"
#include "scrutineer/user_store.hpp"

using namespace scrutineer;
using store::password_problem;

TEST(PasswordRule, PassphrasesAsTheDocumentsAndTestsUseThemAreAccepted) {
    for (const char* good :
         {"a long password here", "correct horse battery", "another long password",
          "a long enough password", "browser test password", "kill test password, long enough",
          "Tr0ub4dor&3 zebra", "web_load 6f1c2a9be04d77aa31c0f5e2"})
        EXPECT_EQ(password_problem(good, "olivia", "Olivia Example"), "") << good;
}

TEST(PasswordRule, CommonRepeatedAndNameMadePasswordsAreRefused) {
    struct Case {
        const char* password;
        const char* says;
    };
    for (const Case& c : {
             Case{"short", "at least 12 characters"},
             Case{"aaaaaaaaaaaa", "one character or a short sequence repeated"},
             Case{"abcabcabcabc", "one character or a short sequence repeated"},
             Case{"passwordpassword", "one character or a short sequence repeated"},
             Case{"olivia123456", "made of the username or the person's name"},
             Case{"Olivia Example!", "made of the username or the person's name"},
             Case{"example-2024-olivia", "made of the username or the person's name"},
             Case{"password1234", "a common word or password with digits or symbols added"},
             Case{"letmein12345", "a common word or password with digits or symbols added"},
             Case{"Sunflower2024!", "a common word or password with digits or symbols added"},
             Case{"123456789012", "harder to guess"},
             Case{"qwertyuiop12", "a common word or password with digits or symbols added"},
         }) {
        std::string problem = password_problem(c.password, "olivia", "Olivia Example");
        EXPECT_NE(problem.find(c.says), std::string::npos) << c.password << ": " << problem;
    }
    EXPECT_NE(password_problem(std::string(1025, 'x') + "yz", "olivia", "O").find("too long"),
              std::string::npos);
}

TEST(PasswordRule, CheckNewUserNamesThePasswordProblem) {
    EXPECT_EQ(store::check_new_user("ada", "Ada Lovelace", "aaaaaaaaaaaa"),
              "Enter a password that is harder to guess: this one is one character or a short "
              "sequence repeated");
    EXPECT_EQ(store::check_new_user("ada", "Ada Lovelace", "correct horse battery"), "");
}
