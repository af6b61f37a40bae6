#pragma once

#include <string>
#include <string_view>

namespace zhaoyin {

// Rich text from publishing units, made safe to show on the portal. The input is tokenised the
// way the HTML standard does (tags, attributes in any quoting, comments, bogus comments, raw
// text elements, character references) and written out again from an allow-list:
//   p br strong b em i u ul ol li h2 h3 h4 blockquote table thead tbody tr th td a img
// `a` keeps href when it is http, https, mailto, tel or relative, and gets
// rel="noopener noreferrer"; `img` is kept only with an https src (and its alt); table cells
// keep small numeric colspan/rowspan. script, style, iframe, object, svg, math and the like go
// with their content; other elements go and leave their text. Every text and attribute value is
// escaped again, character references are decoded once and written as UTF-8, invalid UTF-8
// becomes U+FFFD, and every element left open is closed. Whatever the input, the output has no
// markup outside the allow-list.
std::string sanitize_html(std::string_view html);

// Plain text as HTML text (& < > " ' escaped), for markup built on the server.
std::string html_escape(std::string_view text);

// The text of (sanitised or not) HTML, tags removed, references decoded, block boundaries as
// one space: what search indexes and snippets quote.
std::string html_text(std::string_view html);

}  // namespace zhaoyin
