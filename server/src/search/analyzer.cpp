#include "search/analyzer.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <stdexcept>

#include "core/embedded.hpp"
#include "core/html_sanitizer.hpp"

namespace zhaoyin::search {
namespace {

void append_utf8(std::string& out, char32_t c) {
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, U8_MAX_LENGTH, UChar32(c), error);
    if (!error) {
        out.append(buf, std::size_t(len));
    }
}

std::string to_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t c : text) {
        append_utf8(out, c);
    }
    return out;
}

// Text after NFKC case folding, one code point at a time, with each code point's source bytes
// [begin, end) in the original text: snippets cut and mark the original, not the folded form.
struct folded_text {
    std::u32string chars;
    std::vector<std::size_t> begin;
    std::vector<std::size_t> end;
};

const icu::Normalizer2& nfkc_casefold() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const auto* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status)) {
            throw std::runtime_error("ICU NFKC_Casefold is unavailable");
        }
        return n;
    }();
    return *instance;
}

folded_text fold(std::string_view text) {
    folded_text out;
    out.chars.reserve(text.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = int32_t(text.size());
    int32_t i = 0;
    while (i < length) {
        const auto start = std::size_t(i);
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        const auto stop = std::size_t(i);
        auto push = [&](char32_t folded) {
            out.chars.push_back(folded);
            out.begin.push_back(start);
            out.end.push_back(stop);
        };
        if (c < 0) {
            continue;  // invalid UTF-8 is dropped
        }
        // Fast paths: ASCII and the basic CJK block fold to themselves (ASCII to lower case).
        if (c < 0x80) {
            push(char32_t(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
            continue;
        }
        if (c >= 0x4E00 && c <= 0x9FFF) {
            push(char32_t(c));
            continue;
        }
        UErrorCode status = U_ZERO_ERROR;
        const auto folded = nfkc_casefold().normalize(icu::UnicodeString(c), status);
        if (U_FAILURE(status)) {
            push(char32_t(c));
            continue;
        }
        for (int32_t k = 0; k < folded.length(); k = folded.moveIndex32(k, 1)) {
            push(char32_t(folded.char32At(k)));
        }
    }
    return out;
}

bool is_cjk(char32_t c) {
    if (c >= 0x4E00 && c <= 0x9FFF) {
        return true;
    }
    if (u_hasBinaryProperty(UChar32(c), UCHAR_IDEOGRAPHIC)) {
        return true;
    }
    UErrorCode status = U_ZERO_ERROR;
    const auto script = uscript_getScript(UChar32(c), &status);
    return script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

bool is_word_char(char32_t c) {
    return c < 0x80 ? ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) : bool(u_isalnum(c));
}

// A thread's own word break iterator: creating one loads ICU's dictionaries, so it is cloned
// once per thread from a shared prototype.
icu::BreakIterator& word_breaker() {
    static const std::unique_ptr<icu::BreakIterator> prototype = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> it(
            icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
        if (U_FAILURE(status)) {
            throw std::runtime_error("ICU word break iterator is unavailable");
        }
        return it;
    }();
    thread_local const std::unique_ptr<icu::BreakIterator> mine(prototype->clone());
    return *mine;
}

// Where ICU puts word boundaries, by code point index (size chars + 1).
std::vector<bool> word_boundaries(const std::u32string& chars) {
    std::vector<bool> out(chars.size() + 1, false);
    icu::UnicodeString utf16;
    std::vector<std::size_t> char_at;  // UTF-16 index → code point index
    char_at.reserve(chars.size() + 1);
    for (std::size_t k = 0; k < chars.size(); ++k) {
        const auto units = chars[k] > 0xFFFF ? 2 : 1;
        for (int u = 0; u < units; ++u) {
            char_at.push_back(k);
        }
        utf16.append(UChar32(chars[k]));
    }
    char_at.push_back(chars.size());
    auto& breaker = word_breaker();
    breaker.setText(utf16);
    for (int32_t b = breaker.first(); b != icu::BreakIterator::DONE; b = breaker.next()) {
        out[char_at[std::size_t(b)]] = true;
    }
    return out;
}

// English plurals only: enough for "prices" to find "price" without a stemmer's surprises.
std::string light_stem(std::string word) {
    const auto ascii_letters =
        std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!ascii_letters || word.size() <= 3) {
        return word;
    }
    if (word.ends_with("ies")) {
        return word.substr(0, word.size() - 3) + "y";
    }
    if (word.ends_with("sses")) {
        return word.substr(0, word.size() - 2);
    }
    if (word.ends_with("s") && !word.ends_with("ss") && !word.ends_with("us") &&
        !word.ends_with("is")) {
        return word.substr(0, word.size() - 1);
    }
    return word;
}

// A whole word found in a CJK run: [begin, end) in code points.
struct whole_word {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// The whole words of the CJK run [begin, end): ICU's multi-character words, and dictionary
// words that start and end on ICU boundaries (so 人才 is not found inside 工人才能).
std::vector<whole_word> whole_words_of(const std::u32string& chars,
                                       const std::vector<bool>& boundary, std::size_t begin,
                                       std::size_t end, const dictionary& dict) {
    std::vector<whole_word> out;
    for (std::size_t i = begin; i < end; ++i) {
        if (!boundary[i]) {
            continue;
        }
        std::size_t next = i + 1;
        while (next < end && !boundary[next]) {
            ++next;
        }
        if (next - i >= 2) {
            out.push_back({i, next});
        }
        const auto longest = std::min(dict.longest(), end - i);
        for (std::size_t len = 2; len <= longest; ++len) {
            if (i + len != next && boundary[i + len] &&
                dict.contains(std::u32string_view(chars).substr(i, len))) {
                out.push_back({i, i + len});
            }
        }
    }
    return out;
}

// Walks the folded text: each CJK run, and each Latin (or other script) word, in order.
template <typename OnRun, typename OnWord>
void walk(const std::u32string& chars, OnRun on_run, OnWord on_word) {
    const auto boundary = word_boundaries(chars);
    std::size_t i = 0;
    while (i < chars.size()) {
        if (is_cjk(chars[i])) {
            std::size_t end = i;
            while (end < chars.size() && is_cjk(chars[end])) {
                ++end;
            }
            on_run(boundary, i, end);
            i = end;
        } else if (is_word_char(chars[i])) {
            std::size_t end = i + 1;
            while (end < chars.size() && is_word_char(chars[end]) && !is_cjk(chars[end]) &&
                   !boundary[end]) {
                ++end;
            }
            on_word(light_stem(to_utf8(std::u32string_view(chars).substr(i, end - i))));
            i = end;
        } else {
            ++i;
        }
    }
}

std::string whole_word_token(const std::u32string& chars, const whole_word& w) {
    return std::string(whole_word_prefix) +
           to_utf8(std::u32string_view(chars).substr(w.begin, w.end - w.begin));
}

// Marked spans of the folded text, [begin, end) in code points, merged and in order.
std::vector<std::pair<std::size_t, std::size_t>> marked_spans(const std::u32string& chars,
                                                              const search_query& query) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    const std::u32string_view view(chars);
    for (const auto& mark : query.cjk_marks) {
        for (auto at = view.find(mark); at != std::u32string_view::npos;
             at = view.find(mark, at + 1)) {
            spans.emplace_back(at, at + mark.size());
        }
    }
    if (!query.word_marks.empty()) {
        std::size_t i = 0;
        while (i < chars.size()) {
            if (!is_word_char(chars[i]) || is_cjk(chars[i])) {
                ++i;
                continue;
            }
            std::size_t end = i + 1;
            while (end < chars.size() && is_word_char(chars[end]) && !is_cjk(chars[end])) {
                ++end;
            }
            const auto word = light_stem(to_utf8(view.substr(i, end - i)));
            if (std::find(query.word_marks.begin(), query.word_marks.end(), word) !=
                query.word_marks.end()) {
                spans.emplace_back(i, end);
            }
            i = end;
        }
    }
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& s : spans) {
        if (!merged.empty() && s.first <= merged.back().second) {
            merged.back().second = std::max(merged.back().second, s.second);
        } else {
            merged.push_back(s);
        }
    }
    return merged;
}

// Tags inside a line of text (<b>, </a>, …): words run across them, so they add no space.
bool is_inline_tag(std::string_view tag) {
    static const std::set<std::string_view> inline_tags{"a",     "b",    "i",    "em",  "strong",
                                                        "span",  "u",    "sub",  "sup", "mark",
                                                        "small", "code", "font", "s",   "abbr"};
    tag.remove_prefix(1);  // '<'
    if (!tag.empty() && tag.front() == '/') {
        tag.remove_prefix(1);
    }
    const auto end = tag.find_first_of(" \t\n/");
    std::string name(tag.substr(0, end));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return inline_tags.contains(name);
}

}  // namespace

