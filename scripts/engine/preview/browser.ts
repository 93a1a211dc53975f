/**
 * Debian's Chromium, headless, driven by playwright-core (which downloads no browser): pages in,
 * PNGs out, with every console error and page error the page raised. One browser per session;
 * playwright gives it a fresh temporary profile (--user-data-dir) and removes it on close.
 */
import { chromium, type Browser } from "playwright-core";
import { existsSync } from "node:fs";

export const chromiumPath = "/usr/bin/chromium";

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface Shot {
  png: Buffer;
  /** Console errors and uncaught exceptions, in the order they happened. */
  errors: string[];
}

export interface BrowserSession {
  /** Load `html`, wait until the page sets `window.__previewReady`, screenshot the full page. */
  screenshot(html: string, width: number): Promise<Shot>;
  /** Load `html` and run `probe` in it once ready: what the browser tests measure. */
  evaluate<T>(html: string, width: number, probe: () => T): Promise<{ value: T; errors: string[] }>;
  close(): Promise<void>;
}

/** Chromium is not installed (the caller says so, or fails in CI). */
export const chromiumMissing = (): boolean => !existsSync(chromiumPath);

export async function openBrowser(timeoutMs = 60_000): Promise<BrowserSession> {
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    timeout: timeoutMs,
  });
  async function withPage<T>(
    html: string,
    width: number,
    use: (page: import("playwright-core").Page) => Promise<T>,
  ): Promise<{ value: T; errors: string[] }> {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      deviceScaleFactor: 1,
      timezoneId: "UTC",
      locale: "en-US",
      offline: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.setContent(html, { waitUntil: "load", timeout: timeoutMs });
      await page.waitForFunction(
        () => (window as { __previewReady?: boolean }).__previewReady === true,
        undefined,
        {
          timeout: timeoutMs,
        },
      );
      return { value: await use(page), errors };
    } finally {
      await context.close();
    }
  }
  return {
    async screenshot(html, width) {
      const { value, errors } = await withPage(html, width, (page) =>
        page.screenshot({ fullPage: true, type: "png" }),
      );
      return { png: value, errors };
    },
    evaluate: (html, width, probe) => withPage(html, width, (page) => page.evaluate(probe)),
    close: () => browser.close(),
  };
}
