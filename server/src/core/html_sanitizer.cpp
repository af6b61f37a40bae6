#include "core/html_sanitizer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace zhaoyin {

namespace {

// ---- Characters -------------------------------------------------------------------------

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// The length of the well-formed UTF-8 sequence at `i` (no overlong forms, surrogates or values
// past U+10FFFF), or 0. Overlong forms matter: some old parsers read C0 BC as '<'.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return std::uint8_t(s[k]); };
    const auto c = byte(i);
    if (c < 0x80) {
        return 1;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    return overlong || surrogate || cp > 0x10FFFF ? 0 : len;
}

// The input as the tokenizer reads it: valid UTF-8 (bad bytes become U+FFFD), line breaks as
// LF, and no NUL characters.
std::string preprocess(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto len = utf8_sequence(in, i);
        if (len == 0) {
            out += replacement_character;
            ++i;
        } else if (in[i] == '\r') {
            out += '\n';
            i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
        } else if (in[i] == '\0') {
            ++i;
        } else {
            out.append(in.substr(i, len));
            i += len;
        }
    }
    return out;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
    return is_alpha(c) || is_digit(c);
}
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// ---- Character references ---------------------------------------------------------------

struct named_reference {
    std::string_view name;
    std::uint32_t cp;
};

// The references rich text really uses, and those attacks use to hide a scheme (colon, Tab,
// NewLine). An unknown name stays as written (and is escaped as text).
constexpr std::array<named_reference, 62> named_references{{
    {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},     {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014},  {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D},  {"laquo", 0xAB},   {"raquo", 0xBB},   {"middot", 0xB7},  {"bull", 0x2022},
    {"times", 0xD7},    {"divide", 0xF7},  {"deg", 0xB0},     {"plusmn", 0xB1},  {"yen", 0xA5},
    {"euro", 0x20AC},   {"pound", 0xA3},   {"cent", 0xA2},    {"sect", 0xA7},    {"para", 0xB6},
    {"permil", 0x2030}, {"colon", ':'},    {"Tab", '\t'},     {"NewLine", '\n'}, {"lpar", '('},
    {"rpar", ')'},      {"sol", '/'},      {"bsol", '\\'},    {"excl", '!'},     {"num", '#'},
    {"dollar", '$'},    {"percnt", '%'},   {"ast", '*'},      {"plus", '+'},     {"comma", ','},
    {"period", '.'},    {"semi", ';'},     {"equals", '='},   {"quest", '?'},    {"commat", '@'},
    {"lsqb", '['},      {"rsqb", ']'},     {"lowbar", '_'},   {"grave", '`'},    {"lcub", '{'},
    {"rcub", '}'},      {"verbar", '|'},   {"ensp", 0x2002},  {"emsp", 0x2003},  {"thinsp", 0x2009},
    {"shy", 0xAD},      {"zwnj", 0x200C},
}};

// Written without the semicolon in old pages; browsers still read them.
constexpr std::array<std::string_view, 7> legacy_references{"amp",  "lt",   "gt", "quot",
                                                            "nbsp", "copy", "reg"};

// What a numeric reference to 0x80–0x9F means (windows-1252), as the standard says.
constexpr std::array<std::uint32_t, 32> windows_1252{
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

std::uint32_t numeric_code_point(std::uint64_t value) {
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0xFFFD;
    }
    if (value >= 0x80 && value <= 0x9F) {
        return windows_1252.at(value - 0x80);
    }
    return std::uint32_t(value);
}

// Decodes the reference at s[i] == '&' into `out`; returns the characters used (0: a plain
// ampersand).
std::size_t decode_reference(std::string_view s, std::size_t i, bool in_attribute,
                             std::string& out) {
    std::size_t p = i + 1;
    if (p < s.size() && s[p] == '#') {
        ++p;
        const bool hex = p < s.size() && (s[p] == 'x' || s[p] == 'X');
        if (hex) {
            ++p;
        }
        const std::size_t digits_from = p;
        std::uint64_t value = 0;
        while (p < s.size() &&
               (hex ? std::isxdigit(static_cast<unsigned char>(s[p])) != 0 : is_digit(s[p]))) {
            const char c = lower(s[p]);
            const std::uint64_t digit = is_digit(c) ? std::uint64_t(c - '0') : c - 'a' + 10;
            value = std::min<std::uint64_t>(value * (hex ? 16 : 10) + digit, 0x110000);
            ++p;
        }
        if (p == digits_from) {
            return 0;
        }
        if (p < s.size() && s[p] == ';') {
            ++p;
        }
        append_utf8(out, numeric_code_point(value));
        return p - i;
    }
    while (p < s.size() && p - i <= 32 && is_alnum(s[p])) {
        ++p;
    }
    const auto name = s.substr(i + 1, p - i - 1);
    const bool terminated = p < s.size() && s[p] == ';';
    if (!terminated) {
        // Legacy forms only, and in attributes not when more name characters or '=' follow.
        const bool legacy = std::find(legacy_references.begin(), legacy_references.end(), name) !=
                            legacy_references.end();
        const bool continues = p < s.size() && (is_alnum(s[p]) || s[p] == '=');
        if (!legacy || (in_attribute && continues)) {
            return 0;
        }
    }
    for (const auto& ref : named_references) {
        if (ref.name == name) {
            append_utf8(out, ref.cp);
            return p - i + (terminated ? 1 : 0);
        }
    }
    return 0;
}

