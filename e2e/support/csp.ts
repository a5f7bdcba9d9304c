// Collects what Chromium's Content Security Policy refused on a page ("Refused to execute inline
// script…", "Refused to load…"), so a spec can assert the pages it visits work under the policy.
import type { Page } from "@playwright/test";

export function cspViolations(page: Page): string[] {
  const refused: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Refused to|Content[- ]Security[- ]Policy/i.test(text)) refused.push(`${page.url()}: ${text}`);
  });
  return refused;
}
