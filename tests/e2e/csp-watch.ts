import { expect, test as base, type BrowserContext } from '@playwright/test';

/** The marker the page script logs a CSP violation with. */
const MARKER = 'klaxon-csp-violation:';

/**
 * Playwright's `test` with an automatic check: every page of the test's contexts (the default one
 * and any made with `browser.newContext`) reports Content-Security-Policy violations, and the test
 * fails after its body when there was any. This proves the relay's CSP leaves the apps working.
 */
export const test = base.extend<{ cspWatch: void }>({
  cspWatch: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = async (watched: BrowserContext) => {
        // A string, as the tests' TypeScript has no DOM types; it runs in every page before the app does.
        await watched.addInitScript({
          content: `document.addEventListener('securitypolicyviolation', (e) => console.error(${JSON.stringify(MARKER)} + ' ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`,
        });
        watched.on('console', (message) => {
          const text = message.text();
          if (text.startsWith(MARKER) || /Content Security Policy/i.test(text)) violations.push(text);
        });
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const made = await newContext(options);
        await watch(made);
        return made;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