std::string decode_references(std::string_view s, bool in_attribute) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '&') {
            if (const auto used = decode_reference(s, i, in_attribute, out); used > 0) {
                i += used;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

// ---- Tokenizer --------------------------------------------------------------------------

struct attribute {
    std::string name;   // lower case
    std::string value;  // references decoded
};

struct token {
    enum class kind { text, start_tag, end_tag };
    kind type = kind::text;
    std::string name;  // tags: lower case
    std::string text;  // text: references decoded (raw text as written)
    std::vector<attribute> attributes;
    bool self_closing = false;
};

constexpr std::size_t max_attributes = 16;
// Deeper elements are left out (their text stays): browsers cap nesting too, and the checks that
// walk the open elements stay short whatever the input.
constexpr std::size_t max_depth = 64;

// Elements whose content is not markup: read up to their end tag as one piece of text.
bool is_raw_text(const std::string& name) {
    static const std::set<std::string> raw{"script",  "style",    "xmp",      "iframe",
                                           "noembed", "noframes", "noscript", "textarea",
                                           "title",   "plaintext"};
    return raw.contains(name);
}

// Tokenises HTML as the standard's tokenizer does in the data state; comments, doctypes,
// processing instructions and CDATA sections are skipped as the comments they are in HTML.
class tokenizer {
  public:
    explicit tokenizer(std::string_view in) : in_(in) {}

    std::optional<token> next() {
        while (pos_ < in_.size()) {
            if (!raw_.empty()) {
                auto text = raw_text();
                if (!text.text.empty()) {
                    return text;
                }
                continue;
            }
            if (in_[pos_] != '<') {
                return text_token();
            }
            const char c = at(pos_ + 1);
            if (is_alpha(c)) {
                if (auto tag = tag_token(false)) {
                    return tag;
                }
            } else if (c == '/') {
                const char d = at(pos_ + 2);
                if (is_alpha(d)) {
                    if (auto tag = tag_token(true)) {
                        return tag;
                    }
                } else if (d == '>') {
                    pos_ += 3;  // "</>" is nothing
                } else if (pos_ + 2 >= in_.size()) {
                    pos_ = in_.size();
                    return token{token::kind::text, "", "</", {}, false};
                } else {
                    skip_bogus_comment();
                }
            } else if (c == '!') {
                if (in_.substr(pos_, 4) == "<!--") {
                    skip_comment();
                } else {
                    skip_bogus_comment();
                }
            } else if (c == '?') {
                skip_bogus_comment();
            } else {
                ++pos_;  // a '<' that opens nothing is text
                return token{token::kind::text, "", "<", {}, false};
            }
        }
        return std::nullopt;
    }

  private:
    char at(std::size_t i) const { return i < in_.size() ? in_[i] : '\0'; }

    token text_token() {
        const auto end = std::min(in_.find('<', pos_), in_.size());
        token t{token::kind::text,
                "",
                decode_references(in_.substr(pos_, end - pos_), false),
                {},
                false};
        pos_ = end;
        return t;
    }

    // The content of a raw text element up to "</name" followed by a space, '/' or '>'.
    token raw_text() {
        std::size_t p = pos_;
        std::size_t end = in_.size();
        while (raw_ != "plaintext" && (p = in_.find("</", p)) != std::string_view::npos) {
            std::size_t k = 0;
            while (k < raw_.size() && lower(at(p + 2 + k)) == raw_[k]) {
                ++k;
            }
            const char after = at(p + 2 + raw_.size());
            if (k == raw_.size() && (is_space(after) || after == '/' || after == '>')) {
                end = p;
                break;
            }
            p += 2;
        }
        token t{token::kind::text, "", std::string(in_.substr(pos_, end - pos_)), {}, false};
        pos_ = end;
        raw_.clear();
        return t;
    }

    void skip_comment() {
        const std::size_t body = pos_ + 4;
        if (at(body) == '>') {
            pos_ = body + 1;  // "<!-->"
            return;
        }
        if (at(body) == '-' && at(body + 1) == '>') {
            pos_ = body + 2;  // "<!--->"
            return;
        }
        const auto dashes = in_.find("-->", body);
        const auto bang = in_.find("--!>", body);
        if (dashes == std::string_view::npos && bang == std::string_view::npos) {
            pos_ = in_.size();
        } else if (bang < dashes) {
            pos_ = bang + 4;
        } else {
            pos_ = dashes + 3;
        }
    }

    void skip_bogus_comment() {
        const auto end = in_.find('>', pos_);
        pos_ = end == std::string_view::npos ? in_.size() : end + 1;
    }

    // A start or end tag at pos_; none when the input ends inside it (the standard drops it).
    std::optional<token> tag_token(bool end_tag) {
        token t;
        t.type = end_tag ? token::kind::end_tag : token::kind::start_tag;
        std::size_t p = pos_ + (end_tag ? 2 : 1);
        while (p < in_.size() && !is_space(in_[p]) && in_[p] != '/' && in_[p] != '>') {
            t.name += lower(in_[p++]);
        }
        while (true) {
            while (p < in_.size() && (is_space(in_[p]) || in_[p] == '/')) {
                t.self_closing = in_[p] == '/' && at(p + 1) == '>';
                ++p;
            }
            if (p >= in_.size()) {
                pos_ = in_.size();
                return std::nullopt;
            }
            if (in_[p] == '>') {
                ++p;
                break;
            }
            attribute a;
            a.name += lower(in_[p++]);  // may be '=': then it is part of the name
            while (p < in_.size() && !is_space(in_[p]) && in_[p] != '/' && in_[p] != '>' &&
                   in_[p] != '=') {
                a.name += lower(in_[p++]);
            }
            std::size_t q = p;
            while (q < in_.size() && is_space(in_[q])) {
                ++q;
            }
            if (at(q) == '=') {
                p = q + 1;
                while (p < in_.size() && is_space(in_[p])) {
                    ++p;
                }
                if (at(p) == '"' || at(p) == '\'') {
                    const auto close = in_.find(in_[p], p + 1);
                    if (close == std::string_view::npos) {
                        pos_ = in_.size();
                        return std::nullopt;
                    }
                    a.value = decode_references(in_.substr(p + 1, close - p - 1), true);
                    p = close + 1;
                } else {
                    const std::size_t from = p;
                    while (p < in_.size() && !is_space(in_[p]) && in_[p] != '>') {
                        ++p;
                    }
                    a.value = decode_references(in_.substr(from, p - from), true);
                }
            }
            // The first of two attributes with one name counts; past max_attributes none are
            // kept (no allowed element needs that many), so a tag of thousands stays linear.
            const bool repeated = std::any_of(t.attributes.begin(), t.attributes.end(),
                                              [&](const auto& b) { return b.name == a.name; });
            if (!repeated && t.attributes.size() < max_attributes) {
                t.attributes.push_back(std::move(a));
            }
        }
        pos_ = p;
        if (!end_tag && is_raw_text(t.name)) {
            raw_ = t.name;
        }
        return t;
    }

    std::string_view in_;
    std::size_t pos_ = 0;
    std::string raw_;  // inside this raw text element
};

// ---- Output -----------------------------------------------------------------------------

void append_escaped(std::string& out, std::string_view text, bool attribute) {
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            case '\'':
                out += attribute ? "&#39;" : "'";
                break;
            default:
                out += c;
        }
    }
}

