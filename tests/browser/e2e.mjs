// End-to-end test of kata serve's web page in headless Chromium (Debian's, never a
// downloaded browser): list the katas, open one, submit a wrong then a right answer, and
// see both results and the history. Usage: node e2e.mjs URL TOKEN
import { chromium } from "playwright-core";

const [url, token] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const fail = async (message) => {
  console.error("FAIL: " + message);
  await browser.close();
  process.exit(1);
};
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.fill("#token", token);
  await page.click("#save-token");
  await page.getByRole("link", { name: "Customers who never ordered" }).click();
  await page.waitForSelector("#statement h1");
  const heading = await page.textContent("#statement h1");
  if (heading !== "Customers who never ordered") await fail("statement heading: " + heading);

  await page.fill("#source", "SELECT id, name, email FROM customers");
  await page.click("button[type=submit]");
  await page.waitForSelector("#result p.fail", { timeout: 30000 });
  const wrong = await page.textContent("#result");
  if (!wrong.includes("FAIL")) await fail("wrong answer shows: " + wrong);

  await page.fill("#source", "SELECT c.id, c.name, c.email FROM customers AS c WHERE NOT EXISTS " +
                  "(SELECT 1 FROM orders AS o WHERE o.customer_id = c.id AND o.status <> 'cancelled')");
  await page.click("button[type=submit]");
  await page.waitForSelector("#result p.pass", { timeout: 30000 });
  const right = await page.textContent("#result");
  if (!right.includes("PASS")) await fail("right answer shows: " + right);

  await page.waitForFunction(() => document.querySelectorAll("#history tr").length === 2);
  if (process.env.KATA_SCREENSHOT) await page.screenshot({ path: process.env.KATA_SCREENSHOT, fullPage: false });
  console.log("ok: list, open, wrong then right answer, history of 2");
} catch (error) {
  await fail(error.message);
}
await browser.close();
