import { expect } from '@open-wc/testing';
import { ADMIN } from '../console.fixtures.js';
import { inside, loggedInAs, openScreen, until } from '../console-test-helpers.js';
import { WIDGET_MANIFEST_PATH } from './widget-release.js';

const RELEASE = { file: 'v/kmzb-map.Ab12Cd34.js', integrity: 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC' };

describe('widget configurator snippet', () => {
  it('points at the build\'s versioned file with its integrity and crossorigin', async () => {
    const el = await loggedInAs(ADMIN);
    // The test server has no build: answer /widget/manifest.json as the server does after one.
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      new URL(input instanceof Request ? input.url : String(input), location.href).pathname === WIDGET_MANIFEST_PATH
        ? Promise.resolve(Response.json({ module: RELEASE, classic: { ...RELEASE, file: 'v/kmzb-map.classic.x.js' } }))
        : original(input, init);
    try {
      const config = await openScreen(el, '#config', 'console-configurator');
      await until(() => config.shadowRoot!.querySelector('.snippet code')?.textContent?.includes('integrity'), 'the snippet stayed unversioned');
      const unit = inside(config, 'kmzb-map').getAttribute('unit');
      expect(inside(config, '.snippet code').textContent).to.equal(
        `<script type="module" src="${location.origin}/widget/${RELEASE.file}" integrity="${RELEASE.integrity}" crossorigin="anonymous"></script>\n<kmzb-map unit="${unit}"></kmzb-map>`,
      );
      expect(inside(config, '.snippet .version').textContent).to.contain('integrity');
    } finally {
      window.fetch = original;
    }
  });
});
