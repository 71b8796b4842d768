// Interactive checklists in real headless Chromium: saved ticks, progress, languages, reordering,
// corrupted storage, keyboard use, daily routines, runs and their logs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { site, build, serve, browser, page, OUTPUT, REPO } from "./harness.mjs";

let fixtureRoot, fixture, bundled, chrome;
before(async () => {
  fixtureRoot = site("small");
  fixture = await serve(build(fixtureRoot));
  bundled = await serve(build(site("bundled")));
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await fixture?.close();
  await bundled?.close();
});

/** The progress line of a checklist. */
const progress = async (p, list) =>
  (await p.textContent(`section[data-checklist="${list}"] .progress`)).trim();
/** Whether an item is marked overdue. */
const overdue = (p, item) =>
  p.getAttribute(`li[data-item="${item}"]`, "class").then((c) => c.includes("overdue"));
const box = (list, item) =>
  `section[data-checklist="${list}"] li[data-item="${item}"] input[type=checkbox]`;

test("ticks survive a reload and progress counts them", async () => {
  const ctx = await chrome.newContext();
  const p = await page(ctx, bundled.url);
  await p.goto(bundled.url + "en/crises/payment-outage/index.html");
  const items = await p.locator('section[data-checklist="signs"] li[data-item]')
    .evaluateAll((els) => els.map((e) => e.dataset.item));
  assert.ok(items.length >= 3);
  await p.check(box("signs", items[0]));
  await p.check(box("signs", items[2]));
  await p.reload();
  assert.equal(await p.isChecked(box("signs", items[0])), true);
  assert.equal(await p.isChecked(box("signs", items[1])), false);
  assert.equal(await p.isChecked(box("signs", items[2])), true);
  const progress = await p.textContent('section[data-checklist="signs"] .progress');
  assert.equal(progress.trim(), `2 of ${items.length} items done`);
  assert.match(await p.textContent(".page-progress"), /^On this page: 2 of \d+ items done$/);

  // The Hebrew version of the page shares the state: same ids, same storage key.
  await p.click('.lang-switcher a[hreflang="he"]');
  await p.waitForURL(/\/he\/crises\/payment-outage\//);
  assert.equal(await p.getAttribute("html", "dir"), "rtl");
  assert.equal(await p.isChecked(box("signs", items[0])), true);
  assert.equal(await p.isChecked(box("signs", items[2])), true);
  const he = await p.textContent('section[data-checklist="signs"] .progress');
  assert.match(he, /^בוצעו 2 מתוך \d+ פריטים$/);
  assert.deepEqual(p.errors, []);
  assert.deepEqual(p.foreign, [], "no request leaves the site");
  await ctx.close();
});

test("state follows ids when an editor reorders and rewords items", async () => {
  const root = site("small");
  const out = build(root);
  const srv = await serve(out);
  const ctx = await chrome.newContext();
  const p = await page(ctx, srv.url);
  await p.goto(srv.url + "en/ops/outage/index.html");
  await p.check(box("act-now", "banner"));
  const file = join(root, "content/en/ops/outage.md");
  const md = readFileSync(file, "utf8")
    .replace(
      "- [ ] Confirm the outage {#confirm}\n- [ ] Post a banner {#banner}",
      "- [ ] Put up the outage banner now {#banner}\n"
        + "- [ ] Confirm the outage with the host {#confirm}",
    );
  writeFileSync(file, md);
  build(root);
  await p.reload();
  const order = await p.locator('section[data-checklist="act-now"] li[data-item]')
    .evaluateAll((els) => els.map((e) => e.dataset.item));
  assert.deepEqual(order, ["banner", "confirm"]);
  assert.equal((await p.textContent('li[data-item="banner"] .text')).trim(),
    "Put up the outage banner now");
  assert.equal(await p.isChecked(box("act-now", "banner")), true);
  assert.equal(await p.isChecked(box("act-now", "confirm")), false);
  assert.equal(await progress(p, "act-now"), "1 of 2 items done");
  await ctx.close();
  await srv.close();
});

test("corrupted storage never breaks the page", async () => {
  const ctx = await chrome.newContext();
  const p = await page(ctx, fixture.url);
  await p.goto(fixture.url + "en/ops/outage/index.html");
  await p.evaluate(() => {
    localStorage.setItem("keel:v1:ops/outage:act-now", "{not json");
    localStorage.setItem("keel:v1:run:ops/outage", "[1,2");
    localStorage.setItem("keel:v1:ops/daily:morning:2026-11-23", "null");
  });
  await p.reload();
  await p.check(box("act-now", "confirm"));
  assert.equal(await progress(p, "act-now"), "1 of 2 items done");
  await p.evaluate(() => localStorage.setItem("keel:v1:ops/outage:act-now",
    JSON.stringify({ items: { gone: { done: true }, banner: "odd" }, notes: 7 })));
  await p.reload();
  assert.equal(await p.isChecked(box("act-now", "banner")), false);
  assert.equal(await progress(p, "act-now"), "0 of 2 items done");
  assert.deepEqual(p.errors, []);
  await ctx.close();
});

test("checklists work with the keyboard alone, with visible focus", async () => {
  const ctx = await chrome.newContext();
  const p = await page(ctx, fixture.url);
  await p.goto(fixture.url + "en/ops/outage/index.html");
  let focused = null;
  for (let i = 0; i < 40 && focused !== "confirm"; i++) {
    await p.keyboard.press("Tab");
    focused = await p.evaluate(() => {
      const a = document.activeElement;
      return a?.closest("li[data-item]")?.dataset.item && a.type === "checkbox"
        ? a.closest("li").dataset.item
        : null;
    });
  }
  assert.equal(focused, "confirm", "the first checkbox can be reached with Tab");
  const outline = await p.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "focus is visible");
  await p.keyboard.press("Space");
  assert.equal(await p.isChecked(box("act-now", "confirm")), true);
  await p.keyboard.press("Tab"); // the note button
  await p.keyboard.press("Tab"); // next checkbox
  await p.keyboard.press("Space");
  assert.equal(await p.isChecked(box("act-now", "banner")), true);
  await p.reload();
  assert.equal(await progress(p, "act-now"), "2 of 2 items done");
  await ctx.close();
});

