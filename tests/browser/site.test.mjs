// The site `collab site` writes, in Debian's headless Chromium driven by playwright-core
// (pinned in package-lock.json, test-only; installed by `scripts/setup --test` with npm ci).
// Checks issue 19's "Done when": every internal link resolves; no console message and no
// network request; searching a CJK name and a short name finds the partner; sorting a list
// works; no page scrolls sideways at 1280 px; axe-core finds no serious or critical
// violation; the expiring report printed to PDF holds every due agreement.
//
// Usage: node site.test.mjs COLLAB_BINARY STORE TODAY WORK_DIR
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [collab, store, today, work] = process.argv.slice(2);
if (!work) {
  console.error("usage: node site.test.mjs COLLAB STORE TODAY WORK_DIR");
  process.exit(2);
}

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.error("FAIL: " + what);
  }
}

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const site = path.join(work, "site");
const env = { PATH: process.env.PATH, LANG: "C.UTF-8", HOME: work };
const built = spawnSync(collab, ["--store", store, "--today", today, "site", site], { env, encoding: "utf8" });
if (built.status !== 0) {
  console.error("collab site failed: " + built.stderr);
  process.exit(1);
}
const siteUrl = pathToFileURL(site).href + "/";

// Every page of the site.
const pages = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".html")) pages.push(path.relative(site, full));
  }
})(site);

// A fresh profile folder (playwright passes it as --user-data-dir).
const context = await chromium.launchPersistentContext(path.join(work, "profile"), {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 800 },
});
const page = await context.newPage();
const problems = [];
page.on("console", (m) => problems.push("console " + m.type() + ": " + m.text()));
page.on("pageerror", (e) => problems.push("page error: " + e.message));
page.on("request", (r) => {
  const url = r.url();
  // A page may load only itself (the navigation); anything else is a request it made.
  if (!url.startsWith(siteUrl) || !r.isNavigationRequest())
    problems.push("request: " + url);
});

const seenLinks = new Set();
for (const rel of pages) {
  const url = siteUrl + rel.split(path.sep).join("/");
  problems.length = 0;
  await page.goto(url);
  check(problems.length === 0, rel + ": " + problems.join("; "));

  // Internal links resolve to files of the site (external ones are records' web addresses).
  // (SVG links too: their href is an attribute, resolved against the page.)
  const hrefs = await page.$$eval("a[href]", (as) =>
    as.map((a) => new URL(a.getAttribute("href"), document.baseURI).href));
  for (const href of hrefs) {
    if (!href.startsWith("file:")) {
      check(/^https?:/.test(href), rel + ": link " + href);
      continue;
    }
    const target = fileURLToPath(href.split("#")[0].split("?")[0]);
    if (seenLinks.has(target)) continue;
    seenLinks.add(target);
    check(target.startsWith(site + path.sep) && fs.existsSync(target), rel + ": broken link " + href);
  }
  const rawHrefs = await page.$$eval("a[href], form[action]", (els) =>
    els.map((e) => e.getAttribute("href") ?? e.getAttribute("action")));
  for (const raw of rawHrefs) {
    check(!raw.startsWith("/") && !raw.startsWith("file:"), rel + ": link not relative: " + raw);
  }

  // No horizontal scrolling at 1280 px, neither the page nor any element in it.
  const wide = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth)
      out.push("page " + document.documentElement.scrollWidth);
    for (const el of document.querySelectorAll("body *")) {
      const s = getComputedStyle(el);
      if ((s.overflowX === "auto" || s.overflowX === "scroll") && el.scrollWidth > el.clientWidth)
        out.push(el.tagName + " " + el.scrollWidth);
    }
    return out;
  });
  check(wide.length === 0, rel + ": scrolls sideways at 1280 px: " + wide.join(", "));

  // axe-core: no serious or critical violation.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, rel + ": axe: " + bad.map((v) => v.id + " (" + v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ") + ")").join("; "));
}
check(pages.includes(path.join("partners", "zju.html")), "a page per partner");
for (const report of ["summary", "expiring", "timeline", "areas", "mobility"])
  check(pages.includes(path.join("reports", report + ".html")), "report page " + report);

// Search: a CJK name (native_name), a short name and an alias find the partner.
async function search(q) {
  await page.goto(siteUrl + "search.html?q=" + encodeURIComponent(q));
  return await page.$$eval("#hits a", (as) => as.map((a) => a.getAttribute("href")));
}
check((await search("浙江大学"))[0] === "partners/zju.html", "search 浙江大学 finds zju first");
check((await search("浙江")).includes("partners/zju.html"), "search 浙江 finds zju");
check((await search("SAHZU"))[0] === "partners/zju-sah.html", "search the short name SAHZU");
check((await search("fah"))[0] === "partners/zju-fah.html", "search the short name fah (any case)");
check((await search("Zheyi Hospital")).includes("partners/zju-fah.html"), "search an alias");
// The box on every page leads to the search page with the query.
await page.goto(siteUrl + "index.html");
await page.fill("nav form input[name=q]", "TUM");
await page.press("nav form input[name=q]", "Enter");
await page.waitForURL(/search\.html\?q=TUM/);
check((await page.$$eval("#hits a", (as) => as.map((a) => a.getAttribute("href"))))[0] === "partners/tum.html",
      "the search box of a page finds TUM");

// Sorting a list: a click on "name" sorts ascending, a second descending; the filter box.
await page.goto(siteUrl + "partners/index.html");
const names = async () => await page.$$eval("table.sortable tbody tr", (rows) => rows.map((r) => r.cells[1].textContent.trim()));
await page.click("table.sortable th:nth-child(2) button");
const up = await names();
check(JSON.stringify(up) === JSON.stringify([...up].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))), "sorting by name ascending: " + up.join(" | "));
await page.click("table.sortable th:nth-child(2) button");
const down = await names();
check(JSON.stringify(down) === JSON.stringify([...up].reverse()), "sorting by name descending");
check((await page.getAttribute("table.sortable th:nth-child(2)", "aria-sort")) === "descending", "aria-sort says descending");
await page.fill("#filter", "Zhejiang");
const visible = await page.$$eval("table.sortable tbody tr", (rows) => rows.filter((r) => !r.hidden).length);
check(visible >= 1 && visible < up.length, "the filter box hides rows (" + visible + " shown)");

// Printing the expiring report: every due agreement's id is in the PDF's text.
await page.goto(siteUrl + "reports/expiring.html");
const due = await page.$$eval("#expiring table tbody tr", (rows) => rows.map((r) => {
  const heads = [...r.closest("table").tHead.rows[0].cells].map((c) => c.textContent);
  return r.cells[heads.indexOf("id")].textContent.trim();
}));
check(due.length > 0, "the expiring report lists agreements due for a decision");
await page.emulateMedia({ media: "print" });
const pdf = path.join(work, "expiring.pdf");
await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true, displayHeaderFooter: false });
const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
check(text.status === 0, "pdftotext reads the PDF: " + text.stderr);
const flat = (text.stdout || "").replace(/\s+/g, "");
for (const id of due) check(flat.includes(id.replace(/\s+/g, "")), "the printed expiring report holds " + id);
check((text.stdout || "").includes("page 1 of"), "printed pages are numbered");
const letter = path.join(work, "expiring-letter.pdf");
await page.pdf({ path: letter, format: "Letter" });
check(fs.statSync(letter).size > 1000, "prints on Letter too");

await context.close();
console.log(failures === 0 ? `ok: ${pages.length} pages` : `${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