dictionary dictionary::parse(std::string_view text) {
    dictionary out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto eol = text.find('\n', pos);
        if (eol == std::string_view::npos) {
            eol = text.size();
        }
        auto line = text.substr(pos, eol - pos);
        pos = eol + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.remove_suffix(1);
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto word = fold(line).chars;
        if (word.size() >= 2) {
            out.longest_ = std::max(out.longest_, word.size());
            out.words_.insert(word);
        }
    }
    return out;
}

bool dictionary::contains(std::u32string_view word) const {
    return words_.contains(std::u32string(word));
}

const dictionary& domain_dictionary() {
    static const dictionary instance =
        dictionary::parse(embedded_data_file("search/dictionary.txt"));
    return instance;
}

std::vector<std::string> index_tokens(std::string_view text, const dictionary& dict) {
    const auto chars = fold(text).chars;
    std::vector<std::string> out;
    walk(
        chars,
        [&](const std::vector<bool>& boundary, std::size_t begin, std::size_t end) {
            if (end - begin == 1) {
                out.push_back(to_utf8(std::u32string_view(chars).substr(begin, 1)));
                return;
            }
            const auto words = whole_words_of(chars, boundary, begin, end, dict);
            auto word = words.begin();
            for (std::size_t i = begin; i + 1 < end; ++i) {
                out.push_back(to_utf8(std::u32string_view(chars).substr(i, 2)));
                for (; word != words.end() && word->begin == i; ++word) {
                    out.push_back(whole_word_token(chars, *word));
                }
            }
        },
        [&](std::string word) { out.push_back(std::move(word)); });
    return out;
}

