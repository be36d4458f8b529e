import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import shared from './web-test-runner.config.mjs';

/**
 * The same widget suite, API server and fixtures as web-test-runner.config.mjs, in Firefox ESR:
 * puppeteer-core drives Debian's firefox-esr over WebDriver BiDi (no geckodriver, no new package).
 * Passing puppeteer-core as the launcher's own puppeteer makes the runner name the browser
 * "Firefox" in its output; without it the launcher calls every browser "Chrome".
 */
export default {
  ...shared,
  browsers: [
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
        headless: true,
      },
    }),
  ],
};
