#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/html_sanitizer.hpp"

namespace zhaoyin {
namespace {

std::vector<std::string> xss_payloads() {
    std::ifstream file(std::string(ZHAOYIN_TEST_DATA) + "/xss_payloads.txt");
    std::vector<std::string> out;
    for (std::string line; std::getline(file, line);) {
        if (!line.empty() && line.front() != '#') {
            out.push_back(line);
        }
    }
    return out;
}

std::string unescaped(std::string value) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
        for (auto at = value.find(from); at != std::string::npos; at = value.find(from, at)) {
            value.replace(at, from.size(), to);
            at += to.size();
        }
    }
    return value;
}

// Why the sanitised HTML is unsafe, or empty. Every '<' must open an allowed tag written the
// sanitiser's way (lower case, double-quoted allowed attributes), and every URL must be one the
// allow-list permits; text may hold no '<' or '>' at all.
std::string unsafe_because(const std::string& html) {
    static const std::map<std::string, std::set<std::string>> allowed{
        {"p", {}},
        {"br", {}},
        {"strong", {}},
        {"b", {}},
        {"em", {}},
        {"i", {}},
        {"u", {}},
        {"ul", {}},
        {"ol", {}},
        {"li", {}},
        {"h2", {}},
        {"h3", {}},
        {"h4", {}},
        {"blockquote", {}},
        {"table", {}},
        {"thead", {}},
        {"tbody", {}},
        {"tr", {}},
        {"th", {"colspan", "rowspan"}},
        {"td", {"colspan", "rowspan"}},
        {"a", {"href", "rel", "title"}},
        {"img", {"src", "alt"}}};
    static const std::regex tag(R"(^<(/?)([a-z0-9]+)((?: [a-z]+="[^"<>]*")*)>)");
    static const std::regex attribute(R"re( ([a-z]+)="([^"]*)")re");
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '>') {
            return "a bare '>' in text";
        }
        if (html[i] != '<') {
            continue;
        }
        std::smatch m;
        const std::string rest = html.substr(i);
        if (!std::regex_search(rest, m, tag)) {
            return "a '<' that is no allowed tag: " + rest.substr(0, 40);
        }
        const auto found = allowed.find(m[2].str());
        if (found == allowed.end()) {
            return "element " + m[2].str();
        }
        const std::string attrs = m[3].str();
        for (std::sregex_iterator a(attrs.begin(), attrs.end(), attribute), end; a != end; ++a) {
            const auto name = (*a)[1].str();
            const auto value = unescaped((*a)[2].str());
            if (!found->second.contains(name)) {
                return "attribute " + name + " on " + m[2].str();
            }
            std::string lowered;
            for (const char c : value) {
                lowered += char(std::tolower(static_cast<unsigned char>(c)));
            }
            const auto colon = lowered.find(':');
            const bool has_scheme =
                colon != std::string::npos && lowered.find_first_of("/?#") > colon;
            if (name == "href" && has_scheme && !lowered.starts_with("http:") &&
                !lowered.starts_with("https:") && !lowered.starts_with("mailto:") &&
                !lowered.starts_with("tel:")) {
                return "link " + value;
            }
            if (name == "src" && !lowered.starts_with("https://")) {
                return "image " + value;
            }
            if (name == "rel" && value != "noopener noreferrer") {
                return "rel " + value;
            }
            for (const char c : value) {
                if (static_cast<unsigned char>(c) < 0x20 && (name == "href" || name == "src")) {
                    return "control character in " + name;
                }
            }
        }
        i += std::size_t(m.length(0)) - 1;
    }
    return "";
}

TEST(HtmlSanitizer, EveryStoredXssPayloadComesOutHarmlessAndStable) {
    const auto payloads = xss_payloads();
    ASSERT_GE(payloads.size(), 40U);
    for (const auto& payload : payloads) {
        const auto clean = sanitize_html(payload);
        EXPECT_EQ(unsafe_because(clean), "") << payload << "\n→ " << clean;
        EXPECT_EQ(sanitize_html(clean), clean) << "not stable: " << payload;
        for (const char* word : {"script", "onerror", "onload", "javascript:", "<svg", "<iframe",
                                 "<style", "<object", "<embed", "<math", "<base", "<meta"}) {
            const bool as_markup = std::string(word).starts_with("<") ||
                                   clean.find(std::string(word) + "=") != std::string::npos ||
                                   clean.find("=\"" + std::string(word)) != std::string::npos;
            if (as_markup) {
                EXPECT_EQ(clean.find(word), std::string::npos) << payload << "\n→ " << clean;
            }
        }
    }
}