std::string token_text(std::string_view text, const dictionary& dict) {
    std::string out;
    for (const auto& token : index_tokens(text, dict)) {
        if (!out.empty()) {
            out += ' ';
        }
        out += token;
    }
    return out;
}

search_query analyse_query(std::string_view text, const dictionary& dict) {
    const auto chars = fold(text).chars;
    search_query out;
    std::set<std::string> seen;
    auto add_clause = [&](query_clause clause) {
        if (seen.insert(clause.any.front() + (clause.prefix ? "*" : "")).second) {
            out.clauses.push_back(std::move(clause));
        }
    };
    walk(
        chars,
        [&](const std::vector<bool>& boundary, std::size_t begin, std::size_t end) {
            const std::u32string_view view(chars);
            if (end - begin == 1) {
                out.cjk_marks.emplace_back(view.substr(begin, 1));
                add_clause({{to_utf8(view.substr(begin, 1))}, true});
                return;
            }
            std::vector<query_clause> bigrams;
            for (std::size_t i = begin; i + 1 < end; ++i) {
                out.cjk_marks.emplace_back(view.substr(i, 2));
                bigrams.push_back({{to_utf8(view.substr(i, 2))}, false});
            }
            // A whole word implies its first bigram, so offering it as an alternative to that
            // bigram keeps the matches the same and only adds to the rank.
            for (const auto& word : whole_words_of(chars, boundary, begin, end, dict)) {
                bigrams[word.begin - begin].any.push_back(whole_word_token(chars, word));
            }
            for (auto& clause : bigrams) {
                add_clause(std::move(clause));
            }
        },
        [&](std::string word) {
            out.word_marks.push_back(word);
            add_clause({{std::move(word)}, false});
        });
    return out;
}

