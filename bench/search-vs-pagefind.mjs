// Keel's search against Pagefind on the same built site: top-5 hit rate on the query sets of
// tests/search-queries, and bytes fetched by each query (cold cache), both through a browser.
// Usage: node bench/search-vs-pagefind.mjs SITE_OUTPUT   (Pagefind must have indexed it:
//   bench/pagefind/node_modules/.bin/pagefind --site SITE_OUTPUT; see bench/README.md)
import { readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";
import { serve } from "../tests/browser/harness.mjs";

const out = resolve(process.argv[2]);
const queriesDir = resolve(import.meta.dirname, "../tests/search-queries");
const srv = await serve(out);
const browser = await chromium.launch({
  executablePath: process.env.KEEL_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const norm = (u) => new URL(u, srv.url).pathname.replace(/index\.html$/, "").replace(/^\//, "");

async function keel(p, q) {
  const found = await p.evaluate((t) => window.KeelSearchQuery(t), q);
  return found.slice(0, 5).map((r) => norm(r.path));
}
async function pagefind(p, q) {
  return p.evaluate(async (t) => {
    window.pf = window.pf || await import("/pagefind/pagefind.js");
    const r = await window.pf.search(t);
    const data = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
    return data.map((d) => d.url);
  }, q).then((urls) => urls.map(norm));
}

for (const lang of ["en", "he", "pl"]) {
  const file = join(queriesDir, `${lang}.txt`);
  if (!existsSync(file)) continue;
  const list = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.split("\t"));
  const row = [];
  for (const [name, run, marker] of [["keel", keel, "/search/"], ["pagefind", pagefind, "/pagefind/"]]) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${srv.url}${lang}/index.html`);
    let hits = 0;
    for (const [q, want] of list) {
      const top = await run(p, q);
      if (top.includes(`${lang}/${want.trim().replace(/\/?$/, "/")}`)) hits++;
    }
    await ctx.close();
    // Bytes of one cold query: a fresh context, the first query of the set.
    const cold = await browser.newContext();
    const c = await cold.newPage();
    let bytes = 0;
    c.on("response", async (r) => {
      if (r.url().includes(marker)) bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
    });
    await c.goto(`${srv.url}${lang}/index.html`);
    await run(c, list[0][0]);
    await c.waitForTimeout(300);
    await cold.close();
    row.push(`${name} ${hits}/${list.length} (${(100 * hits / list.length).toFixed(1)} %), first query ${(bytes / 1024).toFixed(0)} KiB`);
  }
  console.log(`${lang}: ${row.join(" | ")}`);
}
await browser.close();
await srv.close();
