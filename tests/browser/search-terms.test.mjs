// The theme's search normaliser (site.js) against tests/fixtures/search-terms.tsv, the table
// the Rust index build is checked against too (tests/search_terms.rs). No browser: site.js runs
// in a Node vm with just enough of a page for its search setup to return early.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import vm from "node:vm";

const REPO = process.env.KEEL_REPO || resolve(import.meta.dirname, "../..");

/** site.js evaluated in a page without a search form; returns its KeelSearchTerms. */
export function loadSiteJs(file = join(REPO, "themes/default/static/site.js")) {
  const document = {
    body: { getAttribute: () => null },
    querySelector: () => null,
  };
  const context = { document, navigator: {}, location: { protocol: "file:" } };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(readFileSync(file, "utf8"), context, { filename: file });
  return context.KeelSearchTerms;
}

const rows = readFileSync(join(REPO, "tests/fixtures/search-terms.tsv"), "utf8")
  .split("\n")
  .map((line, n) => ({ line, n: n + 1 }))
  .filter(({ line }) => line !== "" && !line.startsWith("#"))
  .map(({ line, n }) => {
    const cols = line.split("\t");
    assert.equal(cols.length, 3, `search-terms.tsv:${n}: three tab-separated columns`);
    const [lang, input, terms] = cols;
    return { n, lang, input, terms: terms.split(" ").filter(Boolean) };
  });

test("the table has rows for every language it covers", () => {
  assert.ok(rows.length >= 40, `${rows.length} rows`);
  for (const lang of ["pl", "en", "he", "de"]) assert.ok(rows.some((r) => r.lang === lang), lang);
});

test("site.js makes the terms of every row of search-terms.tsv", () => {
  const { terms } = loadSiteJs();
  const wrong = rows
    .map((r) => ({ ...r, got: [...terms(r.lang, r.input)] }))
    .filter((r) => JSON.stringify(r.got) !== JSON.stringify(r.terms))
    .map((r) => `search-terms.tsv:${r.n} ${r.lang} ${JSON.stringify(r.input)}: `
      + `got ${JSON.stringify(r.got)}, want ${JSON.stringify(r.terms)}`);
  assert.deepEqual(wrong, []);
});

test("a region does not change the rules: en-GB stems like en", () => {
  const { terms } = loadSiteJs();
  assert.deepEqual([...terms("en-GB", "Deliveries processing")], ["delivery", "process"]);
  assert.deepEqual([...terms("pl-PL", "zwrotu")], ["zwrot"]);
});
