// Search at scale: bytes a first query fetches (cold cache), and the top-5 hit rate of a query
// set, on a built site, through the theme's own search code in Chromium.
// Usage: node bench/search.mjs OUTPUT_DIR [queries-dir]
//   with queries-dir (tests/search-queries), also the hit rate of its queries.
import { readFileSync, statSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";

const [out, qdir] = process.argv.slice(2).map((p) => p && resolve(p));
const browser = await chromium.launch({
  executablePath: process.env.KEEL_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
const QUERIES = {
  en: ["payment outage", "customers charged twice", "supplier", "refund", "checkout down"],
  pl: ["awaria płatności", "zwrot pieniędzy", "przewoźnik", "dostawca", "klienci"],
  he: ["תשלומים", "החזר כספי", "ספק", "משלוח", "לקוחות"],
};
const bytesOf = (url) => {
  try {
    return statSync(fileURLToPath(url)).size;
  } catch {
    return 0;
  }
};
for (const lang of ["en", "he", "pl"]) {
  const sizes = [];
  for (const q of QUERIES[lang]) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const urls = new Set();
    p.on("request", (r) => { if (r.url().includes("/search/")) urls.add(r.url()); });
    await p.goto(pathToFileURL(join(out, lang, "index.html")).href);
    await p.evaluate((t) => window.KeelSearchQuery(t), q);
    sizes.push([...urls].reduce((n, u) => n + bytesOf(u), 0));
    await ctx.close();
  }
  const kib = sizes.map((b) => (b / 1024).toFixed(0));
  let line = `${lang}: KiB fetched per first query: ${kib.join(", ")} (max ${Math.max(...sizes.map((b) => b / 1024)).toFixed(0)})`;
  const file = qdir && join(qdir, `${lang}.txt`);
  if (file && existsSync(file)) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(pathToFileURL(join(out, lang, "index.html")).href);
    const list = readFileSync(file, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
    let hits = 0;
    for (const l of list) {
      const [q, want] = l.split("\t");
      const path = `${lang}/${want.trim().replace(/\/?$/, "/")}index.html`;
      const found = await p.evaluate((t) => window.KeelSearchQuery(t), q);
      if (found.slice(0, 5).some((r) => r.path === path)) hits++;
    }
    line += `; top-5 hit rate ${hits}/${list.length} (${(100 * hits / list.length).toFixed(1)} %)`;
    await ctx.close();
  }
  console.log(line);
}
await browser.close();
