// Nothing moves when the scripts run: the controls keel.js, site.js and forms.js work (search,
// run panel, checklist tools, note buttons, decision fields, message fields, form tools) are in
// the HTML from the start, and keel.js blocks the first paint until it has folded a phone's
// introduction and put saved state back.
// Measured as Lighthouse does (cumulative layout shift from `layout-shift` entries), on a phone
// and a wide screen, with every script answered 400 ms late so a first paint comes before them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { site, build, serve, browser, page } from "./harness.mjs";

let srv, chrome;
before(async () => {
  srv = await serve(build(site("bundled")), { slowScripts: 400 });
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await srv?.close();
});

const PAGES = ["", "processes/order-handling/", "drills/payment-outage/",
  "crises/payment-outage/", "routines/daily/", "strategy/respond/", "reference/messages/",
  "forms/decision-log/", "forms/after-action/"];
const SCREENS = [
  { name: "phone", viewport: { width: 360, height: 740 }, isMobile: true },
  { name: "wide", viewport: { width: 1200, height: 900 } },
];

/** Sum of the page's layout shifts not caused by input, and what moved. */
async function shifts(p, url) {
  await p.goto(url, { waitUntil: "load" });
  await p.waitForTimeout(300);
  return p.evaluate(() => window.shifts);
}

test("no layout shift while the page loads, in every language, on a phone and a wide screen",
  async () => {
    const moved = [];
    for (const screen of SCREENS) {
      const ctx = await chrome.newContext({ viewport: screen.viewport, isMobile: screen.isMobile });
      await ctx.addInitScript(() => {
        window.shifts = { cls: 0, nodes: [] };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            window.shifts.cls += e.value;
            for (const s of e.sources) {
              const n = s.node;
              window.shifts.nodes.push(n && n.outerHTML ? n.outerHTML.slice(0, 80) : String(n));
            }
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      const p = await page(ctx, srv.url);
      for (const lang of ["en", "he", "pl"]) {
        for (const path of PAGES) {
          const s = await shifts(p, `${srv.url}${lang}/${path}`);
          const where = `${screen.name} ${lang}/${path}`;
          if (s.cls > 0.01) moved.push(`${where}: ${s.cls.toFixed(3)} ${s.nodes}`);
        }
      }
      // The scripts did run: the run panel is live and the phone's introduction is folded.
      await p.goto(`${srv.url}en/drills/payment-outage/`);
      await p.click(".run-panel .run-start");
      assert.match(await p.textContent(".run-status"), /T\+/);
      assert.equal(await p.locator(".intro-fold").count(), screen.isMobile ? 1 : 0);
      assert.deepEqual(p.errors, []);
      assert.deepEqual(p.foreign, []);
      await ctx.close();
    }
    assert.deepEqual(moved, []);
  });
