// Right-to-left pages as the eye reads them: on every Hebrew page and print view of the bundled
// playbook, every left-to-right word (Latin, Cyrillic or Greek letters, Polish and Portuguese
// ones included) must come out with its letters left to right on screen, and the words of one
// left-to-right phrase left to right too. Measured per character with a DOM Range in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { site, build, serve, browser, OUTPUT } from "./harness.mjs";

let out, srv, arabic, arabicSrv, chrome;
before(async () => {
  out = build(site("bundled"));
  srv = await serve(out);
  arabic = build(site("arabic"));
  arabicSrv = await serve(arabic);
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await srv?.close();
  await arabicSrv?.close();
});

/** Every `index.html` under `dir`, as paths from the output root `root`. */
function pages(dir, root = out) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...pages(p, root));
    else if (name === "index.html") found.push(relative(root, p));
  }
  return found;
}

/** The order problems of every page in `list`, served at `url`. */
async function problemsOf(url, list) {
  const tab = await chrome.newPage({ viewport: { width: 1000, height: 800 } });
  const problems = [];
  for (const path of list) {
    await tab.goto(url + path);
    for (const p of await tab.evaluate(misordered)) problems.push(`${path}: ${p}`);
  }
  await tab.close();
  return problems;
}

/**
 * Runs in the page: the left-to-right words whose letters, or the phrases whose words, are
 * out of order on screen. A word is a run of strong left-to-right letters, and a phrase a run
 * of such words with only spaces and neutral signs between them, both read across the text
 * nodes of one block (a word cut into pieces by markup is still one word), up to a
 * right-to-left letter or an isolation mark.
 */
function misordered() {
  const LTR = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
  // A right-to-left letter or mark (RLM, ALM) ends a phrase, and so do isolation marks: they
  // are where the text itself says one phrase stops and the next starts.
  const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\u200f\u061c\u2066-\u2069]/u;
  const BLOCK = "p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6, figcaption, summary, label, "
    + "caption, blockquote, pre, a, button, title, div, section, article, aside, header, "
    + "footer, nav, main, body";
  const bad = [];
  const range = document.createRange();
  const box = ({ node, at, len }) => {
    range.setStart(node, at);
    range.setEnd(node, at + len);
    const r = range.getClientRects();
    return r.length === 1 && r[0].width > 0 ? r[0] : null;
  };
  // The characters of each block, with where each is.
  const blocks = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest("script, style, [hidden], .visually-hidden")) continue;
    const block = parent.closest(BLOCK);
    if (!blocks.has(block)) blocks.set(block, []);
    let at = 0;
    for (const c of node.data) {
      blocks.get(block).push({ c, node, at, len: c.length });
      at += c.length;
    }
  }
  for (const chars of blocks.values()) {
    if (!chars.some((x) => LTR.test(x.c))) continue;
    const text = chars.map((x) => x.c).join("").trim().slice(0, 80);
    let phrase = [];
    const endPhrase = () => {
      for (let k = 0; k + 1 < phrase.length; k++) {
        const a = phrase[k], b = phrase[k + 1];
        if (a.box && b.box && Math.abs(a.box.top - b.box.top) < 2 && a.box.left > b.box.left) {
          bad.push(`phrase "${text}": "${a.word}" after "${b.word}"`);
        }
      }
      phrase = [];
    };
    let i = 0;
    while (i < chars.length) {
      if (RTL.test(chars[i].c)) { endPhrase(); i++; continue; }
      if (!LTR.test(chars[i].c)) { i++; continue; }
      let j = i;
      while (j < chars.length && LTR.test(chars[j].c)) j++;
      const boxes = chars.slice(i, j).map(box);
      const word = chars.slice(i, j).map((x) => x.c).join("");
      for (let k = 0; k + 1 < boxes.length; k++) {
        const a = boxes[k], b = boxes[k + 1];
        if (a && b && Math.abs(a.top - b.top) < 2 && a.left > b.left + 0.5) {
          bad.push(`word "${word}" in "${text}"`);
          break;
        }
      }
      phrase.push({ word, box: boxes.find((b) => b) });
      i = j;
    }
    endPhrase();
  }
  return bad;
}

test("the check sees a word cut in pieces and a phrase laid out backwards", async () => {
  const tab = await chrome.newPage();
  await tab.setContent(`<html lang="he" dir="rtl"><body>
    <p>המונח <bdi>zar</bdi>ą<bdi>dzanie</bdi> בפולנית</p>
    <p>צוות <bdi>crisis</bdi> <bdi>team</bdi> כאן</p>
    <p>המונח <bdi>zarządzanie kryzysowe</bdi> בפולנית</p></body></html>`);
  const found = await tab.evaluate(misordered);
  await tab.close();
  assert.equal(found.length, 2, found.join("\n"));
  assert.match(found[0], /zarądzanie/);
  assert.match(found[1], /"crisis" after "team"/);
});

test("left-to-right words and phrases on Hebrew pages and print views read left to right",
  async () => {
    const list = pages(join(out, "he"));
    assert.ok(list.length > 50, `${list.length} Hebrew pages`);
    assert.ok(list.some((p) => p.includes("/print/")), "print views are among them");
    assert.deepEqual(await problemsOf(srv.url, list), []);
    const tab = await chrome.newPage({ viewport: { width: 1000, height: 800 } });
    await tab.goto(srv.url + "he/reference/glossary/index.html");
    await tab.screenshot({ path: join(OUTPUT, "rtl-glossary-he.png"), fullPage: true });
    await tab.close();
  });

test("and on the Arabic and he-IL pages of a fourth and fifth language", async () => {
  const list = [...pages(join(arabic, "ar"), arabic), ...pages(join(arabic, "he-IL"), arabic)];
  assert.ok(list.length >= 4, `${list.length} pages`);
  assert.deepEqual(await problemsOf(arabicSrv.url, list), []);
  const tab = await chrome.newPage({ viewport: { width: 1000, height: 800 } });
  await tab.goto(arabicSrv.url + list.find((p) => p.startsWith("ar/") && p.split("/").length > 3));
  await tab.screenshot({ path: join(OUTPUT, "rtl-page-ar.png"), fullPage: true });
  await tab.close();
});

test("the Hebrew print footer isolates its address", async () => {
  const tab = await chrome.newPage();
  await tab.goto(srv.url + "he/drills/payment-outage/print/index.html");
  const footer = srv.url + "he/drills/payment-outage/print/print-footer.css";
  const css = await (await fetch(footer)).text();
  assert.match(css, /\u2066example\.org\/playbook\/he\/drills\/payment-outage\/\u2069/);
  const pdf = join(OUTPUT, "rtl-footer-he.pdf");
  await tab.pdf({ path: pdf, format: "A4", preferCSSPageSize: false });
  await tab.close();
  // The first printed page, footer included, for a person to look at.
  execFileSync("pdftoppm",
    ["-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, join(OUTPUT, "rtl-footer-he")]);
});
