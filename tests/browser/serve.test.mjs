// keel serve in a real browser: an open page reloads by itself after an edit, and shows the error
// overlay after a broken one, on 127.0.0.1, localhost and [::1].
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { site, browser, KEEL } from "./harness.mjs";

let chrome;
before(async () => { chrome = await browser(); });
after(async () => { await chrome?.close(); });

function freePort(host) {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, host, () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

async function serve(bind) {
  const root = site("small");
  const port = await freePort(bind);
  const args = ["serve", "--root", root, "--bind", bind, "--port", String(port)];
  const child = spawn(KEEL, args, { stdio: "ignore" });
  const host = bind.includes(":") ? `[${bind}]` : bind;
  for (let i = 0; i < 80; i++) {
    try { if ((await fetch(`http://${host}:${port}/en/`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { root, port, child };
}

function edit(root, file, from, to) {
  const path = join(root, file);
  writeFileSync(path, readFileSync(path, "utf8").replace(from, to));
}

const binds = [["127.0.0.1", "127.0.0.1"], ["127.0.0.1", "localhost"], ["::1", "[::1]"]];
for (const [bind, host] of binds) {
  test(`an open page reloads itself after an edit (${host})`, async () => {
    const s = await serve(bind);
    try {
      const page = await chrome.newPage();
      await page.goto(`http://${host}:${s.port}/en/ops/outage/`);
      await page.waitForSelector("html[data-keel-live=connected]");
      edit(s.root, "content/en/ops/outage.md", "Intro with", "Live edited intro with");
      await page.waitForFunction(() => document.body.textContent.includes("Live edited intro"),
        null, { timeout: 8000 });
      await page.waitForSelector("html[data-keel-live=connected]");
      edit(s.root, "content/en/ops/outage.md", "title: Outage", "title: [Outage");
      await page.waitForSelector("#keel-overlay", { timeout: 8000 });
      assert.match(await page.textContent("#keel-overlay"), /content\/en\/ops\/outage\.md:2:\d+/);
      edit(s.root, "content/en/ops/outage.md", "title: [Outage", "title: Outage");
      await page.waitForFunction(() => !document.getElementById("keel-overlay"), null,
        { timeout: 8000 });
      await page.close();
    } finally {
      s.child.kill();
    }
  });
}
