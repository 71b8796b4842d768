// Printed runbooks in headless Chromium (Page.printToPDF), checked with poppler's pdftotext and
// pdfinfo: forms, packets, the print-all bundle, Hebrew in logical order. First pages are kept
// as PNG in the test output folder for review.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { site, build, serve, browser, OUTPUT, REPO } from "./harness.mjs";

let srv, chrome;
before(async () => {
  srv = await serve(build(site("bundled")));
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await srv?.close();
});

/** Print `path` to PDF; returns { text, pages }. Keeps page 1 as PNG under `name`. */
async function print(path, name, format = "A4") {
  const page = await chrome.newPage();
  await page.goto(srv.url + path);
  const pdf = join(OUTPUT, `${name}.pdf`);
  await page.pdf({ path: pdf, format, preferCSSPageSize: false });
  await page.close();
  execFileSync("pdftoppm",
    ["-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, join(OUTPUT, name)]);
  // pdftotext marks right-to-left runs with embedding controls; the letters inside are what count.
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" })
    .replace(/[\u200e\u200f\u202a-\u202e]/g, "");
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = +info.match(/Pages:\s+(\d+)/)[1];
  const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+)/);
  return { text, pages, width: +size[1], height: +size[2] };
}

/** The opening words of the drill's second inject, which only the facilitator packet prints. */
function inject(lang) {
  const yaml = readFileSync(join(REPO, `content/${lang}/drills/payment-outage.yaml`), "utf8");
  const says = [...yaml.matchAll(/\n\s+say: "?(.+?)"?\n/g)].map((m) => m[1]);
  return says[1].split(/\s+/).slice(0, 4).join(" ");
}

test("an English runbook prints as a form, participant and facilitator packets differ",
  async () => {
  const drill = "en/drills/payment-outage/print";
  const participant = await print(`${drill}/index.html`, "print-en-participant");
  const facilitator = await print(`${drill}/facilitator/index.html`, "print-en-facilitator",
    "Letter");
  assert.ok(participant.pages >= 2 && participant.pages <= 6, `${participant.pages} pages`);
  assert.ok(facilitator.pages > participant.pages - 1 && facilitator.pages <= 9,
    `${facilitator.pages} pages`);
  assert.ok(Math.abs(participant.width - 595) <= 2, `A4, got ${participant.width}`);
  assert.ok(Math.abs(facilitator.width - 612) <= 2, `US Letter, got ${facilitator.width}`);
  for (const { text } of [participant, facilitator]) {
    assert.match(text, /Payment gateway outage/);
    for (const heading of ["Roles", "Role", "Responsibility", "Name", "Phone", "Incident lead",
      "Step", "Target", "Initials", "Notes", "Sign-off", "Signature"]) {
      assert.ok(text.includes(heading), `"${heading}" printed`);
    }
    assert.match(text, /DECISION POINT|Decision point/i);
    assert.match(text, /PAUSE POINT|Pause point/i);
    assert.match(text, /T\+15m/);
    assert.match(text, /Page 1 of \d/, "footer with page X of Y");
    assert.match(text, /example\.org\/playbook\/en\/drills\/payment-outage\//,
      "short URL of the web version");
    for (const nav of ["Skip to content", "Back to the web page", "Print this page",
      "Case studies", "Sections"]) {
      assert.ok(!text.includes(nav), `no navigation text: "${nav}"`);
    }
  }
  const say = inject("en");
  const flat = (t) => t.replace(/\s+/g, " ");
  assert.ok(flat(facilitator.text).includes(say), `the facilitator packet has the inject "${say}"`);
  assert.ok(!flat(participant.text).includes(say), "the participant packet leaves it out");
  assert.match(facilitator.text, /Debrief questions/);
  assert.doesNotMatch(participant.text, /Debrief questions|Evaluation criteria/);
});

test("a Hebrew runbook prints right to left with text in logical order", async () => {
  const he = await print("he/drills/payment-outage/print/facilitator/index.html",
    "print-he-facilitator");
  assert.ok(he.pages >= 2 && he.pages <= 9, `${he.pages} pages`);
  assert.ok(he.text.includes("השבתה של שער התשלומים"), "the title reads in logical order");
  for (const word of ["תפקידים", "טלפון", "אישור וחתימה", "חתימה", "הערות", "מנהל/ת האירוע"]) {
    assert.ok(he.text.includes(word), `"${word}" printed`);
  }
  assert.match(he.text, /עמוד\s*1\s*מתוך\s*\d/, "footer in Hebrew");
  assert.ok(he.text.replace(/\s+/g, " ").includes(inject("he")), `inject "${inject("he")}"`);
  assert.ok(!he.text.includes("דילוג לתוכן"), "no skip link or navigation");
});

test("print all: the whole drill kit in one document with contents and a page per runbook",
  async () => {
  const all = await print("en/print/drills/index.html", "print-en-all-drills");
  const titles = readFileSync(join(REPO, "content/en/drills/_index.md"), "utf8");
  assert.ok(titles.length > 0);
  assert.match(all.text, /Contents/);
  assert.ok(all.pages >= 10 && all.pages <= 120, `${all.pages} pages`);
  for (const t of ["Payment gateway outage", "Sign-off"]) assert.ok(all.text.includes(t));
  assert.doesNotMatch(all.text, /Debrief questions/, "participant packets");
  const hePl = await print("pl/print/routines/index.html", "print-pl-routines");
  assert.ok(hePl.pages >= 3, `${hePl.pages} pages`);
  assert.match(hePl.text, /Strona 1 z \d/);
});

test("ordinary pages print without navigation, links as numbered short URLs", async () => {
  const page = await print("en/crises/payment-outage/index.html", "print-en-page");
  assert.ok(!page.text.includes("Skip to content"));
  assert.doesNotMatch(page.text, /Mark all done|Start run/);
  assert.match(page.text, /\[1\]/);
  assert.match(page.text, /Links\s+1\. example\.org\/playbook\/en\//);
});

test("no table header of any print view overflows its column on A4, in any language",
  async () => {
    const root = srv.dir;
    const views = [];
    const walk = (dir, rel) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p, `${rel}${name}/`);
        else if (name === "index.html" && rel.includes("/print/")) views.push(rel + name);
      }
    };
    walk(root, "");
    assert.ok(views.length > 30, `${views.length} print views`);
    // A4's width less the print margins (12 mm each side), at 96 px to the inch.
    const tab = await chrome.newPage({ viewport: { width: 704, height: 1000 } });
    await tab.emulateMedia({ media: "print" });
    const overflow = [];
    for (const view of views) {
      await tab.goto(srv.url + view);
      const bad = await tab.evaluate(() => [...document.querySelectorAll("th")]
        .filter((th) => th.scrollWidth > th.clientWidth + 1)
        .map((th) => `"${th.textContent.trim()}" ${th.scrollWidth}>${th.clientWidth}`));
      for (const b of bad) overflow.push(`${view}: ${b}`);
    }
    await tab.close();
    assert.deepEqual(overflow, []);
  });
