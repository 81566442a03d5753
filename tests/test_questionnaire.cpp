// The questionnaire rule (questionnaire.hpp): each participant's change, incomplete
// participants, the cohort summary from exact means rounded once, half away from zero.
#include <gtest/gtest.h>

#include <stdexcept>

#include "scrutineer/questionnaire.hpp"

using namespace scrutineer;

namespace {

QuestionnaireResponse ret(const std::string& who, Stage stage, std::vector<int> scores) {
    return {who, stage, std::move(scores)};
}

std::vector<int> all(int score) {
    return std::vector<int>(kQuestionnaireItems, score);
}

}  // namespace

TEST(Questionnaire, AParticipantsChangeIsPostTotalMinusPreTotalAndPerItem) {
    auto r = compare_returns({ret("P01", Stage::pre, {1, 2, 3, 4, 1, 2, 3, 4, 1, 2}),
                              ret("P01", Stage::post, {2, 2, 4, 3, 3, 2, 3, 4, 4, 2})});
    ASSERT_EQ(r.participants.size(), 1u);
    const auto& c = r.participants[0];
    EXPECT_EQ(c.participant, "P01");
    EXPECT_EQ(c.pre_total, 23);
    EXPECT_EQ(c.post_total, 29);
    EXPECT_EQ(c.change, 6);
    EXPECT_EQ(c.item_changes, (std::vector<int>{1, 0, 1, -1, 2, 0, 0, 0, 3, 0}));
    EXPECT_TRUE(r.incomplete.empty());
    EXPECT_EQ(r.summary.complete, 1);
    EXPECT_EQ(r.summary.improved, 1);
}

TEST(Questionnaire, ParticipantsWithOnlyOneReturnAreListedAndLeftOutOfEveryFigure) {
    auto r = compare_returns({ret("P02", Stage::pre, all(1)), ret("P01", Stage::pre, all(2)),
                              ret("P01", Stage::post, all(3)), ret("P03", Stage::post, all(4))});
    EXPECT_EQ(r.incomplete, (std::vector<std::string>{"P02", "P03"}));
    ASSERT_EQ(r.participants.size(), 1u);
    EXPECT_EQ(r.summary.complete, 1);
    // Only P01 counts: a pre total of 20 and a post total of 30, whatever P02 and P03 said.
    EXPECT_EQ(*r.summary.mean_pre, Fraction::whole(20));
    EXPECT_EQ(*r.summary.mean_post, Fraction::whole(30));
    EXPECT_EQ(*r.summary.mean_change, Fraction::whole(10));
}

TEST(Questionnaire, NoCompleteParticipantsMeansNoMeans) {
    auto r = compare_returns({ret("P01", Stage::pre, all(2))});
    EXPECT_EQ(r.summary.complete, 0);
    EXPECT_FALSE(r.summary.mean_change.has_value());
    EXPECT_TRUE(r.summary.item_mean_changes.empty());
    EXPECT_EQ(r.incomplete.size(), 1u);
    EXPECT_EQ(compare_returns({}).summary.complete, 0);
}

TEST(Questionnaire, CohortCountsImprovedUnchangedAndWorse) {
    auto r = compare_returns({ret("A", Stage::pre, all(2)), ret("A", Stage::post, all(3)),
                              ret("B", Stage::pre, all(2)), ret("B", Stage::post, all(2)),
                              ret("C", Stage::pre, all(3)), ret("C", Stage::post, all(2)),
                              ret("D", Stage::pre, all(1)), ret("D", Stage::post, all(4))});
    EXPECT_EQ(r.summary.complete, 4);
    EXPECT_EQ(r.summary.improved, 2);
    EXPECT_EQ(r.summary.unchanged, 1);
    EXPECT_EQ(r.summary.worse, 1);
}

