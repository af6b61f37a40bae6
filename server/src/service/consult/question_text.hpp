#pragma once

#include <cstddef>
#include <string>
#include <vector>

// Text handling for consultations: questions are limited in characters (not bytes), shown
// shortened in notices, and anonymised before they are published as an FAQ.
namespace zhaoyin::service::consult {

// Characters (Unicode code points) in UTF-8 text.
std::size_t code_points(const std::string& text);

// At most `max` characters of the text, cut at a character boundary, with "…" when cut.
std::string excerpt(const std::string& text, std::size_t max);

// The text with what identifies the asker removed: phone numbers (mobile, landline, 400/800),
// e-mail addresses and each of `names` (the asker's name and company) become "***".
std::string anonymise(const std::string& text, const std::vector<std::string>& names);

}  // namespace zhaoyin::service::consult
