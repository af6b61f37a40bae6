#pragma once

#include <optional>
#include <string>

namespace zhaoyin::service::intake {

// What two records (intents, key projects, meetings, events) are compared by.
struct duplicate_key {
    std::optional<std::string> credit_code;
    std::string company;
    std::string title;
};

// Why `a` probably repeats `b`: "credit_code" (the same unified social credit code), or
// "similar_names" (a very similar company and a similar title), "similar_company" (a very
// similar company, when either has no title); nullopt when they differ. The one duplicate test of
// intake and dispatch.
std::optional<std::string> duplicate_reason(const duplicate_key& a, const duplicate_key& b);

// Dice similarity of character bigrams: 1 for the same text, near 0 for unrelated text.
double similarity(const std::string& a, const std::string& b);

}  // namespace zhaoyin::service::intake