test("a daily routine ticked yesterday starts fresh today and keeps yesterday in its history",
  async () => {
  const ctx = await chrome.newContext({ locale: "en-GB", timezoneId: "Europe/Warsaw" });
  const p = await page(ctx, fixture.url);
  await p.clock.setFixedTime(new Date("2026-11-23T10:00:00+01:00"));
  await p.goto(fixture.url + "en/ops/daily/index.html");
  assert.equal((await p.textContent(".period")).trim(), "Monday 23 November");
  await p.check(box("morning", "orders"));
  await p.clock.setFixedTime(new Date("2026-11-24T08:00:00+01:00"));
  await p.reload();
  assert.equal((await p.textContent(".period")).trim(), "Tuesday 24 November");
  assert.equal(await p.isChecked(box("morning", "orders")), false);
  assert.equal(await progress(p, "morning"), "0 of 2 items done");
  assert.equal((await p.textContent(".history li")).trim(), "Monday 23 November: 1 of 2 done");
  // The Hebrew page names the day in Hebrew.
  await p.goto(fixture.url + "he/ops/daily/index.html");
  assert.match((await p.textContent(".period")).trim(), /יום שלישי/);
  await ctx.close();
});

test("a run records tick times, flags overdue items and exports a Markdown log", async () => {
  const ctx = await chrome.newContext({ acceptDownloads: true });
  const p = await page(ctx, fixture.url);
  await p.clock.install({ time: new Date("2026-11-24T09:00:00Z") });
  await p.goto(fixture.url + "en/ops/drill/index.html");
  await p.fill(".run-who", "Dana (drill lead)");
  await p.click(".run-start");
  await p.clock.runFor(6 * 60 * 1000 + 1500);
  assert.match(await p.textContent(".run-status"), /T\+6:0\d/);
  assert.equal(await overdue(p, "declare"), true, "due T+5m, not ticked at T+6m");
  await p.check(box("respond", "declare"));
  assert.equal(await overdue(p, "declare"), false);
  await p.click('li[data-item="declare"] .note-toggle');
  await p.fill('li[data-item="declare"] textarea', "Declared on the phone bridge");
  // A decision point records what was chosen and why.
  await p.fill('li[data-item="decide"] .decision-chosen', "Keep checkout open");
  await p.fill('li[data-item="decide"] .decision-reason', "Backup provider works");
  await p.clock.runFor(60 * 1000);
  await p.click(".run-finish");
  const [download] = await Promise.all([p.waitForEvent("download"), p.click(".run-md")]);
  const md = readFileSync(await download.path(), "utf8");
  writeFileSync(join(OUTPUT, "run-log.md"), md);
  assert.match(md, /^# Run log: Drill/);
  assert.match(md, /Dana \(drill lead\)/);
  assert.match(md, new RegExp(String.raw`- \[x\] Declare the incident — T\+6:0\d `
    + String.raw`\(2026-11-24T09:06:0\d\.\d+Z\) — Declared on the phone bridge`));
  assert.match(md, /## Not done\n\n- \[ \] Decision point: Decide whether to pause checkout/);
  assert.match(md, new RegExp(String.raw`## Decisions\n\n- Decision point: Decide whether to `
    + "pause checkout: Keep checkout open — Reason: Backup provider works"));
  const [json] = await Promise.all([p.waitForEvent("download"), p.click(".run-json")]);
  const log = JSON.parse(readFileSync(await json.path(), "utf8"));
  assert.equal(log.who, "Dana (drill lead)");
  assert.equal(log.items.length, 2);
  assert.equal(log.items.find((i) => i.item === "decide").done_at, null);
  assert.deepEqual(log.items.find((i) => i.item === "decide").decision,
    { chosen: "Keep checkout open", reason: "Backup provider works" });
  assert.deepEqual(p.errors, []);
  await ctx.close();
});

test("a checklist's state exports to JSON and imports into another browser", async () => {
  const a = await chrome.newContext({ acceptDownloads: true });
  const p = await page(a, fixture.url);
  await p.goto(fixture.url + "en/ops/outage/index.html");
  await p.check(box("act-now", "banner"));
  const [download] = await Promise.all([
    p.waitForEvent("download"),
    p.click('section[data-checklist="act-now"] .checklist-tools button:has-text("Export")'),
  ]);
  const file = await download.path();
  const b = await chrome.newContext();
  const q = await page(b, fixture.url);
  await q.goto(fixture.url + "pl/ops/outage/index.html");
  await q.setInputFiles('section[data-checklist="act-now"] .import-file', file);
  await q.waitForFunction(() => document.querySelector('li[data-item="banner"] input').checked);
  assert.equal(await q.isChecked(box("act-now", "confirm")), false);
  await a.close();
  await b.close();
});

test("right-to-left pages mirror checklists; screenshots for review", async () => {
  const ctx = await chrome.newContext({ viewport: { width: 900, height: 1100 } });
  const p = await page(ctx, bundled.url);
  for (const lang of ["en", "he"]) {
    await p.goto(bundled.url + `${lang}/routines/daily/index.html`);
    await p.check("section.checklist li[data-item] input >> nth=0");
    const input = await p.locator("section.checklist li[data-item] input >> nth=1").boundingBox();
    const text = await p.locator("section.checklist li[data-item] .text >> nth=1").boundingBox();
    if (lang === "he") {
      assert.ok(input.x > text.x, "in Hebrew the box stands to the right of its text");
    }
    else assert.ok(input.x < text.x);
    await p.screenshot({ path: join(OUTPUT, `checklist-${lang}.png`), fullPage: false });
  }
  assert.deepEqual(p.foreign, []);
  await ctx.close();
});

test("works without JavaScript: every item shows and can be ticked", async () => {
  const ctx = await chrome.newContext({ javaScriptEnabled: false });
  const p = await page(ctx, fixture.url);
  await p.goto(fixture.url + "en/ops/outage/index.html");
  assert.equal(await p.locator("li[data-item] input[type=checkbox]").count(), 2);
  await p.check(box("act-now", "confirm"));
  assert.equal(await p.isChecked(box("act-now", "confirm")), true);
  // The controls only the scripts can work are in the page but not shown.
  for (const sel of [".search", ".run-panel", ".checklist-tools", ".note-toggle"]) {
    assert.ok(await p.locator(sel).count(), `${sel} is in the page`);
    assert.equal(await p.locator(sel).first().isVisible(), false, `${sel} is not shown`);
  }
  await ctx.close();
});

test("script and stylesheet stay under 12 KB gzipped", () => {
  const js = readFileSync(join(REPO, "themes/default/static/keel.js"));
  const css = readFileSync(join(REPO, "themes/default/static/keel.css"));
  const size = gzipSync(js, { level: 9 }).length + gzipSync(css, { level: 9 }).length;
  assert.ok(size < 12 * 1024, `${size} bytes gzipped`);
});
