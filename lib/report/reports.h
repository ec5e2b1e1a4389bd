// The reports of `collab report`, each built from a Scope into the Report model.
#pragma once
#include <optional>
#include <string_view>

#include "report/report.h"
#include "report/scope.h"

namespace collab {

// The builders; `collab report NAME` finds them through report/registry.h.
Report summary_report(const Scope& scope);
Report expiring_report(const Scope& scope, const Duration& window);
Report partner_report(const Scope& scope, const Record& partner);
Report timeline_report(const Scope& scope, std::optional<Date> from, std::optional<Date> to);
Report areas_report(const Scope& scope, bool all_levels);
Report mobility_report(const Scope& scope);
// One row per agreement in scope (by id); `due_or_lapsed` counts those the expiring report
// would list with collab.yaml's window.
Report register_report(const Scope& scope);

}  // namespace collab
