// Message templates and working forms on the bundled playbook, in real Chromium: a template's
// blanks fill in from its small form, the copy button puts the final text on the clipboard, the
// values survive a reload; a decision-log row entered during a drill run is in the run log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { site, build, serve, browser, page } from "./harness.mjs";

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

test("a template fills in, copies the final text and keeps what was typed", async () => {
  for (const lang of ["en", "he", "pl"]) {
    const ctx = await chrome.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const p = await page(ctx, srv.url);
    await p.goto(`${srv.url}${lang}/reference/messages/index.html`);
    const banner = p.locator("#holding-banner");
    await banner.locator('input[data-slot="issue"]').fill("checkout X-17 fails");
    await banner.locator('input[data-slot="next_update"]').fill("12:30");
    // Every template of the page shares the values: the social post shows them too.
    const social = await p.locator('#holding-social .message-text').textContent();
    assert.match(social, /checkout X-17 fails/, lang);
    await banner.locator(".message-copy").click();
    // The status follows the clipboard's promise: wait for it rather than race it.
    await banner.locator(".message-status").filter({ hasText: /\S/ }).waitFor({ timeout: 5000 });
    const copied = await p.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /checkout X-17 fails/, `${lang}: ${copied}`);
    assert.match(copied, /12:30/, lang);
    // A blank left empty is named, never silently dropped.
    assert.match(copied, /\[[^\]]+\]/, `${lang}: the empty workaround is shown as its label`);
    assert.doesNotMatch(copied, /\{issue\}|\{next_update\}/, lang);
    await p.reload();
    assert.equal(await banner.locator('input[data-slot="issue"]').inputValue(),
      "checkout X-17 fails", `${lang}: kept on reload`);
    assert.deepEqual(p.errors, [], lang);
    assert.deepEqual(p.foreign, [], lang);
    await ctx.close();
  }
});

test("a decision-log row entered during a drill run is in the exported run log", async () => {
  const ctx = await chrome.newContext({ acceptDownloads: true });
  const p = await page(ctx, srv.url);
  await p.goto(`${srv.url}en/drills/payment-outage/index.html`);
  await p.fill(".run-who", "Dana");
  await p.click(".run-start");
  await p.goto(`${srv.url}en/forms/decision-log/index.html`);
  const table = p.locator('section[data-table="decisions"]');
  const cell = (col) => table.locator(`input[data-col="${col}"]`).first();
  await cell("decision").fill("Switch on the backup payment method?");
  await cell("chosen").fill("Yes, bank transfer");
  await cell("reason").fill("Card errors above 20 %");
  // A second row is one button away, and keyboard-reachable.
  await table.locator(".add-row").focus();
  await p.keyboard.press("Enter");
  assert.equal(await table.locator("tbody tr").count(), 2);
  await table.locator('tbody tr:nth-child(2) input[data-col="decision"]').fill("Tell customers?");
  await p.reload();
  assert.equal(await table.locator("tbody tr").count(), 2, "rows survive a reload");
  assert.equal(await cell("chosen").inputValue(), "Yes, bank transfer");
  await p.goto(`${srv.url}en/drills/payment-outage/index.html`);
  await p.click(".run-finish");
  const [json] = await Promise.all([p.waitForEvent("download"), p.click(".run-json")]);
  const log = JSON.parse(readFileSync(await json.path(), "utf8"));
  const form = log.forms.find((f) => f.form === "forms/decision-log");
  assert.ok(form, JSON.stringify(log.forms));
  assert.equal(form.tables.decisions[0].cells.chosen, "Yes, bank transfer");
  assert.equal(form.tables.decisions[1].cells.decision, "Tell customers?");
  const [md] = await Promise.all([p.waitForEvent("download"), p.click(".run-md")]);
  assert.match(readFileSync(await md.path(), "utf8"),
    new RegExp(String.raw`Decision log[\s\S]*Switch on the backup payment method\? · `
      + "Yes, bank transfer · Card errors above 20 %"));
  assert.deepEqual(p.errors, []);
  await ctx.close();
});
