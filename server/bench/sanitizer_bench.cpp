// Times the HTML sanitiser on the hostile and large bodies of docs/performance.md: the median of
// many runs per input, printed next to the input's size.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/html_sanitizer.hpp"

namespace {

double median_ms(const std::string& html, int runs) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const auto out = zhaoyin::sanitize_html(html);
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        if (out.size() > html.size() * 2) {
            std::puts("unexpected growth");
        }
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

std::string repeated(const std::string& piece, std::size_t bytes) {
    std::string out;
    while (out.size() < bytes) {
        out += piece;
    }
    return out;
}

}  // namespace

int main() {
    constexpr int runs = 31;
    const std::string nested = repeated("<b>", 90000) + repeated("<p>x", 120000);
    std::string attributes = "<p";
    for (int i = 0; i < 20000; ++i) {
        attributes += " a" + std::to_string(i) + "=1";
    }
    attributes += ">y</p>";
    const std::string comment = "<!--" + std::string(200000, '-');
    const std::string policy = repeated(
        "<h3>第一条 支持对象</h3><p>对新落户的<strong>集成电路</strong>企业，按首年研发投入的 20% "
        "给予奖励，详见<a href=\"https://example.gov.cn/p?id=1&amp;x=2\">通知</a>。</p><ul><li>"
        "设计</li><li>制造</li></ul><table><tr><td>项目</td><td>标准</td></tr></table>",
        200 * 1024);
    const struct {
        const char* name;
        const std::string& html;
    } inputs[] = {{"200 KB policy body", policy},
                  {"30,000 <b> then 30,000 <p>", nested},
                  {"one tag with 20,000 attributes", attributes},
                  {"unclosed 200 KB comment", comment}};
    for (const auto& input : inputs) {
        std::printf("%-34s %8zu bytes  median %.2f ms\n", input.name, input.html.size(),
                    median_ms(input.html, runs));
    }
}
