// The questionnaire returns reader: the fixture's returns, and errors that name the line and
// the field (a score of 5, a stage "mid", a missing column, the same participant and stage
// twice), so that a bad file imports nothing.
#include <gtest/gtest.h>

#include "scrutineer/input_error.hpp"
#include "scrutineer/questionnaire_file.hpp"
#include "test_support.hpp"

using namespace scrutineer;

namespace {

const std::string kHeader =
    "participant,stage,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10\n";

// The error's line and field, and its message.
struct Refusal {
    size_t line = 0;
    std::string field, message;
};
Refusal refusal(const std::string& text) {
    try {
        parse_questionnaire_returns(text, "returns.csv");
    } catch (const InputError& e) {
        return {e.line, e.field, e.what()};
    }
    ADD_FAILURE() << "accepted:\n" << text;
    return {};
}

}  // namespace

TEST(QuestionnaireFile, ReadsTheFixturesReturns) {
    auto returns = read_questionnaire_returns(test::fixtures_dir() + "/questionnaire-returns.csv");
    ASSERT_EQ(returns.size(), 9u);
    EXPECT_EQ(returns[0].participant, "RR-01");
    EXPECT_EQ(returns[0].stage, Stage::pre);
    EXPECT_EQ(returns[0].scores, (std::vector<int>{2, 1, 2, 3, 2, 2, 1, 2, 2, 3}));
    EXPECT_EQ(returns[8].participant, "RR-04");
    EXPECT_EQ(returns[8].stage, Stage::post);
    auto results = compare_returns(returns);
    EXPECT_EQ(results.summary.complete, 4);
    EXPECT_EQ(results.incomplete, (std::vector<std::string>{"RR-05"}));
    EXPECT_EQ(one_decimal(*results.summary.mean_pre), "25.3");  // 101 / 4 = 25.25
    EXPECT_EQ(one_decimal(*results.summary.mean_post), "26.5");
    EXPECT_EQ(one_decimal(*results.summary.mean_change), "1.3");           // 5 / 4 = 1.25
    EXPECT_EQ(one_decimal(results.summary.item_mean_changes[2]), "-0.3");  // -1 / 4
}

TEST(QuestionnaireFile, AcceptsCrlfAndQuotedFields) {
    auto r = parse_questionnaire_returns(
        "participant,stage,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10\r\n"
        "\"A1\",pre,1,2,3,4,1,2,3,4,1,2\r\n",
        "returns.csv");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].participant, "A1");
    EXPECT_EQ(r[0].scores[3], 4);
}

TEST(QuestionnaireFile, AScoreOutsideOneToFourNamesTheLineAndItem) {
    auto r = refusal(kHeader + "A1,pre,1,2,3,4,1,2,3,4,1,2\nA1,post,1,2,3,5,1,2,3,4,1,2\n");
    EXPECT_EQ(r.line, 3u);
    EXPECT_EQ(r.field, "item4");
    EXPECT_NE(r.message.find("returns.csv:3"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("the score is 5; scores are 1 to 4"), std::string::npos) << r.message;
    EXPECT_EQ(refusal(kHeader + "A1,pre,0,2,3,4,1,2,3,4,1,2\n").field, "item1");
    EXPECT_EQ(refusal(kHeader + "A1,pre,1,2,3,4,1,2,3,4,1,\n").field, "item10");
    EXPECT_EQ(refusal(kHeader + "A1,pre,1,2,3,4,1,2,3,4,1,2.5\n").field, "item10");
    EXPECT_EQ(refusal(kHeader + "A1,pre,1,2,3,4,1,2,3,4,1,x\n").field, "item10");
}

TEST(QuestionnaireFile, AStageOtherThanPreOrPostIsRefused) {
    auto r = refusal(kHeader + "A1,mid,1,2,3,4,1,2,3,4,1,2\n");
    EXPECT_EQ(r.line, 2u);
    EXPECT_EQ(r.field, "stage");
    EXPECT_NE(r.message.find("'mid' must be 'pre'"), std::string::npos) << r.message;
}

TEST(QuestionnaireFile, AMissingColumnIsRefused) {
    // In the header ...
    auto h = refusal(
        "participant,stage,item1,item2,item3,item4,item5,item6,item7,item8,item9\n"
        "A1,pre,1,2,3,4,1,2,3,4,1\n");
    EXPECT_EQ(h.line, 1u);
    EXPECT_NE(h.message.find("expected 'participant,stage,item1"), std::string::npos) << h.message;
    // ... and in a row.
    auto r = refusal(kHeader + "A1,pre,1,2,3,4,1,2,3,4,1,2\nA2,pre,1,2,3,4,1,2,3,4\n");
    EXPECT_EQ(r.line, 3u);
    EXPECT_EQ(r.field, "item9");
    EXPECT_NE(r.message.find("is missing"), std::string::npos) << r.message;
    EXPECT_EQ(refusal(kHeader + "A1,pre,1,2,3,4,1,2,3,4,1,2,3\n").line, 2u);
}

TEST(QuestionnaireFile, TheSameParticipantAndStageTwiceIsRefused) {
    auto r = refusal(kHeader +
                     "A1,pre,1,2,3,4,1,2,3,4,1,2\nA1,post,1,2,3,4,1,2,3,4,1,2\n"
                     "A1,pre,2,2,3,4,1,2,3,4,1,2\n");
    EXPECT_EQ(r.line, 4u);
    EXPECT_EQ(r.field, "participant");
    EXPECT_NE(r.message.find("A1 has a second pre return (the first is on line 2)"),
              std::string::npos)
        << r.message;
}

TEST(QuestionnaireFile, ParticipantsArePseudonymousIdsAndAFileNeedsReturns) {
    EXPECT_EQ(refusal(kHeader + "Jane Doe,pre,1,2,3,4,1,2,3,4,1,2\n").field, "participant");
    EXPECT_EQ(refusal(kHeader + ",pre,1,2,3,4,1,2,3,4,1,2\n").field, "participant");
    EXPECT_NE(refusal(kHeader).message.find("no returns"), std::string::npos);
    EXPECT_NE(refusal("").message.find("empty"), std::string::npos);
}
