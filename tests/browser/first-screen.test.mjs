// In the middle of an incident, on a phone: the first step of "the first hour" and of every
// crisis page is on the first screen (360×740) in every language, without scrolling. The text
// before the first checklist folds behind one line there, and opens again with Enter.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { site, build, serve, browser, OUTPUT } from "./harness.mjs";

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

/** The live-incident pages of a language: the first hour, and every crisis page. */
function live(lang) {
  const crises = readdirSync(join(out, lang, "crises"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${lang}/crises/${d.name}/index.html`);
  return [`${lang}/strategy/respond/index.html`, ...crises];
}

test("the first step is on the first screen of a phone in every language", async () => {
  const tab = await chrome.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
  const late = [];
  for (const lang of ["en", "he", "pl"]) {
    const list = live(lang);
    assert.ok(list.length > 5, `${list.length} pages`);
    for (const path of list) {
      await tab.goto(srv.url + path);
      // The first list worked through live: "act now" on a crisis page.
      const live = tab.locator(".checklist[data-live] .item input[type=checkbox]");
      assert.ok(await live.count(), `${path} has a live list`);
      const box = await live.first().boundingBox();
      if (!box || box.y + box.height > 740) late.push(`${path}: first box at ${box && box.y}`);
    }
    await tab.goto(srv.url + `${lang}/strategy/respond/index.html`);
    await tab.screenshot({ path: join(OUTPUT, `first-screen-${lang}.png`) });
  }
  assert.deepEqual(late, []);
  // The folded text is one keystroke away.
  await tab.goto(srv.url + "en/strategy/respond/index.html");
  await tab.focus(".intro-fold > summary");
  await tab.keyboard.press("Enter");
  assert.equal(await tab.locator(".intro-fold").getAttribute("open"), "");
  await tab.close();
});

test("on a wide screen nothing is folded", async () => {
  const tab = await chrome.newPage({ viewport: { width: 1200, height: 900 } });
  await tab.goto(srv.url + "en/strategy/respond/index.html");
  assert.equal(await tab.locator(".intro-fold").count(), 0);
  await tab.close();
});
