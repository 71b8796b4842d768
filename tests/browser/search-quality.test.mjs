// Search quality: the queries of tests/search-queries/<lang>.txt (a store worker's words:
// inflected, misspelt, multi-word, synonyms) run through the built index in Chromium, through the
// same code as the search box; the expected page must be in the top 5 for at least 90 % of them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { site, build, serve, browser, page, REPO, OUTPUT } from "./harness.mjs";

let out, srv, chrome;
before(async () => {
  out = build(site("bundled"));
  srv = await serve(out);
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await srv?.close();
});

/** The queries of a language: [query, expected output path]. */
function queries(lang) {
  return readFileSync(join(REPO, "tests/search-queries", `${lang}.txt`), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => {
      const [q, want] = l.split("\t");
      return [q, `${lang}/${want.trim().replace(/\/?$/, "/")}index.html`];
    });
}

for (const lang of ["en", "he", "pl"]) {
  test(`${lang}: the expected page is in the top 5 for at least 90 % of the queries`, async () => {
    const ctx = await chrome.newContext();
    const p = await page(ctx, srv.url);
    await p.goto(`${srv.url}${lang}/index.html`);
    const list = queries(lang);
    assert.ok(list.length >= 40, `${list.length} queries`);
    const misses = [];
    for (const [q, want] of list) {
      const found = await p.evaluate((text) => window.KeelSearchQuery(text), q);
      const top = found.slice(0, 5).map((r) => r.path);
      if (!top.includes(want)) misses.push(`${q}\t${want}\t${top.join(" ")}`);
    }
    const rate = 1 - misses.length / list.length;
    writeFileSync(join(OUTPUT, `search-misses-${lang}.tsv`), misses.join("\n") + "\n");
    assert.ok(rate >= 0.9, `${lang}: ${(rate * 100).toFixed(1)} % in the top 5; misses:\n`
      + misses.join("\n"));
    assert.deepEqual(p.errors, []);
    await ctx.close();
  });
}
