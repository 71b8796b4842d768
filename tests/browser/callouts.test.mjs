// Callouts (GitHub alerts and MkDocs admonitions) of the migrated fixture's storefront-down page
// in real headless Chromium: every box shows with the label of the page's language, the
// coloured border stands at the start of the line (the right in Hebrew), a collapsed `???` opens
// from the keyboard, print shows what it hides, and no author script runs. Screenshots of both
// languages are kept in the test output folder for review.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { site, build, serve, browser, page, OUTPUT, REPO } from "./harness.mjs";

let srv, chrome;
before(async () => {
  srv = await serve(build(site("migrated")));
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await srv?.close();
});

const KINDS = ["note", "tip", "important", "warning", "caution"];

/** The callout labels of `i18n/<lang>.ftl`, by kind. */
function labels(lang) {
  const ftl = readFileSync(join(REPO, `i18n/${lang}.ftl`), "utf8");
  return Object.fromEntries(KINDS.map((kind) => {
    const m = ftl.match(new RegExp(`^callout-${kind} = (.+)$`, "m"));
    assert.ok(m, `callout-${kind} in ${lang}.ftl`);
    return [kind, m[1].trim()];
  }));
}

/** The titles the author wrote, in the order of the page. */
const WRITTEN = {
  en: { tip: "Check the obvious first", logs: "Where the logs are",
    warning: "Before you fail over", nested: "Replica lag", example: "Restart the web tier" },
  he: { tip: "קודם כול הדברים הפשוטים", logs: "איפה הלוגים",
    warning: "לפני מעבר ל-failover", nested: "פיגור ב-replica", example: "אתחול שכבת ה-web" },
};

/** Open the storefront-down page of `lang`; author scripts would show as dialogs. */
async function open(ctx, lang) {
  const p = await page(ctx, srv.url);
  p.dialogs = [];
  p.on("dialog", (d) => { p.dialogs.push(d.message()); d.dismiss(); });
  await p.goto(srv.url + `${lang}/during/storefront-down/index.html`);
  return p;
}

for (const lang of ["en", "he"]) {
  test(`${lang}: every callout shows with its label; the border stands at the line's start`,
    async () => {
    const ctx = await chrome.newContext({ viewport: { width: 900, height: 1100 } });
    const p = await open(ctx, lang);
    const label = labels(lang);
    if (lang === "en") assert.equal(label.warning, "Warning");
    const w = WRITTEN[lang];
    // Top-level boxes in the order written: the five alerts, then the admonitions.
    const want = [
      ["aside", "note", label.note], ["aside", "tip", label.tip],
      ["aside", "important", label.important], ["aside", "warning", label.warning],
      ["aside", "caution", label.caution], ["aside", "tip", w.tip],
      ["aside", "caution", label.caution], ["details", "note", w.logs],
      ["details", "tip", label.tip], ["aside", "warning", w.warning],
      ["aside", "note", w.example],
    ];
    const boxes = p.locator(".content > .callout");
    assert.equal(await boxes.count(), want.length);
    for (const [i, [tag, kind, title]] of want.entries()) {
      const box = boxes.nth(i);
      assert.ok(await box.isVisible(), `callout ${i} (${kind}) is visible`);
      assert.equal(await box.evaluate((e) => e.localName), tag, `callout ${i}`);
      assert.ok((await box.getAttribute("class")).split(" ").includes(`callout-${kind}`));
      const t = box.locator(":scope > .callout-title");
      assert.ok(await t.isVisible(), `the title of callout ${i} is visible`);
      // innerText: what the reader sees (the <bdi> around Latin words adds nothing).
      assert.equal((await t.innerText()).trim(), title, `callout ${i}`);
      if (tag === "aside") assert.equal(await box.getAttribute("role"), "note");
    }
    const nested = p.locator(".content > aside.callout-warning > aside.callout-note");
    assert.ok(await nested.isVisible());
    assert.equal((await nested.locator(".callout-title").innerText()).trim(), w.nested);
    assert.ok(await p.locator(".callout-example pre code").isVisible(), "the code fence shows");
    assert.equal(await p.locator(".callout-example ol > li").count(), 2);

    // The coloured border is at the inline start: the left in English, the right in Hebrew.
    assert.equal(await p.getAttribute("html", "dir"), lang === "he" ? "rtl" : "ltr");
    for (const [i] of want.entries()) {
      const box = boxes.nth(i);
      const s = await box.evaluate((e) => {
        const c = getComputedStyle(e);
        return { left: parseFloat(c.borderLeftWidth), right: parseFloat(c.borderRightWidth),
          leftColor: c.borderLeftColor, rightColor: c.borderRightColor };
      });
      const [start, end] = lang === "he" ? [s.right, s.left] : [s.left, s.right];
      const colour = lang === "he" ? s.rightColor : s.leftColor;
      assert.equal(start, 4, `callout ${i}: a 4px border at the start`);
      assert.equal(end, 0, `callout ${i}: none at the end`);
      assert.notEqual(colour, "rgba(0, 0, 0, 0)", `callout ${i}: the border has a colour`);
    }
    // The title starts right after the border: its gap to the box's start edge is the border
    // and the padding, far smaller than the gap at the other side.
    const box = await boxes.nth(3).boundingBox();
    const title = await boxes.nth(3).locator(".callout-title").evaluate((e) => {
      const r = document.createRange();
      r.selectNodeContents(e);
      const b = r.getBoundingClientRect();
      return { x: b.x, width: b.width };
    });
    const gapLeft = title.x - box.x;
    const gapRight = box.x + box.width - (title.x + title.width);
    if (lang === "he") assert.ok(gapRight < 30 && gapLeft > gapRight, `${gapLeft} ${gapRight}`);
    else assert.ok(gapLeft < 30 && gapRight > gapLeft, `${gapLeft} ${gapRight}`);
    // Warnings and notes differ in colour too, though the words say it first.
    const colour = (sel) => p.locator(sel).first().evaluate((e) =>
      getComputedStyle(e).getPropertyValue("--c"));
    assert.notEqual(await colour(".callout-warning"), await colour(".callout-note"));

    // Nothing the author wrote runs: no dialogs, no errors, and no request leaves the site.
    assert.deepEqual(p.dialogs, []);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.foreign, []);
    await p.screenshot({ path: join(OUTPUT, `callouts-${lang}.png`), fullPage: true });
    await ctx.close();
  });
}

