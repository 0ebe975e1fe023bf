// Renders Mermaid charts with @mermaid-js/mermaid-cli in Debian's chromium, one browser for all.
//   node check.mjs OUT_DIR CHART.mmd...
// Writes OUT_DIR/<name>.svg for each chart; prints "ok FILE" or "FAIL FILE: reason"; exits 1 when any failed.
// A chart fails when mermaid cannot parse it, and also when it renders a broken picture: the page
// logs an error, the SVG holds NaN, or a gantt bar has no length (a date mermaid could not read).
// CHROMIUM names the browser (default /usr/bin/chromium).
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer";
import { renderMermaid } from "@mermaid-js/mermaid-cli";

const [outDir, ...charts] = process.argv.slice(2);
if (!outDir || charts.length === 0) {
  console.error("usage: node check.mjs OUT_DIR CHART.mmd...");
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
let failed = 0;
try {
  for (const chart of charts) {
    const name = path.basename(chart).replace(/\.mmd$/, "");
    const logged = [];
    const warn = console.warn;
    console.warn = (...args) => logged.push(args.join(" "));
    try {
      const { data } = await renderMermaid(browser, fs.readFileSync(chart, "utf8"), "svg");
      const svg = Buffer.from(data).toString("utf8");
      if (!svg.includes("<svg") || /Syntax error/i.test(svg)) {
        throw new Error("the SVG holds no chart");
      }
      const errors = logged.filter((line) => /error/i.test(line));
      if (errors.length > 0) {
        throw new Error("the page logged: " + errors[0]);
      }
      if (/NaN/.test(svg)) {
        throw new Error("the SVG holds NaN coordinates");
      }
      for (const bar of svg.match(/<rect[^>]*class="task[^"]*"[^>]*>/g) || []) {
        const width = Number((bar.match(/ width="([^"]*)"/) || [])[1]);
        if (!(width > 0)) {
          throw new Error("a bar has no length (a date mermaid could not read?): " + bar.slice(0, 80));
        }
      }
      fs.writeFileSync(path.join(outDir, name + ".svg"), svg);
      console.warn = warn;
      console.log(`ok ${chart}`);
    } catch (e) {
      failed++;
      console.warn = warn;
      console.log(`FAIL ${chart}: ${String(e.message || e).split("\n").slice(0, 4).join(" | ")}`);
    }
  }
} finally {
  await browser.close();
}
console.log(`${charts.length - failed} of ${charts.length} charts rendered`);
process.exit(failed ? 1 : 0);
