// `scrutineer spc` as a user runs it: the XmR chart of a list of values (spc.cpp).
#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

using scrutineer::test::run_scrutineer;

TEST(SpcCli, CsvHasTheExactHeaderAndOneRowAValue) {
    // Baseline 10,0,10,0: mean 5, mean moving range 10, limits 5 -/+ 26.6; 40 is above 31.6.
    auto r = run_scrutineer(
        "spc --values 10,0,10,0,40 --baseline 4 --improvement decrease "
        "--format csv");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "point,value,mean,lower_limit,upper_limit,special_cause\n"
              "1,10.0000,5.0000,-21.6000,31.6000,neither\n"
              "2,0.0000,5.0000,-21.6000,31.6000,neither\n"
              "3,10.0000,5.0000,-21.6000,31.6000,neither\n"
              "4,0.0000,5.0000,-21.6000,31.6000,neither\n"
              "5,40.0000,5.0000,-21.6000,31.6000,concern\n");
    EXPECT_EQ(r.err, "");
    // Higher is better: the same point is an improvement; by default no judgement.
    r = run_scrutineer(
        "spc --values 10,0,10,0,40 --baseline 4 --improvement increase "
        "--format csv");
    EXPECT_NE(r.out.find("\n5,40.0000,5.0000,-21.6000,31.6000,improvement\n"), std::string::npos);
    r = run_scrutineer("spc --values '10, 0, 10, 0, 40' --baseline 4 --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\n5,40.0000,5.0000,-21.6000,31.6000,special\n"), std::string::npos);
}

TEST(SpcCli, TextSaysWhatTheLatestPointShows) {
    auto r = run_scrutineer("spc --values 10,0,10,0,40 --baseline 4 --improvement decrease");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Process limits -21.6000 to 31.6000"), std::string::npos) << r.out;
    EXPECT_NE(
        r.out.find("     5         40.0000  Concern: unusually high       outside the limits\n"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("Latest point: Concern: unusually high.\n"), std::string::npos) << r.out;
}

TEST(SpcCli, BadInputNamesTheItemAndExitsWithAnError) {
    auto bad = [](const std::string& args, const std::string& message) {
        auto r = run_scrutineer("spc " + args + " --format csv");
        EXPECT_EQ(r.exit_code, 2) << args;
        EXPECT_EQ(r.out, "") << args;
        EXPECT_EQ(r.err, "error: " + message + "\n") << args;
    };
    bad("--values 12,15,x,11", "--values: item 3 'x' is not a number");
    bad("--values 12,15,11abc", "--values: item 3 '11abc' is not a number");
    bad("--values 12,,11", "--values: item 2 is empty");
    bad("--values 12,15,", "--values: item 3 is empty");
    bad("--values 12,nan", "--values: item 2 'nan' is not a finite number");
    bad("--values 12,1e999", "--values: item 2 '1e999' is not a finite number");
    bad("--values 12",
        "--values: an XmR chart needs at least 2 values (a moving range needs two), got 1");
    bad("--values 1,2,3 --baseline 1",
        "--baseline: 1 is not a number of values from 2 to the 3 given");
    bad("--values 1,2,3 --baseline 4",
        "--baseline: 4 is not a number of values from 2 to the 3 given");
    bad("--values 1,2,3 --baseline -2", "--baseline: '-2' is not a whole number");
    bad("--values 1,2,3 --improvement up",
        "--improvement: 'up' is not increase, decrease or neither");
}

TEST(SpcCli, AtMostTenThousandValues) {
    std::string values = "1";
    for (int i = 1; i < 10000; ++i) values += i % 2 ? ",2" : ",1";
    auto ok = run_scrutineer("spc --values " + values + " --format csv");
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("\n10000,2.0000,1.5000,"), std::string::npos);
    auto r = run_scrutineer("spc --values " + values + ",1 --format csv");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "error: --values: more than 10000 values\n");
}