TEST(HtmlSanitizer, DangerousPartsGoAndTheRestStays) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>"},
        {"<script>alert(1)</script>ok", "ok"},
        {"<SCRIPT>alert(1)</SCRIPT >after", "after"},
        {"<img src=x onerror=alert(1)>", ""},
        {"<a href=\" jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"},
        {"<a href=\"https://qingdao.example/x?a=1&amp;b=2\" onclick=\"x\">t</a>",
         "<a href=\"https://qingdao.example/x?a=1&amp;b=2\" rel=\"noopener noreferrer\">t</a>"},
        {"<a href=/policies/3 target=_blank>rel</a>",
         "<a href=\"/policies/3\" rel=\"noopener noreferrer\">rel</a>"},
        {"<a href='mailto:invest@qingdao.example'>m</a>",
         "<a href=\"mailto:invest@qingdao.example\" rel=\"noopener noreferrer\">m</a>"},
        {"<a href=\"tel:0532-85911000\">t</a>",
         "<a href=\"tel:0532-85911000\" rel=\"noopener noreferrer\">t</a>"},
        {"<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"},
        {"<p>a<p>b", "<p>a</p><p>b</p>"},
        {"<p>a<ul><li>x</ul>", "<p>a</p><ul><li>x</li></ul>"},
        {"<table><td>x<td>y</table>", "<table><tr><td>x</td><td>y</td></tr></table>"},
        {"<table><thead><tr><th colspan=2 style=x>h</th></tr></thead><tbody><tr><td "
         "rowspan=\"3\" colspan=\"x\">c</td></tr></tbody></table>",
         "<table><thead><tr><th colspan=\"2\">h</th></tr></thead><tbody><tr><td "
         "rowspan=\"3\">c</td></tr></tbody></table>"},
        {"<td>stray</td><tr>row</tr>", "strayrow"},
        {"&lt;script&gt; &amp; 5 > 3", "&lt;script&gt; &amp; 5 &gt; 3"},
        {"&copy 2026 &unknown; &#x4E2D;&#22269; &#0; &#x110000;",
         "© 2026 &amp;unknown; 中国 \xEF\xBF\xBD \xEF\xBF\xBD"},
        {"<div style=\"color:red\"><span>text</span></div>", "text"},
        {"<!-- <script>x</script> -->y", "y"},
        {"<b>unclosed <i>too", "<b>unclosed <i>too</i></b>"},
        {"<b>a</i>b</b>c</b>", "<b>ab</b>c"},
        {"<img src=\"https://x.example/a.png\" alt='A\"B' width=1>",
         "<img src=\"https://x.example/a.png\" alt=\"A&quot;B\">"},
        {"<img src=\"http://x.example/a.png\">", ""},
        {"<a href=\"https://a.example/\"><a href=\"https://b.example/\">b</a>",
         "<a href=\"https://a.example/\" rel=\"noopener noreferrer\"></a><a "
         "href=\"https://b.example/\" rel=\"noopener noreferrer\">b</a>"},
        {"<h2>a<h3>b</h3>", "<h2>a</h2><h3>b</h3>"},
        {"<blockquote><p>q</blockquote>", "<blockquote><p>q</p></blockquote>"},
        // An overlong '<' is two bad bytes, each replaced.
        {"x\xC0\xBCscript", "x\xEF\xBF\xBD\xEF\xBF\xBDscript"},
        {"line\r\nbreak\rhere", "line\nbreak\nhere"},
        {"a < b and c<3", "a &lt; b and c&lt;3"},
        {"<svg/><p>after svg</p>", "<p>after svg</p>"},
        {"<p title=\"unterminated>never", ""},
        {"<br/><BR>", "<br><br>"},
        {"<p>中文<strong>加粗</strong></p>", "<p>中文<strong>加粗</strong></p>"},
    };
    for (const auto& [in, expected] : cases) {
        EXPECT_EQ(sanitize_html(in), expected) << in;
    }
}

// A hostile body of the largest size a document takes must not make the server work for long:
// deep nesting, endless attributes and unclosed comments stay linear.
TEST(HtmlSanitizer, PathologicalBodiesAreCappedAndALargePolicyStaysClean) {
    std::string nested;
    for (int i = 0; i < 30000; ++i) {
        nested += "<b>";
    }
    for (int i = 0; i < 30000; ++i) {
        nested += "<p>x";
    }
    const auto deep = sanitize_html(nested);
    EXPECT_EQ(std::count(deep.begin(), deep.end(), '<') % 2, 0);  // every tag opened is closed
    EXPECT_EQ(sanitize_html(deep), deep);
    std::string attributes = "<p";
    for (int i = 0; i < 20000; ++i) {
        attributes += " a" + std::to_string(i) + "=1";
    }
    attributes += ">y</p>";
    const auto many = sanitize_html(attributes);
    EXPECT_EQ(many, "<p>y</p>");
    const auto comment = sanitize_html("<!--" + std::string(200000, '-'));
    EXPECT_EQ(comment, "");

    // A long policy: 200 KB of paragraphs, lists, tables and links.
    std::string policy;
    while (policy.size() < 200 * 1024) {
        policy +=
            "<h3>第一条 支持对象</h3><p>对新落户的<strong>集成电路</strong>企业，按首年研发投入的 "
            "20% 给予奖励，详见<a href=\"https://example.gov.cn/p?id=1&amp;x=2\">通知</a>。"
            "</p><ul><li>设计</li><li>制造</li></ul><table><tr><td>项目</td><td>标准"
            "</td></tr></table>";
    }
    const auto large = sanitize_html(policy);
    EXPECT_EQ(unsafe_because(large), "");
}

TEST(HtmlSanitizer, TextOfHtmlDropsMarkupAndKeepsWordsApart) {
    EXPECT_EQ(html_text("<p>集成电路</p><p>政策</p><script>var x</script>"), "集成电路 政策");
    EXPECT_EQ(html_text("<b>Qing</b>dao &amp; <i>Lao</i>shan<br>area"), "Qingdao & Laoshan area");
    EXPECT_EQ(html_text("  <ul><li>a</li>\n<li>b</li></ul>  "), "a b");
    EXPECT_EQ(html_escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

}  // namespace
}  // namespace zhaoyin
