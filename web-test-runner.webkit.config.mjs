import { WebKitLauncher } from './build/webkit-launcher.mjs';
import shared from './web-test-runner.config.mjs';

/**
 * The same widget suite, API server and fixtures as web-test-runner.config.mjs, in WebKitGTK
 * (Debian's webkit2gtk-driver and xvfb; see build/webkit-launcher.mjs). Experimental: see README.
 */
export default {
  ...shared,
  browsers: [new WebKitLauncher()],
};