// Four participants whose totals change by 1, 1, 1 and 2: the mean change is exactly 1.25,
// which shows as 1.3 (half away from zero); the same falls show as -1.3. Binary floating point
// would hold 1.25 exactly too, so the per-item means test a value it cannot: 0.05.
TEST(Questionnaire, MeansAreExactAndRoundedHalfAwayFromZeroToOneDecimal) {
    std::vector<QuestionnaireResponse> rising, falling;
    int i = 0;
    for (int change : {1, 1, 1, 2}) {
        std::string who = "P" + std::to_string(++i);
        std::vector<int> pre = all(2), post = all(2);
        post[0] += change == 2 ? 1 : 0;
        post[1] += 1;
        rising.push_back(ret(who, Stage::pre, pre));
        rising.push_back(ret(who, Stage::post, post));
        falling.push_back(ret(who, Stage::pre, post));
        falling.push_back(ret(who, Stage::post, pre));
    }
    auto up = compare_returns(rising);
    EXPECT_EQ(*up.summary.mean_change, Fraction::of(5, 4));
    EXPECT_EQ(one_decimal(*up.summary.mean_change), "1.3");
    EXPECT_EQ(one_decimal(*up.summary.mean_pre), "20.0");
    EXPECT_EQ(one_decimal(*up.summary.mean_post), "21.3");           // 85 / 4 = 21.25
    EXPECT_EQ(one_decimal(up.summary.item_mean_changes[0]), "0.3");  // 1/4 = 0.25
    EXPECT_EQ(one_decimal(up.summary.item_mean_changes[1]), "1.0");
    EXPECT_EQ(one_decimal(up.summary.item_mean_changes[2]), "0.0");
    auto down = compare_returns(falling);
    EXPECT_EQ(one_decimal(*down.summary.mean_change), "-1.3");
    EXPECT_EQ(one_decimal(down.summary.item_mean_changes[0]), "-0.3");
    EXPECT_EQ(down.summary.worse, 4);

    // Twenty participants, one of whom gains a point on item 3: a mean of exactly 0.05.
    std::vector<QuestionnaireResponse> twenty;
    for (int p = 0; p < 20; ++p) {
        std::vector<int> post = all(2);
        if (p == 0) post[2] = 3;
        twenty.push_back(ret("Q" + std::to_string(p), Stage::pre, all(2)));
        twenty.push_back(ret("Q" + std::to_string(p), Stage::post, post));
    }
    auto small = compare_returns(twenty);
    EXPECT_EQ(small.summary.item_mean_changes[2], Fraction::of(1, 20));
    EXPECT_EQ(one_decimal(small.summary.item_mean_changes[2]), "0.1");
    EXPECT_EQ(one_decimal(*small.summary.mean_change), "0.1");
}

TEST(Questionnaire, ReturnsThatBreakTheRuleAreRefused) {
    EXPECT_FALSE(check(ret("P01", Stage::pre, all(4))).has_value());
    auto five = all(2);
    five[4] = 5;
    auto p = check(ret("P01", Stage::pre, five));
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->field, "item5");
    auto zero = all(2);
    zero[0] = 0;
    EXPECT_EQ(check(ret("P01", Stage::pre, zero))->field, "item1");
    EXPECT_EQ(check(ret("P01", Stage::pre, {1, 2, 3}))->field, "scores");
    EXPECT_EQ(check(ret("P01", Stage::pre, std::vector<int>(11, 2)))->field, "scores");
    EXPECT_EQ(check(ret("John Smith", Stage::pre, all(2)))->field, "participant");
    EXPECT_EQ(check(ret("", Stage::pre, all(2)))->field, "participant");
    EXPECT_THROW(compare_returns({ret("P01", Stage::pre, five)}), std::invalid_argument);
    EXPECT_THROW(compare_returns({ret("P01", Stage::pre, all(2)), ret("P01", Stage::pre, all(3))}),
                 std::invalid_argument);
}

TEST(Questionnaire, AnInstrumentHasTenStatementsAndFourLabels) {
    Questionnaire q;
    q.title = "Warwick-Edinburgh Mental Wellbeing";
    q.scale = {"Not at all true", "Hardly true", "Moderately true", "Exactly true"};
    q.statements = std::vector<std::string>(10, "I can usually handle whatever comes my way.");
    EXPECT_FALSE(check(q).has_value());
    q.statements.pop_back();
    EXPECT_EQ(check(q)->field, "statements");
    q.statements.push_back("");
    EXPECT_EQ(check(q)->field, "statements[9]");
    q.statements[9] = "fine";
    q.scale[3] = " ";
    EXPECT_EQ(check(q)->field, "scale[3]");
}

TEST(Questionnaire, StagesAreSpelledPreAndPost) {
    EXPECT_EQ(parse_stage("pre"), Stage::pre);
    EXPECT_EQ(parse_stage("post"), Stage::post);
    EXPECT_FALSE(parse_stage("mid").has_value());
    EXPECT_FALSE(parse_stage("Pre").has_value());
    EXPECT_STREQ(to_string(Stage::post), "post");
}