test("a collapsed ??? callout opens from the keyboard and print shows what it hides",
  async () => {
  for (const lang of ["en", "he"]) {
    const ctx = await chrome.newContext();
    const p = await open(ctx, lang);
    const details = p.locator(".content > details.callout-note");
    const body = details.locator(":scope > p");
    assert.equal(await details.getAttribute("open"), null, "??? starts collapsed");
    assert.ok(await details.locator("summary").isVisible());
    assert.equal(await body.isVisible(), false, `${lang}: the body is hidden`);
    assert.ok(await p.locator(".content > details.callout-tip > p").isVisible(), "???+ is open");

    // With print media the collapsed body is printed.
    await p.emulateMedia({ media: "print" });
    assert.ok(await body.isVisible(), `${lang}: print shows the collapsed body`);
    assert.equal(await details.getAttribute("open"), null, "without opening it");
    await p.emulateMedia({ media: "screen" });
    assert.equal(await body.isVisible(), false);

    await details.locator("summary").focus();
    await p.keyboard.press("Enter");
    await p.waitForFunction(() =>
      document.querySelector(".content > details.callout-note").open);
    assert.ok(await body.isVisible(), `${lang}: Enter opens it`);
    await p.keyboard.press("Enter");
    await p.waitForFunction(() =>
      !document.querySelector(".content > details.callout-note").open);
    assert.equal(await body.isVisible(), false, `${lang}: Enter closes it again`);
    assert.deepEqual(p.errors, []);
    await ctx.close();
  }
});

test("printed callouts keep their words and a border at the line's start", async () => {
  const ctx = await chrome.newContext();
  const p = await open(ctx, "he");
  await p.emulateMedia({ media: "print" });
  const s = await p.locator(".content > aside.callout-warning").first().evaluate((e) => {
    const c = getComputedStyle(e);
    return { left: parseFloat(c.borderLeftWidth), right: parseFloat(c.borderRightWidth),
      title: getComputedStyle(e.querySelector(".callout-title")).color };
  });
  assert.equal(s.right, 4, "the thick border is on the right in Hebrew");
  assert.equal(s.left, 1);
  assert.equal(s.title, "rgb(0, 0, 0)", "titles print black");
  assert.equal((await p.locator(".content > aside.callout-warning >> nth=0")
    .locator(".callout-title").innerText()).trim(), labels("he").warning);
  await ctx.close();
});
