// Shared pieces of the browser tests: build a site with the keel binary, serve it on 127.0.0.1,
// and drive Debian's Chromium through playwright-core (no downloaded browser).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, extname, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";

export const REPO = process.env.KEEL_REPO || resolve(import.meta.dirname, "../..");
export const KEEL = process.env.KEEL_BIN || join(REPO, "target/debug/keel");
export const OUTPUT = process.env.KEEL_TEST_OUTPUT || join(REPO, "target/test-output");
export const CHROMIUM = process.env.KEEL_CHROMIUM || "/usr/bin/chromium";
mkdirSync(OUTPUT, { recursive: true });

/** A temp copy of a fixture site (or of the bundled playbook with `bundled`). */
export function site(name) {
  const dir = mkdtempSync(join(tmpdir(), "keel-browser-"));
  if (name === "bundled") {
    for (const part of ["keel.yaml", "content", "themes", "i18n"]) {
      cpSync(join(REPO, part), join(dir, part), { recursive: true });
    }
  } else {
    cpSync(join(REPO, "tests/fixtures", name), dir, { recursive: true });
    cpSync(join(REPO, "themes"), join(dir, "themes"), { recursive: true });
    cpSync(join(REPO, "i18n"), join(dir, "i18n"), { recursive: true });
  }
  return dir;
}

export function build(root) {
  const args = ["build", "--root", root, "--output", join(root, "public")];
  const r = spawnSync(KEEL, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`keel build failed:\n${r.stderr}`);
  return join(root, "public");
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml" };

/**
 * Serve `dir` on a free loopback port; returns { url, close }. With `slowScripts` (ms) every
 * `.js` file is answered that much later, as on a slow phone network.
 */
export async function serve(dir, { slowScripts = 0 } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) { res.writeHead(400).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404).end("not found"); return; }
    if (slowScripts && extname(file) === ".js") {
      await new Promise((ok) => setTimeout(ok, slowScripts));
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    dir,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export async function browser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** A page that records errors and every request that leaves `origin`. */
export async function page(context, origin) {
  const p = await context.newPage();
  p.errors = [];
  p.foreign = [];
  p.on("pageerror", (e) => p.errors.push(String(e)));
  p.on("console", (m) => { if (m.type() === "error") p.errors.push(m.text()); });
  p.on("request", (r) => {
    const url = r.url();
    const local = ["blob:", "data:"].some((s) => url.startsWith(s));
    if (origin && !url.startsWith(origin) && !local) p.foreign.push(url);
  });
  return p;
}
