// The playground in a real browser: Debian's Chromium, driven by
// playwright-core, opens `/`, switches to the TheEuLoan example tab, runs it
// and waits for the seed article's answer in the result panel. Fails on any
// request to another host (the playground must work with no internet), any
// failed request, any console error or uncaught exception. Leaves a
// screenshot in target/playground.png (from the repository's root).
//
// NEWSGRAPH_URL: the server, seeded (http://127.0.0.1:PORT).
// CHROMIUM: the browser to drive; /usr/bin/chromium unless set.

import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const base = new URL(process.env.NEWSGRAPH_URL ?? fail("NEWSGRAPH_URL is not set"));
const screenshot = fileURLToPath(new URL("../../../target/playground.png", import.meta.url));
// What the TheEuLoan example answers about the seed article (see
// tests/e2e/examples.rs): the amount, and who lends.
const answers = ['"amount": "184000000000"', '"name": "European Commission"'];

function fail(message) {
  console.error(`playground: ${message}`);
  process.exit(1);
}

const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
let page;
try {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.origin !== base.origin) {
      problems.push(`a request to another host: ${request.url()}`);
    }
  });
  page.on("requestfailed", (request) => {
    problems.push(`a failed request: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`a console error: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`an uncaught exception: ${error.message}`));

  await page.goto(new URL("/", base).toString(), { waitUntil: "load" });
  // GraphiQL has rendered, and loaded the schema (the docs explorer needs it).
  await page.locator(".graphiql-container").waitFor({ timeout: 30_000 });
  const tab = page.locator(".graphiql-tab-button", { hasText: "TheEuLoan" });
  await tab.click({ timeout: 30_000 });
  await page
    .locator(".graphiql-query-editor .CodeMirror", { hasText: "query TheEuLoan" })
    .waitFor({ timeout: 10_000 });
  // GraphiQL learns the new tab's operation name 100 ms after the editor
  // changes (a debounce); run sooner and it sends the old tab's name, and
  // the server answers "Unknown operation named ..." (graphql/graphiql#3632).
  // No person clicks that fast; wait for the name as GraphiQL stores it.
  await page.waitForFunction(() => localStorage.getItem("graphiql:operationName") === "TheEuLoan", null, {
    timeout: 10_000,
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  await page.locator(".graphiql-execute-button").click();

  const response = page.locator(".graphiql-response");
  try {
    await page.waitForFunction(
      (texts) => {
        const panel = document.querySelector(".graphiql-response");
        return panel !== null && texts.every((t) => panel.innerText.includes(t));
      },
      answers,
      { timeout: 30_000 },
    );
  } catch {
    problems.push(`the result panel never showed ${answers.join(" and ")}: ${await response.innerText()}`);
  }
} catch (error) {
  problems.push(`the page could not be driven: ${error.message}`);
} finally {
  // The screenshot shows what went wrong, too.
  await mkdir(new URL("../../../target/", import.meta.url), { recursive: true });
  await page?.screenshot({ path: screenshot }).catch(() => {});
  await browser.close();
}

if (problems.length > 0) {
  fail(`the playground did not work as it should:\n  ${problems.join("\n  ")}\n(screenshot: ${screenshot})`);
}
console.log(`playground: ok: TheEuLoan answered in Chromium, nothing loaded from another host; screenshot: ${screenshot}`);
