#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

// Text analysis for Chinese full-text search (A14), the same on the index and the query side:
// NFKC normalisation with case folding, ICU word breaking, and for every run of CJK characters
// all overlapping bigrams (as Lucene's CJKAnalyzer does) so that any substring of two or more
// characters is found even where ICU's dictionary splits a domain word (招商引资 → 招商/引资).
// Words of the domain dictionary and ICU's own multi-character words are also indexed whole,
// marked with a prefix, so that documents holding the whole word rank first. Latin words are
// lower-cased and lightly stemmed: English plurals only (policies → policy, prices → price).
namespace zhaoyin::search {

// Industry and policy terms kept as data (data/search/dictionary.txt), one word a line.
class dictionary {
  public:
    static dictionary parse(std::string_view text);
    bool contains(std::u32string_view word) const;
    std::size_t longest() const { return longest_; }

  private:
    std::unordered_set<std::u32string> words_;
    std::size_t longest_ = 0;
};

// The dictionary shipped in the binary.
const dictionary& domain_dictionary();

// Whole-word tokens carry this prefix; Latin letters never precede CJK characters inside one
// token, so the prefixed form cannot collide with a bigram or a Latin word.
inline constexpr std::string_view whole_word_prefix = "zw";

// The tokens of a text, in text order: bigrams (or a lone CJK character), whole words and Latin
// words. Every token is letters and digits only, so both engines' tokenisers keep it intact.
std::vector<std::string> index_tokens(std::string_view text,
                                      const dictionary& dict = domain_dictionary());
// The tokens joined by spaces, as stored in the full-text index.
std::string token_text(std::string_view text, const dictionary& dict = domain_dictionary());

// One condition of a query: any of its tokens matches. The first token is the one that must
// occur (a bigram or a Latin word); whole words that contain it are optional alternatives, so
// that they only raise the rank. A prefix clause matches every token starting with it (a
// single CJK character).
struct query_clause {
    std::vector<std::string> any;
    bool prefix = false;
};

// A query: all clauses must match (a run of CJK characters becomes its bigrams AND-ed).
struct search_query {
    std::vector<query_clause> clauses;
    // What to highlight: CJK strings found as substrings, and stemmed Latin words.
    std::vector<std::u32string> cjk_marks;
    std::vector<std::string> word_marks;

    bool empty() const { return clauses.empty(); }
};

search_query analyse_query(std::string_view text, const dictionary& dict = domain_dictionary());

// The number of characters (code points) of a UTF-8 string.
std::size_t character_count(std::string_view text);

// Plain text of sanitised HTML: tags dropped (block ends become spaces), common entities decoded.
std::string plain_text(std::string_view html);

// A passage of `text` around the first match of the query, about `width` characters long, with
// the matches wrapped in <mark>…</mark> and everything else HTML-escaped. The start of the text
// when nothing matches.
std::string highlight(std::string_view text, const search_query& query, std::size_t width = 120);

}  // namespace zhaoyin::search
