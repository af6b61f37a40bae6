#include <gtest/gtest.h>

#include <algorithm>

#include "search/analyzer.hpp"

namespace zhaoyin::search {
namespace {

bool has(const std::vector<std::string>& tokens, const std::string& token) {
    return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

TEST(SearchAnalyzer, CjkRunsBecomeOverlappingBigrams) {
    const auto tokens = index_tokens("招商引资");
    EXPECT_TRUE(has(tokens, "招商"));
    EXPECT_TRUE(has(tokens, "商引"));
    EXPECT_TRUE(has(tokens, "引资"));
    EXPECT_FALSE(has(tokens, "招"));
}

TEST(SearchAnalyzer, DictionaryWordsAreIndexedWhole) {
    const auto tokens = index_tokens("支持集成电路产业发展");
    EXPECT_TRUE(has(tokens, "zw集成电路"));
    EXPECT_TRUE(has(tokens, "集成"));
    EXPECT_TRUE(has(tokens, "电路"));
}

TEST(SearchAnalyzer, DictionaryWordsMustSitOnWordBoundaries) {
    // 工人/才能: 人才 spans a boundary ICU does not draw, so it is not a whole word here.
    const auto tokens = index_tokens("工人才能");
    EXPECT_TRUE(has(tokens, "人才"));  // the bigram still finds the substring
    EXPECT_FALSE(has(tokens, "zw人才"));
    EXPECT_TRUE(has(index_tokens("高层次人才补贴"), "zw人才"));
}

TEST(SearchAnalyzer, LoneCjkCharacterIsItsOwnToken) {
    const auto tokens = index_tokens("港 口");
    EXPECT_EQ(tokens, (std::vector<std::string>{"港", "口"}));
}

TEST(SearchAnalyzer, LatinWordsAreFoldedAndPluralsStemmed) {
    EXPECT_EQ(index_tokens("Electricity PRICES, policies & Fees"),
              (std::vector<std::string>{"electricity", "price", "policy", "fee"}));
    EXPECT_EQ(index_tokens("business class"), (std::vector<std::string>{"business", "class"}));
}

TEST(SearchAnalyzer, FullWidthFormsAreNormalised) {
    // NFKC: full-width Latin and digits fold to ASCII.
    EXPECT_EQ(index_tokens("ＡＩ　５Ｇ"), (std::vector<std::string>{"ai", "5g"}));
}

TEST(SearchAnalyzer, MixedChineseAndLatinSplitAtTheScriptChange) {
    const auto tokens = index_tokens("AI人才");
    EXPECT_TRUE(has(tokens, "ai"));
    EXPECT_TRUE(has(tokens, "人才"));
    EXPECT_TRUE(has(tokens, "zw人才"));
}

TEST(SearchAnalyzer, TokensAreLettersAndDigitsOnly) {
    for (const auto& token : index_tokens("电价0.65元/千瓦时（2024-01-01起）c++ e-mail")) {
        EXPECT_EQ(token.find_first_of(" .-/()+（）"), std::string::npos) << token;
    }
}

TEST(SearchAnalyzer, QueryBigramsAreAndedWithTheWholeWordAsAlternative) {
    const auto q = analyse_query("招商引资");
    ASSERT_EQ(q.clauses.size(), 3u);
    // ICU breaks 招商/引资; the dictionary knows the whole 招商引资.
    EXPECT_EQ(q.clauses[0].any, (std::vector<std::string>{"招商", "zw招商", "zw招商引资"}));
    EXPECT_EQ(q.clauses[1].any, (std::vector<std::string>{"商引"}));
    EXPECT_EQ(q.clauses[2].any.front(), "引资");
}

TEST(SearchAnalyzer, QueryOfSeveralPartsAndsThem) {
    const auto q = analyse_query("集成电路 政策");
    std::vector<std::string> required;
    for (const auto& c : q.clauses) {
        required.push_back(c.any.front());
    }
    EXPECT_EQ(required, (std::vector<std::string>{"集成", "成电", "电路", "政策"}));
    EXPECT_FALSE(q.clauses[0].prefix);
}

TEST(SearchAnalyzer, SingleCharacterQueryIsAPrefix) {
    const auto q = analyse_query("港");
    ASSERT_EQ(q.clauses.size(), 1u);
    EXPECT_TRUE(q.clauses[0].prefix);
    EXPECT_EQ(q.clauses[0].any.front(), "港");
}

TEST(SearchAnalyzer, PunctuationOnlyQueryIsEmpty) {
    EXPECT_TRUE(analyse_query(" ，。!? ").empty());
    EXPECT_TRUE(analyse_query("").empty());
}

TEST(SearchAnalyzer, HighlightMarksMatchesAndEscapesTheRest) {
    const auto q = analyse_query("招商引资");
    EXPECT_EQ(highlight("<b>&</b>全力推进招商引资工作", q, 200),
              "&lt;b&gt;&amp;&lt;/b&gt;全力推进<mark>招商引资</mark>工作");
}

TEST(SearchAnalyzer, HighlightMarksOriginalFormsOfFoldedText) {
    const auto q = analyse_query("electricity price");
    EXPECT_EQ(highlight("Industrial Electricity Prices in 2024", q, 200),
              "Industrial <mark>Electricity</mark> <mark>Prices</mark> in 2024");
}

TEST(SearchAnalyzer, HighlightCutsAPassageAroundTheFirstMatch) {
    std::string text;
    for (int i = 0; i < 100; ++i) {
        text += "青岛";
    }
    text += "人才补贴";
    for (int i = 0; i < 100; ++i) {
        text += "青岛";
    }
    const auto snippet = highlight(text, analyse_query("人才"), 40);
    EXPECT_TRUE(snippet.starts_with("…"));
    EXPECT_TRUE(snippet.ends_with("…"));
    EXPECT_NE(snippet.find("<mark>人才</mark>补贴"), std::string::npos);
    EXPECT_EQ(character_count(snippet), 40u + 2u + 13u);  // the passage, two ellipses, the tags
}

// A passage opens at the start of the match's sentence when that is near enough.
TEST(SearchAnalyzer, HighlightStartsAtASentenceBeforeTheMatch) {
    const std::string text =
        "青岛市高层次人才分类认定目录分为五类，本办法自发布之日起施行，有效期五年。 Five classes "
        "of "
        "high-level talent and how they are recognised.";
    const auto snippet = highlight(text, analyse_query("talent"), 80);
    EXPECT_TRUE(snippet.starts_with("…Five classes of high-level <mark>talent</mark>")) << snippet;
    // The sentence starts too far back: the passage opens a quarter of its width before the match.
    const auto plain =
        highlight("青岛青岛青岛青岛青岛青岛青岛青岛青岛青岛青岛人才补贴", analyse_query("人才"), 8);
    EXPECT_TRUE(plain.starts_with("…青岛<mark>人才</mark>")) << plain;
}

TEST(SearchAnalyzer, PlainTextDropsTagsAndDecodesEntities) {
    EXPECT_EQ(plain_text("<p>电价&amp;水价</p><p>A&lt;B</p>"), "电价&水价 A<B");
    // Inline tags do not split words: 太赫兹成像 stays one run.
    EXPECT_EQ(plain_text("<p>太赫兹<b>成像</b><a href=\"x\">项目</a><br/>结束</p>"),
              "太赫兹成像项目 结束");
}

TEST(SearchAnalyzer, DictionaryParsesWordsAndSkipsComments) {
    const auto dict = dictionary::parse("# comment\n招商引资\r\n\n人\nＡＩ芯片\n");
    EXPECT_TRUE(dict.contains(U"招商引资"));
    EXPECT_TRUE(dict.contains(U"ai芯片"));
    EXPECT_FALSE(dict.contains(U"人"));  // one character is no word
    EXPECT_EQ(dict.longest(), 4u);
}

}  // namespace
}  // namespace zhaoyin::search
