#pragma once

#include <map>
#include <string>
#include <string_view>

namespace zhaoyin {

enum class language { zh_cn, en };

// Picks the language of a reply from an Accept-Language header; zh-CN unless English is preferred.
language language_from_accept(std::string_view accept_language);
std::string_view language_tag(language lang);

// A message to show a person, kept as a key with arguments until the reply's language is known,
// so that services never need to know who reads them.
struct message {
    std::string key;
    std::map<std::string, std::string> args;
};

// Renders a message from the catalogue; "{name}" in the text is replaced by args["name"].
// An unknown key renders as the key itself, which tests catch.
std::string render(const message& msg, language lang);
bool has_message(std::string_view key);

}  // namespace zhaoyin
