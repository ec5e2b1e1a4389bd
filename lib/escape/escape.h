// One escaping function per output language collab writes. Record text (names, titles,
// notes), file names and the store's own name are untrusted: every renderer passes them
// through its language's function here and builds no output from them any other way, so
// the rule for each language lives in one place (docs/robustness.md lists them).
#pragma once
#include <string>
#include <string_view>

namespace collab {

// Terminal text (text reports, tables, ids, diagnostics): one line, nothing a terminal
// acts on. Invalid UTF-8, C0 controls but tab (ESC, BEL, CR, LF...), DEL and C1 controls
// (ECMA-48 §5: CSI, OSC and the rest start with these), the Unicode bidi controls
// (U+061C, U+200E/F, U+202A-E, U+2066-9; Trojan Source, CVE-2021-42574) and the
// noncharacters U+FFFE/U+FFFF become U+FFFD. A line break becoming U+FFFD means no record
// can start a line of its own, and text that starts with "::" after white space (it may
// start a line: an id, a first column, a note's line) gets U+FF1A for its first colon, so
// none can forge a GitHub workflow command (a runner obeys any log line starting so).
std::string terminal_text(std::string_view text);

// One word for a POSIX shell (POSIX.1-2017, Shell Command Language §2.2.3): returned as it is
// when it holds only characters no shell treats specially (letters, digits, `_ . / - + : , @
// =`), else in single quotes, each `'` written as '\''. For hints that print a command the
// user may paste (a folder named "My Store" becomes 'My Store'); pass the result through
// terminal_text before printing it.
std::string shell_word(std::string_view word);

// Several lines for a terminal (a diff of a file): each line by terminal_text, the LF
// line breaks kept (a CR before one is shown as U+FFFD, so a CRLF line is visible as such).
std::string terminal_lines(std::string_view text);

// Markdown (CommonMark 0.30 and GitHub Flavored Markdown), inline text: renders as the
// literal text, with no emphasis, link, image, autolink, HTML, mention or issue reference.
// Terminal rules first (controls become U+FFFD, line breaks a space); `& < >` as entities
// (no raw HTML, no `<url>` autolink); the ASCII punctuation inline syntax uses
// (\ ` * _ [ ] ! ~ |) and a block marker at the start (# + - = > and `1.`) backslash-escaped
// (CommonMark §2.4, any ASCII punctuation may be); `:` in `://` and the `.` of `www.`
// escaped, which stops GFM's extended autolinks (§6.9); a zero-width space (&#8203;) after
// `@` and before the digits of `#N`, because GitHub finds @mentions, e-mail autolinks and
// issue references in the rendered text, where a backslash no longer is.
std::string markdown_text(std::string_view text);

// Markdown in an inline position (a table cell, a heading's or a list item's text after its
// marker): markdown_text without the block-marker escapes, which only matter where a line
// starts, and with line breaks as <br> (`|` is escaped as always; GFM §4.10).
std::string markdown_cell(std::string_view text);

// A Markdown code span (CommonMark §6.1) holding the text: inside one, Markdown, HTML,
// entities, autolinks and mentions mean nothing, and no backslash escape works either; so
// only the backtick, which could end the span, is swapped for the look-alike U+02CB, and
// controls and line breaks follow the terminal rules (line breaks become a space).
std::string markdown_code(std::string_view text);

// & < > " ' as entities (HTML 5 §13.1.2, OWASP XSS Prevention rules 1 and 2), after the
// terminal rules (controls and line breaks become U+FFFD): every string from a record goes
// through this in HTML, in text and in quoted attribute values alike.
std::string escape_html(std::string_view text);

// A CSS string literal, quoted: `"..."` with every character but ASCII letters, digits, space
// and `-_.,:/` written as a CSS escape `\HEX ` (CSS Syntax 3 §4.3.7; OWASP XSS Prevention
// rule 4), after the terminal rules: inside <style> nothing can end the string, the rule or
// the element (`</style>`). Used for the print header's `content:` (report pages).
std::string css_string(std::string_view text);

// JSON text (already serialised) made safe inside an HTML <script> element (HTML 5 §4.12.1.3,
// "Restrictions for contents of script elements"): `<` `>` `&` as \u003c \u003e \u0026 so no
// `</script>` or `<!--` can appear, and U+2028/U+2029 as \u2028 \u2029 (line terminators in
// older JavaScript). The JSON means the same to a JSON parser.
std::string script_json(std::string_view json_text);

// XML 1.0 text or attribute value: & < > " ' as entities; what the Char production
// (XML 1.0 §2.2: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF])
// excludes (C0 controls, U+FFFE, U+FFFF, lone surrogates, invalid UTF-8), C1 controls and
// bidi controls become U+FFFD. Line breaks stay "\n".
std::string escape_xml(std::string_view text);

// A Mermaid label, quoted: `"..."` with every character Mermaid or the HTML label could
// read as syntax written as a Mermaid entity code (#quot; #35; #amp; #lt; #gt; #37; #96;
// #42; #95;), which Mermaid decodes to the literal character after parsing (Mermaid docs,
// "Entity codes to escape characters"): no `#35;` from a record is decoded, no HTML element,
// no Markdown string (backticks), no `**bold**` or `_em_` (Mermaid 11 formats those even in
// plain labels; found by the hostile-text matrix) and no `%%` directive comes alive. Line
// breaks become spaces.
std::string mermaid_label(std::string_view text);

// Whether a YAML reader could take this plain scalar for something other than a string:
// YAML 1.2 core schema (null, bool, int in base 8/10/16, float, .inf/.nan) and YAML 1.1
// types (y/n/yes/no/on/off, base 2/8/16, base 60 `1:30`, `_` in numbers, timestamps,
// the merge key `<<` and the value key `=`); the empty string and `~` are null.
bool yaml_implicit_non_string(std::string_view text);

// A YAML double-quoted scalar (YAML 1.2 §7.3.1) every YAML 1.1 and 1.2 reader reads back as
// exactly this text: `"` and `\` escaped; line breaks, tab and other controls, NEL, LS, PS,
// the BOM, U+FFFE/U+FFFF and bidi controls as escapes (\n, \t, \x1B, \u0085, \u202E...);
// invalid UTF-8 bytes as U+FFFD.
std::string yaml_quoted(std::string_view text);

// Whether `text` may be written as a plain YAML scalar and read back as this string by a
// YAML 1.1 and 1.2 reader: not empty, no leading/trailing space, no indicator first
// (- ? : , [ ] { } # & * ! | > ' " % @ `), no ": " or " #", no character yaml_quoted
// would escape, and not an implicit non-string (yaml_implicit_non_string).
bool yaml_plain_safe(std::string_view text);

// `text` as a YAML scalar: plain when yaml_plain_safe, else yaml_quoted.
std::string yaml_scalar(std::string_view text);

// Whether a spreadsheet (Excel, LibreOffice Calc, Google Sheets) opening a CSV or TSV file
// would run this cell as a formula (OWASP "CSV Injection"; ASVS 5.0 V1.2.10): it starts,
// after any spaces, with = + - @ TAB CR LF NUL or a full-width ＝ ＋ － ＠. A plain
// number (`-12.5`, `+3`) is data, not a formula, and is not matched.
bool looks_like_formula(std::string_view cell);

// The OWASP neutralisation: a single quote before a cell that looks_like_formula, which
// spreadsheets take as "this is text" and do not show; other cells as they are.
std::string formula_guard(std::string_view cell);

// GitHub Actions workflow command data (actions/toolkit, command.ts escapeData):
// % CR LF as %25 %0D %0A, so a message cannot end the command or start another.
std::string github_command_data(std::string_view text);

// A workflow command property value (command.ts escapeProperty): escapeData plus `:` and
// `,`, which separate properties, as %3A and %2C.
std::string github_command_property(std::string_view text);

// A file path as a URI reference (RFC 3986 §2): unreserved characters and '/' stay, the
// rest is percent-encoded (SARIF artifact locations are URIs).
std::string uri_path(std::string_view path);

}  // namespace collab
