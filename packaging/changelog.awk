# CHANGELOG.md (Keep a Changelog) -> the Debian changelog entry of this version
# (Debian Policy 4.4: "package (version) distribution; urgency=..." then "  * change"
# lines, wrapped before column 80, and " -- maintainer  date").
# The entry's changes are the items of the section "## [VERSION]", or of
# "## [Unreleased]" when the version has no section yet. Sub-headings (### Added) are
# dropped; an item's continuation lines are joined to it.
# Usage: awk -v version=V -v maintainer='N <E>' -v date='RFC 2822 date' -f changelog.awk CHANGELOG.md
function flush() {
  if (item != "" && section > 0) items[section, ++count[section]] = item
  item = ""
}
function wrap(text,    n, i, line, words) {
  n = split(text, words, " ")
  line = "  *"
  for (i = 1; i <= n; i++) {
    if (length(line) + 1 + length(words[i]) > 78 && line != "  *" && line != "   ") {
      print line
      line = "   "
    }
    line = line " " words[i]
  }
  print line
}
/^## / {
  flush()
  if (index($0, "[" version "]")) section = 1
  else if (index($0, "[Unreleased]")) section = 2
  else section = 0
  next
}
section == 0 { next }
/^### / { flush(); next }
/^[-*] / { flush(); item = substr($0, 3); next }
/^[ \t]+[^ \t]/ { if (item != "") { sub(/^[ \t]+/, ""); item = item " " $0 }; next }
/^[ \t]*$/ { flush(); next }
END {
  flush()
  chosen = count[1] > 0 ? 1 : 2
  print "collab (" version ") unstable; urgency=medium"
  print ""
  for (i = 1; i <= count[chosen]; i++) wrap(items[chosen, i])
  if (count[chosen] == 0) print "  * Release " version "."
  print ""
  print " -- " maintainer "  " date
}