// Elements that leave with everything inside them.
bool drops_content(const std::string& name) {
    static const std::set<std::string> dropped{
        "script",  "style",     "iframe", "object",   "svg",    "math",   "template", "noscript",
        "noembed", "noframes",  "xmp",    "textarea", "title",  "select", "frameset", "applet",
        "head",    "plaintext", "audio",  "video",    "canvas", "map",    "frame",    "button"};
    return dropped.contains(name);
}

bool is_allowed(const std::string& name) {
    static const std::set<std::string> allowed{
        "p",  "br", "strong",     "b",     "em",    "i",     "u",  "ul", "ol", "li", "h2",
        "h3", "h4", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a",  "img"};
    return allowed.contains(name);
}

bool is_block(const std::string& name) {
    static const std::set<std::string> blocks{"p",  "ul", "ol",         "h2",
                                              "h3", "h4", "blockquote", "table"};
    return blocks.contains(name);
}

bool is_table_part(const std::string& name) {
    return name == "table" || name == "thead" || name == "tbody" || name == "tr" || name == "td" ||
           name == "th";
}

// A URL written the way a browser reads it: control characters (tab and newline included,
// which browsers remove anywhere) gone and surrounding spaces trimmed.
std::string cleaned_url(const std::string& value) {
    std::string out;
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7F) {
            out += c;
        }
    }
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) {
        return "";
    }
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

