// The text edits of `collab mv` (issue 17): every reference to a renamed record rewritten in
// place, as the smallest edit that changes it (the id's characters only), so comments, quoting
// and layout stay as they were. Pure: text and its parse in, text out; no disk.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/record.h"

namespace collab {

struct RenameEdit {
    std::string text;                    // the edited text (== the input when nothing named it)
    int replaced = 0;                    // how many scalars were rewritten
    std::optional<std::string> problem;  // why the edit was refused; the file stays as it is
};

// Rewrites, in `text` (whose parse is `record`), every reference to the `target` record
// `old_id` (found through the field tables by model/refs.h: flow and block lists, nested
// fields) to `new_id`, and the record's own `id:` when `own` (it is the renamed record) and it
// has one. Each edit replaces exactly the id's bytes at the scalar's position (after its quote,
// if quoted); `new_id` must be a valid id (model/values.h is_id), which needs no quoting in any
// YAML style. The result is parsed again and must mean the same except for those scalars, else
// `problem` says why.
RenameEdit rename_references(std::string_view text, const Record& record, Kind target,
                             std::string_view old_id, std::string_view new_id, bool own);

// The same edit for the scalars at `marks` of any YAML text whose parse is `root` (collab.yaml's
// `home`, a reference outside the records): each must hold `old_id`.
RenameEdit rename_scalars(std::string_view text, const Node& root, const std::vector<Mark>& marks,
                          std::string_view old_id, std::string_view new_id);

}  // namespace collab