std::size_t character_count(std::string_view text) {
    return std::size_t(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string plain_text(std::string_view html) {
    static const std::pair<std::string_view, std::string_view> entities[] = {
        {"&amp;", "&"},   {"&lt;", "<"},  {"&gt;", ">"},
        {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
    std::string out;
    out.reserve(html.size());
    std::size_t i = 0;
    while (i < html.size()) {
        if (html[i] == '<') {
            const auto close = html.find('>', i);
            if (close == std::string_view::npos) {
                break;
            }
            if (!is_inline_tag(html.substr(i, close - i)) && !out.empty() && out.back() != ' ') {
                out += ' ';
            }
            i = close + 1;
            continue;
        }
        if (html[i] == '&') {
            bool decoded = false;
            for (const auto& [entity, value] : entities) {
                if (html.substr(i, entity.size()) == entity) {
                    out += value;
                    i += entity.size();
                    decoded = true;
                    break;
                }
            }
            if (decoded) {
                continue;
            }
        }
        out += html[i] == '\n' || html[i] == '\t' || html[i] == '\r' ? ' ' : html[i];
        ++i;
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

namespace {

bool ends_sentence(char32_t c) {
    return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'.' || c == U'!' ||
           c == U'?' || c == U';';
}

// Where the passage before the first match (at `match`) starts: at the start of the match's own
// sentence when that is at most width/2 characters back, else width/4 characters back. A
// passage that opens with the tail of another sentence reads badly (a document's Chinese text
// ends where its English begins).
std::size_t passage_start(const std::u32string& chars, std::size_t match, std::size_t width) {
    const std::size_t earliest = match > width / 2 ? match - width / 2 : 0;
    for (std::size_t i = match; i > earliest; --i) {
        if (ends_sentence(chars[i - 1])) {
            std::size_t start = i;
            while (start < match && (chars[start] == U' ' || chars[start] == U'\u3000')) {
                ++start;
            }
            return start;
        }
    }
    return match > width / 4 ? match - width / 4 : 0;
}

}  // namespace

std::string highlight(std::string_view text, const search_query& query, std::size_t width) {
    const auto folded = fold(text);
    const auto n = folded.chars.size();
    const auto spans = marked_spans(folded.chars, query);
    // The passage starts a little before the first match, and never cuts a match in two.
    const std::size_t from =
        spans.empty() ? 0 : passage_start(folded.chars, spans.front().first, width);
    std::size_t to = std::min(n, from + width);
    for (const auto& s : spans) {
        if (s.first < to && s.second > to) {
            to = s.second;
        }
    }
    std::string out;
    if (n == 0) {
        return out;
    }
    if (from > 0) {
        out += "…";
    }
    std::size_t byte = folded.begin[from];
    for (const auto& [begin, end] : spans) {
        if (begin >= to) {
            break;
        }
        if (begin < from) {
            continue;
        }
        const auto mark_begin = folded.begin[begin];
        const auto mark_end = folded.end[end - 1];
        if (mark_begin < byte) {
            continue;  // inside a character already written (a folding that expanded)
        }
        out += html_escape(text.substr(byte, mark_begin - byte));
        out += "<mark>";
        out += html_escape(text.substr(mark_begin, mark_end - mark_begin));
        out += "</mark>";
        byte = mark_end;
    }
    const auto stop = folded.end[to - 1];
    if (stop > byte) {
        out += html_escape(text.substr(byte, stop - byte));
    }
    if (to < n) {
        out += "…";
    }
    return out;
}

}  // namespace zhaoyin::search