// The URL's scheme in lower case, or empty for a relative URL (no ':' before any of /?#).
std::optional<std::string> scheme_of(const std::string& url) {
    const auto colon = url.find(':');
    if (colon == std::string::npos || url.find_first_of("/?#") < colon) {
        return std::string();
    }
    std::string scheme;
    for (std::size_t i = 0; i < colon; ++i) {
        scheme += lower(url[i]);
    }
    return scheme;
}

bool allowed_link(const std::string& url) {
    const auto scheme = scheme_of(url);
    return !url.empty() && (scheme->empty() || *scheme == "http" || *scheme == "https" ||
                            *scheme == "mailto" || *scheme == "tel");
}

bool allowed_image(const std::string& url) {
    return scheme_of(url) == "https" && url.size() > 8 && url.substr(0, 8) == "https://";
}

const std::string* attribute_value(const token& t, const std::string& name) {
    for (const auto& a : t.attributes) {
        if (a.name == name) {
            return &a.value;
        }
    }
    return nullptr;
}

// Writes allowed elements and text, keeping a stack of open elements so that the output is
// well-formed: implied end tags as the standard's tree builder adds them (a new block closes
// an open p, a new li the previous li, a new cell the previous cell), stray end tags ignored,
// everything closed at the end.
class html_writer {
  public:
    void take(const token& t) {
        if (!skipping_.empty()) {
            skip(t);
            return;
        }
        switch (t.type) {
            case token::kind::text:
                append_escaped(out_, t.text, false);
                break;
            case token::kind::start_tag:
                start(t);
                break;
            case token::kind::end_tag:
                end(t.name);
                break;
        }
    }

    std::string finish() {
        while (!open_.empty()) {
            pop();
        }
        return std::move(out_);
    }

  private:
    void skip(const token& t) {
        if (t.name != skipping_ || t.type == token::kind::text) {
            return;
        }
        if (t.type == token::kind::start_tag && !t.self_closing) {
            ++skip_depth_;
        } else if (t.type == token::kind::end_tag && --skip_depth_ == 0) {
            skipping_.clear();
        }
    }

    void start(const token& t) {
        if (drops_content(t.name)) {
            // A self-closed svg or math has no content to drop.
            if (!t.self_closing || is_raw_text(t.name)) {
                skipping_ = t.name;
                skip_depth_ = 1;
            }
            return;
        }
        if (!is_allowed(t.name)) {
            return;
        }
        if (t.name == "br") {
            out_ += "<br>";
            return;
        }
        if (t.name == "img") {
            image(t);
            return;
        }
        if (open_.size() >= max_depth) {
            return;
        }
        if (is_table_part(t.name) && t.name != "table" && !place_table_part(t.name)) {
            return;
        }
        if (is_block(t.name)) {
            close_if_in_scope("p");
        }
        if ((t.name == "h2" || t.name == "h3" || t.name == "h4") && !open_.empty() &&
            (open_.back() == "h2" || open_.back() == "h3" || open_.back() == "h4")) {
            pop();
        }
        if (t.name == "li") {
            close_previous_item();
        }
        if (t.name == "a") {
            close_if_open("a");  // links do not nest
        }
        out_ += "<" + t.name;
        if (t.name == "a") {
            link_attributes(t);
        } else if (t.name == "td" || t.name == "th") {
            cell_attributes(t);
        }
        out_ += ">";
        open_.push_back(t.name);
    }

    void image(const token& t) {
        const auto* src = attribute_value(t, "src");
        if (src == nullptr || !allowed_image(cleaned_url(*src))) {
            return;
        }
        out_ += "<img src=\"";
        append_escaped(out_, cleaned_url(*src), true);
        out_ += "\"";
        if (const auto* alt = attribute_value(t, "alt")) {
            out_ += " alt=\"";
            append_escaped(out_, *alt, true);
            out_ += "\"";
        }
        out_ += ">";
    }

    void link_attributes(const token& t) {
        if (const auto* href = attribute_value(t, "href")) {
            const auto url = cleaned_url(*href);
            if (allowed_link(url)) {
                out_ += " href=\"";
                append_escaped(out_, url, true);
                out_ += "\" rel=\"noopener noreferrer\"";
            }
        }
        if (const auto* title = attribute_value(t, "title")) {
            out_ += " title=\"";
            append_escaped(out_, *title, true);
            out_ += "\"";
        }
    }

