// Sorting text as people read it: Unicode collation (ICU, UTS #10 with CLDR's root order),
// so "Álvaro", "Ångström" and "École" sort among the A's and E's, not after "Zacarías".
#pragma once
#include <string>
#include <string_view>

namespace collab {

// The locale whose collation sorts text: the one LC_ALL, else LC_COLLATE, else LANG names
// (POSIX precedence; its language and region, e.g. "sv_SE.UTF-8" -> "sv_SE"), or "" for
// ICU's root collator when none is set or it is "C" or "POSIX".
std::string collation_locale();

// A binary key for `text` (UTF-8; invalid sequences are replaced) under the collation of
// `locale` ("" for root): comparing keys byte by byte orders the texts as the collator does.
// Ties between texts that collate equal are left to the caller. Falls back to the text
// itself if ICU cannot open a collator.
std::string collation_key(std::string_view text, const std::string& locale);

}  // namespace collab
