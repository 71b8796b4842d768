// Readers: search in Polish and Hebrew (diacritics, inflections, prefixes), from file:// too, by
// keyboard; offline after one visit (service worker); the Hebrew home at 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { site, build, serve, browser, page, OUTPUT } from "./harness.mjs";

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

async function search(p, query) {
  await p.fill("#search-input", "");
  await p.type("#search-input", query);
  await p.waitForFunction(() => !document.getElementById("search-results").hidden
    || document.querySelector(".search-status").textContent, null, { timeout: 5000 });
  return p.$$eval("#search-results [role=option] a",
    (as) => as.map((a) => new URL(a.href).pathname));
}

test("Polish search matches with and without diacritics and across inflections", async () => {
  const ctx = await chrome.newContext();
  const p = await page(ctx, srv.url);
  await p.goto(srv.url + "pl/index.html");
  for (const q of ["płatności", "platnosci", "płatność"]) {
    const hits = await search(p, q);
    assert.ok(hits.some((h) => h.endsWith("/pl/crises/payment-outage/index.html")),
      `${q}: ${hits}`);
  }
  const zwrot = await search(p, "zwrót");
  assert.ok(zwrot.some((h) => h.includes("/pl/processes/returns-refunds/")), `zwrót: ${zwrot}`);
  assert.match(await p.innerHTML("#search-results [role=option] .result-snippet"), /<mark>/);
  assert.deepEqual(p.foreign, [], "no request leaves the site");
  assert.deepEqual(p.errors, []);
  await ctx.close();
});

test("Hebrew search finds the same page with and without a prefix letter", async () => {
  const ctx = await chrome.newContext();
  const p = await page(ctx, srv.url);
  await p.goto(srv.url + "he/index.html");
  const plain = await search(p, "תשלום");
  const prefixed = await search(p, "בתשלום");
  const pointed = await search(p, "תַּשְׁלוּם");
  for (const hits of [plain, prefixed, pointed]) {
    assert.ok(hits.some((h) => h.endsWith("/he/crises/payment-outage/index.html")), `${hits}`);
  }
  assert.equal(await p.getAttribute("#search-results", "role"), "listbox");
  await ctx.close();
});

test("search works from file:// and with the keyboard alone", async () => {
  const ctx = await chrome.newContext();
  const p = await page(ctx);
  await p.goto(pathToFileURL(join(out, "pl/index.html")).href);
  await p.keyboard.press("/");
  assert.equal(await p.evaluate(() => document.activeElement.id), "search-input",
    "/ focuses search");
  await p.keyboard.type("platnosci");
  await p.waitForSelector("#search-results [role=option]");
  await p.keyboard.press("ArrowDown");
  assert.equal(await p.getAttribute("#search-results [role=option] >> nth=0", "aria-selected"),
    "true");
  const target = await p.$eval("#search-results [role=option] a", (a) => a.href);
  await Promise.all([p.waitForURL(target), p.keyboard.press("Enter")]);
  assert.ok(p.url().startsWith("file://"));
  assert.deepEqual(p.errors, []);
  await ctx.close();
});

test("after one visit the site works offline (service worker)", async () => {
  const root = site("bundled");
  const own = await serve(build(root));
  const ctx = await chrome.newContext();
  const p = await page(ctx, own.url);
  await p.goto(own.url + "he/index.html");
  await p.evaluate(() => navigator.serviceWorker.ready);
  await p.reload(); // now controlled
  await p.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await own.close();
  await p.goto(own.url + "he/drills/payment-outage/index.html");
  assert.equal(await p.getAttribute("html", "lang"), "he");
  assert.match(await p.textContent("h1"), /\S/);
  await p.goto(own.url + "he/index.html");
  assert.ok((await search(p, "תשלום")).length > 0, "search works offline too");
  await ctx.close();
});

test("the Hebrew home page fits 360 px; screenshot for review", async () => {
  const ctx = await chrome.newContext({
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
  });
  const p = await page(ctx, srv.url);
  await p.goto(srv.url + "he/index.html");
  const widths = await p.evaluate(() =>
    [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(widths[0] <= widths[1], `no sideways scrolling: ${widths}`);
  assert.ok(await p.locator(".home-crises .card").count() >= 11, "crisis categories as cards");
  await p.screenshot({ path: join(OUTPUT, "home-he-360.png") });
  await ctx.close();
});

test("a query fetches the index and only its words' shards and pages", async () => {
  for (const [lang, query] of [["en", "payment outage"], ["he", "תשלומים"], ["pl", "przewoźnik"]]) {
    const ctx = await chrome.newContext();
    const p = await page(ctx, srv.url);
    const fetched = [];
    p.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path.includes("/search/")) fetched.push(path);
    });
    await p.goto(`${srv.url}${lang}/index.html`);
    assert.ok((await search(p, query)).length > 0, `${lang}: ${query}`);
    const shards = readdirSync(join(out, lang, "search")).filter((f) => f.startsWith("t-"));
    const used = fetched.filter((f) => /\/t-\d+\.js$/.test(f));
    const bytes = fetched.reduce((n, f) => n + statSync(join(out, f)).size, 0);
    assert.ok(fetched.some((f) => f.endsWith("/search/index.js")), lang);
    assert.ok(used.length <= shards.length / 2,
      `${lang}: ${used.length} of ${shards.length} shards`);
    assert.ok(bytes < 250 * 1024, `${lang}: ${bytes} bytes`);
    await ctx.close();
  }
});