    void cell_attributes(const token& t) {
        for (const char* name : {"colspan", "rowspan"}) {
            const auto* value = attribute_value(t, name);
            if (value != nullptr && !value->empty() && value->size() <= 3 &&
                std::all_of(value->begin(), value->end(), is_digit)) {
                out_ += std::string(" ") + name + "=\"" + *value + "\"";
            }
        }
    }

    // The nearest open table element, or -1.
    int nearest_table_part() const {
        for (int i = int(open_.size()) - 1; i >= 0; --i) {
            if (is_table_part(open_[std::size_t(i)])) {
                return i;
            }
        }
        return -1;
    }

    // Closes what a new table section, row or cell ends and opens the row a cell needs;
    // false when there is no table to put it in.
    bool place_table_part(const std::string& name) {
        const bool cell = name == "td" || name == "th";
        while (true) {
            const int at = nearest_table_part();
            if (at < 0) {
                return false;
            }
            const auto& current = open_[std::size_t(at)];
            if (current == "table" || current == "thead" || current == "tbody") {
                if (name == "thead" || name == "tbody") {
                    if (current != "table") {
                        pop_through(std::size_t(at));
                        continue;
                    }
                } else if (cell) {
                    out_ += "<tr>";
                    open_.push_back("tr");
                }
                return true;
            }
            if (current == "tr" && cell) {
                pop_through(std::size_t(at + 1));  // inline elements left open in the row
                return true;
            }
            pop_through(std::size_t(at));  // a cell, or a row before a new row or section
        }
    }

    // Closes the element and everything opened after it, if it is open before any table
    // boundary (the standard's scope: a paragraph outside a cell is not closed from inside it).
    void close_if_in_scope(const std::string& name) {
        for (std::size_t i = open_.size(); i-- > 0;) {
            if (open_[i] == name) {
                pop_through(i);
                return;
            }
            if (open_[i] == "table" || open_[i] == "td" || open_[i] == "th") {
                return;
            }
        }
    }

    void close_if_open(const std::string& name) {
        const auto found = std::find(open_.rbegin(), open_.rend(), name);
        if (found != open_.rend()) {
            pop_through(std::size_t(open_.rend() - found - 1));
        }
    }

    // A new list item closes the previous one of the same list.
    void close_previous_item() {
        for (std::size_t i = open_.size(); i-- > 0;) {
            if (open_[i] == "li") {
                pop_through(i);
                return;
            }
            if (open_[i] != "p" && open_[i] != "a" && open_[i] != "strong" && open_[i] != "b" &&
                open_[i] != "em" && open_[i] != "i" && open_[i] != "u") {
                return;
            }
        }
    }

    void end(const std::string& name) {
        if (!is_allowed(name) || name == "br" || name == "img") {
            return;
        }
        if (is_table_part(name)) {
            close_if_open(name);
        } else {
            close_if_in_scope(name);
        }
    }

    void pop_through(std::size_t index) {
        while (open_.size() > index) {
            pop();
        }
    }

    void pop() {
        out_ += "</" + open_.back() + ">";
        open_.pop_back();
    }

    std::string out_;
    std::vector<std::string> open_;
    std::string skipping_;  // inside an element that goes with its content
    int skip_depth_ = 0;
};

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    append_escaped(out, text, true);
    return out;
}

std::string sanitize_html(std::string_view html) {
    const auto input = preprocess(html);
    tokenizer tokens(input);
    html_writer writer;
    while (auto t = tokens.next()) {
        writer.take(*t);
    }
    return writer.finish();
}

std::string html_text(std::string_view html) {
    const auto input = preprocess(html);
    tokenizer tokens(input);
    std::string text;
    std::string skipping;
    while (auto t = tokens.next()) {
        if (!skipping.empty()) {
            if (t->type == token::kind::end_tag && t->name == skipping) {
                skipping.clear();
            }
            continue;
        }
        if (t->type == token::kind::text) {
            text += t->text;
        } else if (t->type == token::kind::start_tag && drops_content(t->name) &&
                   (!t->self_closing || is_raw_text(t->name))) {
            skipping = t->name;
        } else if (t->name != "a" && t->name != "strong" && t->name != "b" && t->name != "em" &&
                   t->name != "i" && t->name != "u") {
            text += ' ';  // a block or line boundary separates words
        }
    }
    std::string out;
    for (const char c : text) {
        if (is_space(c)) {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

}  // namespace zhaoyin
