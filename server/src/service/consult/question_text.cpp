#include "service/consult/question_text.hpp"

#include <regex>

namespace zhaoyin::service::consult {

namespace {

bool continues_character(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0U) == 0x80U;
}

}  // namespace

std::size_t code_points(const std::string& text) {
    std::size_t count = 0;
    for (const char byte : text) {
        count += continues_character(byte) ? 0 : 1;
    }
    return count;
}

std::string excerpt(const std::string& text, std::size_t max) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!continues_character(text[i]) && seen++ == max) {
            return text.substr(0, i) + "…";
        }
    }
    return text;
}

std::string anonymise(const std::string& text, const std::vector<std::string>& names) {
    // A number is matched only where no digit comes right before or after it, so that amounts
    // and dates are left alone; the character before it is kept ($1).
    static const std::regex phone(
        R"((^|[^0-9])(\+?86[- ]?)?(1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}|\(?0[0-9]{2,3}\)?[- ]?[0-9]{7,8}|[48]00[- ]?[0-9]{3}[- ]?[0-9]{4})(?![0-9]))");
    static const std::regex email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})");
    std::string out = std::regex_replace(text, email, "***");
    out = std::regex_replace(out, phone, "$1***");
    for (const auto& name : names) {
        if (name.empty()) {
            continue;
        }
        for (auto at = out.find(name); at != std::string::npos; at = out.find(name, at + 3)) {
            out.replace(at, name.size(), "***");
        }
    }
    return out;
}

}  // namespace zhaoyin::service::consult
