// Lighthouse performance of the built playbook: a checklist page, a runbook and the home page in
// each language, served over HTTP on loopback, in headless Chromium.
//
//   (cd bench/lighthouse && npm ci)      # Lighthouse, pinned by its lock file
//   node bench/lighthouse.mjs            # build the bundled playbook, mobile (Lighthouse default)
//   node bench/lighthouse.mjs --site DIR --desktop --runs 3 --shifts
//
// Options: --site DIR (an already built folder; otherwise `cargo run --release -- build` into a
// temp folder), --desktop (also the desktop preset), --runs N (median of N runs per page, default
// 1), --pages a,b (paths under each language, default the three below), --shifts (list the
// elements that moved), --keep DIR (keep the JSON reports). CHROME_PATH defaults to
// /usr/bin/chromium. Prints a Markdown table; never touches the network beyond 127.0.0.1.
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync }
  from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const bin = join(here, "lighthouse", "node_modules", ".bin", "lighthouse");
const LANGS = ["en", "he", "pl"];
/** A checklist page (kind: checklist), a drill runbook (kind: runbook) and the home page. */
const PAGES = [
  ["checklist", "processes/order-handling/"],
  ["runbook", "drills/payment-outage/"],
  ["home", ""],
];

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name) => args.includes(name);
const runs = Math.max(1, Number(opt("--runs") || 1));
const pages = opt("--pages")
  ? opt("--pages").split(",").map((p) => p.replace(/^\/+/, ""))
    .map((p) => [p.split("/").filter(Boolean)[0] || "home", p])
  : PAGES;
const presets = flag("--desktop") ? ["mobile", "desktop"] : ["mobile"];
const chrome = process.env.CHROME_PATH || "/usr/bin/chromium";

if (!existsSync(bin)) {
  console.error("Lighthouse is missing: run (cd bench/lighthouse && npm ci) first.");
  process.exit(2);
}
if (!existsSync(chrome)) {
  console.error(`No Chromium at ${chrome} (apt-get install chromium, or set CHROME_PATH).`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), "keel-lighthouse-"));
let site = opt("--site");
if (!site) {
  site = join(scratch, "site");
  console.error(`building the bundled playbook into ${site} …`);
  const b = spawnSync("cargo", ["run", "--quiet", "--release", "--", "build", "--output", site],
    { cwd: repo, stdio: ["ignore", "inherit", "inherit"] });
  if (b.status !== 0) process.exit(1);
}
site = resolve(site);
const keep = opt("--keep") ? resolve(opt("--keep")) : null;
if (keep) mkdirSync(keep, { recursive: true });

// ---- a static file server on a free loopback port ----
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
  ".ics": "text/calendar; charset=utf-8", ".txt": "text/plain; charset=utf-8",
};
const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(site, path));
  if (!file.startsWith(site + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] || "application/octet-stream",
    "cache-control": "no-cache",
  });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
console.error(`serving ${site} at ${origin}/`);

function lighthouse(url, preset, out) {
  const argv = [
    url, "--output=json", `--output-path=${out}`, "--only-categories=performance", "--quiet",
    "--chrome-flags=--headless=new --no-sandbox",
  ];
  if (preset === "desktop") argv.push("--preset=desktop");
  return new Promise((ok, fail) => {
    const p = spawn(bin, argv, {
      stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CHROME_PATH: chrome },
    });
    p.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`lighthouse ${url}: ${code}`))));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const rows = [];
let i = 0;
for (const preset of presets) {
  for (const lang of LANGS) {
    for (const [kind, path] of pages) {
      const url = `${origin}/${lang}/${path}`;
      const got = [];
      for (let r = 0; r < runs; r++) {
        const out = join(keep || scratch, `${++i}-${preset}-${lang}-${kind}.json`);
        await lighthouse(url, preset, out);
        const L = JSON.parse(readFileSync(out, "utf8"));
        if (L.runtimeError) throw new Error(`${url}: ${L.runtimeError.message}`);
        const a = L.audits;
        const requests = a["network-requests"]?.details?.items || [];
        got.push({
          score: Math.round(L.categories.performance.score * 100),
          cls: a["cumulative-layout-shift"].numericValue,
          lcp: a["largest-contentful-paint"].numericValue,
          tbt: a["total-blocking-time"].numericValue,
          foreign: requests.filter((q) => !q.url.startsWith(origin) && !/^data:/.test(q.url))
            .length,
          shifts: (a["layout-shifts"]?.details?.items || []).map((s) => ({
            score: s.score, node: s.node?.snippet || s.node?.selector || "?",
          })),
        });
      }
      const pick = (k) => median(got.map((g) => g[k]));
      const row = {
        preset, page: `/${lang}/${path}`, kind, score: pick("score"), cls: pick("cls"),
        lcp: pick("lcp"), tbt: pick("tbt"), foreign: Math.max(...got.map((g) => g.foreign)),
        shifts: got[0].shifts, runs: got.map((g) => g.score),
      };
      rows.push(row);
      console.error(`${preset} ${row.page}: ${row.score} (CLS ${row.cls.toFixed(3)})`);
    }
  }
}
server.close();

const head = "| form factor | page | kind | performance | CLS | LCP (s) | TBT (ms) | "
  + "other-origin requests |";
console.log(head);
console.log("|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const score = runs > 1 ? `${r.score} (${r.runs.join(", ")})` : `${r.score}`;
  console.log(`| ${r.preset} | \`${r.page}\` | ${r.kind} | ${score} | ${r.cls.toFixed(3)} | `
    + `${(r.lcp / 1000).toFixed(2)} | ${Math.round(r.tbt)} | ${r.foreign} |`);
}
if (flag("--shifts")) {
  for (const r of rows.filter((x) => x.shifts.length)) {
    console.log(`\n${r.preset} ${r.page}:`);
    for (const s of r.shifts) console.log(`  ${s.score.toFixed(4)}  ${s.node}`);
  }
}
const worst = Math.min(...rows.map((r) => r.score));
const worstCls = Math.max(...rows.map((r) => r.cls));
console.log(`\nlowest score ${worst}, highest CLS ${worstCls.toFixed(3)}`);
rmSync(scratch, { recursive: true, force: true });
