// Escaping record text for the markup languages collab writes: Markdown tables and XML.
#pragma once
#include <string>
#include <string_view>

namespace collab {

// Markdown table cell text: pipes escaped, line breaks as <br>, and & < > as entities so no
// record text becomes HTML in a rendered page.
std::string markdown_cell(std::string_view text);

// & < > " ' as entities: every string from a record goes through this in HTML.
std::string escape_html(std::string_view text);

// XML 1.0 text or attribute value: & < > " ' as entities; characters XML 1.0 cannot hold
// (controls other than tab and line breaks, invalid UTF-8) become U+FFFD.
std::string escape_xml(std::string_view text);

// A file path as a URI reference: unreserved characters and '/' stay, the rest is
// percent-encoded (SARIF artifact locations are URIs).
std::string uri_path(std::string_view path);

}  // namespace collab
