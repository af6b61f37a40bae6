#include "service/intake/duplicates.hpp"

#include <cctype>
#include <set>
#include <vector>

namespace zhaoyin::service::intake {

namespace {

// Characters of a UTF-8 string, for comparing names whatever their script.
std::vector<std::string> characters(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        std::string c = text.substr(i, length);
        if (c != " ") {
            out.push_back(c.size() == 1 ? std::string(1, char(std::tolower(lead))) : c);
        }
        i += length;
    }
    return out;
}

}  // namespace

double similarity(const std::string& a, const std::string& b) {
    const auto bigrams = [](const std::string& text) {
        const auto chars = characters(text);
        std::multiset<std::string> out;
        for (std::size_t i = 0; i + 1 < chars.size(); ++i) {
            out.insert(chars[i] + chars[i + 1]);
        }
        return out;
    };
    const auto x = bigrams(a);
    auto y = bigrams(b);
    if (x.empty() || y.empty()) {
        return a == b ? 1.0 : 0.0;
    }
    std::size_t shared = 0;
    for (const auto& g : x) {
        if (const auto found = y.find(g); found != y.end()) {
            ++shared;
            y.erase(found);
        }
    }
    return 2.0 * double(shared) / double(x.size() + bigrams(b).size());
}

std::optional<std::string> duplicate_reason(const duplicate_key& a, const duplicate_key& b) {
    if (a.credit_code && a.credit_code == b.credit_code) {
        return "credit_code";
    }
    // A record without a title (a leader meeting names only the company) is compared by company.
    const bool titled = !a.title.empty() && !b.title.empty();
    if (similarity(a.company, b.company) >= 0.8 &&
        (!titled || similarity(a.title, b.title) >= 0.6)) {
        return titled ? "similar_names" : "similar_company";
    }
    return std::nullopt;
}

}  // namespace zhaoyin::service::intake
