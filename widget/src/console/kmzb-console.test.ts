import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { ApiPath, apiPath } from '../../../common/api.js';
import type { ReportView } from '../../../common/schemas/report.js';
import type { WidgetConfig } from '../../../common/schemas/widget-config.js';
import { FIXTURE_REPORTS } from '../components/kmzb-map/report-map.fixtures.js';
import '../kmzb-map.js';
import { ADMIN, CONFIG_UNIT, OFFICER } from './console.fixtures.js';
import { enterReport, inside, liveText, loggedInAs, mountLoggedOut, openScreen, screen, submitLogin, until } from './console-test-helpers.js';
import type { ConsoleQueue } from './console-queue/console-queue.component.js';

const rows = (queue: Element) => [...queue.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-id'));

describe('<kmzb-console>', () => {
  after(() => {
    location.hash = '';
    document.documentElement.lang = 'pl';
  });

  describe('login', () => {
    it('shows an accessible login form in Polish and ties a wrong password to the password field', async () => {
      const el = await mountLoggedOut();
      const login = await screen(el, 'console-login');
      expect(inside(login, 'h2').textContent).to.equal('Logowanie');
      await expect(el).to.be.accessible();
      await submitLogin(el, OFFICER.login, 'not-the-password');
      await until(() => login.shadowRoot!.querySelector('#password-error'), 'no error under the password');
      expect(inside(login, '#password-error').textContent).to.equal('Nieprawidłowy login lub hasło.');
      expect(inside(login, '#password').getAttribute('aria-describedby')).to.equal('password-error');
      expect(inside(login, '#password').getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('asks for a missing login without calling the server', async () => {
      const el = await mountLoggedOut();
      await submitLogin(el, '', 'x');
      const login = await screen(el, 'console-login');
      await until(() => login.shadowRoot!.querySelector('#login-error'));
      expect(inside(login, '#login-error').textContent).to.equal('Wpisz login.');
    });

    it('logs in and shows the queue of the unit: its fixture reports, overdue ones first with badges', async () => {
      const el = await loggedInAs(OFFICER);
      const queue = await screen(el, 'console-queue');
      const ids = rows(queue);
      for (const report of FIXTURE_REPORTS) expect(ids).to.include(report.id);
      // ZAKMAP0007 is 20 days old and still new: both targets missed, so it comes first.
      expect(ids[0]).to.equal('ZAKMAP0007');
      const badges = [...inside(queue, 'tr[data-id="ZAKMAP0007"]').querySelectorAll('.badge')].map((b) => b.textContent);
      expect(badges).to.deep.equal(['ponad 2 dni nieodczytane', 'ponad 5 dni niezweryfikowane']);
      expect(inside(el, 'header').textContent).to.contain('Anna Testowa');
      // An officer gets no admin screens in the menu.
      // A boolean, not the element: a failing comparison of an element stalls the test runner.
      expect(el.shadowRoot!.querySelector('nav a[href="#config"]') !== null, 'a #config link').to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('maps the page of the queue, one marker per row, and a click on a marker opens its report', async () => {
      const el = await loggedInAs(OFFICER);
      const queue = await screen<ConsoleQueue>(el, 'console-queue');
      const ids = rows(queue);
      const source = queue.mapLayer.getSource()!;
      await until(() => source.getFeatures().length === ids.length, 'the map does not have one marker per row');
      expect(source.getFeatures().map((f) => f.getId()).sort()).to.deep.equal([...ids].sort());
      const mapEl = inside(queue, '.map');
      expect(mapEl.getAttribute('role')).to.equal('img');
      expect(mapEl.getAttribute('aria-label')).to.contain('tabeli');
      await expect(el).to.be.accessible();

      // Click the marker of the first row, where it is drawn (another may lie on top of it).
      const map = queue.map!;
      mapEl.scrollIntoView({ block: 'center' });
      const pixel = map.getPixelFromCoordinate((source.getFeatureById(ids[0]!)!.getGeometry() as import('ol/geom/Point.js').default).getCoordinates());
      let hit: string | undefined;
      await until(() => {
        map.renderSync();
        map.forEachFeatureAtPixel(pixel, (f) => ((hit = String(f.getId())), true), { layerFilter: (l) => l === queue.mapLayer, hitTolerance: 4 });
        return hit;
      }, 'no marker drawn at the first row\'s point');
      const box = map.getViewport()!.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.left + pixel[0]!), Math.round(box.top + pixel[1]!)] });
      await until(() => location.hash === `#report/${hit}`, `the click did not open ${hit}: ${location.hash}`);
      const page = await screen(el, 'console-report');
      await until(() => page.shadowRoot!.querySelector('dl'), 'the report never loaded');
      location.hash = '';
    });

    it('filters the queue by status', async () => {
      const el = await loggedInAs(OFFICER);
      const queue = await screen(el, 'console-queue');
      inside<HTMLSelectElement>(queue, 'select[name="status"]').value = 'confirmed';
      inside<HTMLButtonElement>(queue, 'form.filters button[type="submit"]').click();
      await until(() => rows(queue).length === 1, 'the filter did not narrow the queue');
      expect(rows(queue)).to.deep.equal(['ZAKMAP0003']);
    });

    it('switches the language of every screen', async () => {
      const el = await loggedInAs(OFFICER);
      const select = inside<HTMLSelectElement>(el, '.lang select');
      select.value = 'en';
      select.dispatchEvent(new Event('change'));
      const queue = await screen(el, 'console-queue');
      await until(() => inside(queue, 'h2').textContent === 'Reports to handle');
      expect(document.documentElement.lang).to.equal('en');
      document.documentElement.lang = 'pl';
    });
  });

  describe('report page', () => {
    it('offers only the allowed moves and publishes the public note in the public report', async () => {
      const el = await loggedInAs(ADMIN);
      const created = await enterReport('Auto na przejściu dla pieszych.');
      const page = await openScreen(el, `#report/${created.id}`, 'console-report');
      await until(() => page.shadowRoot!.querySelector('.description'), 'the report never loaded');
      expect(inside(page, '.description').textContent).to.equal('Auto na przejściu dla pieszych.');
      await expect(el).to.be.accessible();

      inside<HTMLButtonElement>(page, 'button.change-status').click();
      const dialog = inside<LitElement>(page, 'console-status-dialog');
      await dialog.updateComplete;
      const offered = [...dialog.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="status"]')].map((i) => i.value);
      expect(offered).to.deep.equal(['verifying', 'hidden']);
      await expect(dialog).to.be.accessible();

      inside<HTMLInputElement>(dialog, 'input[value="verifying"]').click();
      const note = `Patrol sprawdza ${created.id}.`;
      inside<HTMLTextAreaElement>(dialog, 'textarea[name="publicNote"]').value = note;
      inside<HTMLTextAreaElement>(dialog, 'textarea[name="internalNote"]').value = 'Zgłaszający: telefon.';
      inside<HTMLButtonElement>(dialog, 'button[type="submit"]').click();
      await until(() => liveText(el) === 'Status zmieniony na: Weryfikacja.', 'no announcement of the change');
      await until(() => page.shadowRoot!.querySelector('.internal-note'), 'history not reloaded');
      expect(inside(page, '.public-note').textContent).to.contain(note);

      const response = await fetch(apiPath(ApiPath.report, { id: created.id }));
      expect(response.status).to.equal(200);
      const view = (await response.json()) as ReportView;
      expect(view.status).to.equal('verifying');
      expect(view.history.map((h) => h.note)).to.include(note);
      expect(JSON.stringify(view)).not.to.contain('telefon');

      // From verifying the dialog offers the outcomes of a check, and hiding.
      inside<HTMLButtonElement>(page, 'button.change-status').click();
      await dialog.updateComplete;
      const next = [...dialog.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="status"]')].map((i) => i.value);
      expect(next).to.deep.equal(['confirmed', 'not_confirmed', 'prank', 'hidden']);
      inside<HTMLButtonElement>(dialog, 'button.secondary').click();

      // The message belongs to the report page: the queue does not repeat it, nor does the report on return.
      await openScreen(el, '#queue', 'console-queue');
      await until(() => liveText(el) === '', `the message followed to the queue: "${liveText(el)}"`);
      await openScreen(el, `#report/${created.id}`, 'console-report');
      expect(liveText(el)).to.equal('');
    });

    it('refuses a stale change with a message and shows the report as it is now', async () => {
      const el = await loggedInAs(ADMIN);
      const created = await enterReport('Zmieniane równolegle.');
      const page = await openScreen(el, `#report/${created.id}`, 'console-report');
      await until(() => page.shadowRoot!.querySelector('.description'));
      // Someone else takes it up meanwhile.
      await fetch(`/api/v1/staff/reports/${created.id}/status`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'verifying', version: created.version }),
      });
      inside<HTMLButtonElement>(page, 'button.change-status').click();
      const dialog = inside<LitElement>(page, 'console-status-dialog');
      await dialog.updateComplete;
      inside<HTMLInputElement>(dialog, 'input[value="verifying"]').click();
      inside<HTMLButtonElement>(dialog, 'button[type="submit"]').click();
      await until(() => liveText(el) === 'Ktoś w międzyczasie zmienił to zgłoszenie. Odśwież je.', 'no stale message');
      await until(() => inside(page, 'dl').textContent!.includes('Weryfikacja'), 'the report was not reloaded');
    });
  });

  describe('widget configurator', () => {
    it('changes the live preview with every edit, saves, and shows the exact snippet', async () => {
      const el = await loggedInAs(ADMIN);
      const config = await openScreen(el, '#config', 'console-configurator');
      const unitSelect = inside<HTMLSelectElement>(config, 'select.unit');
      unitSelect.value = CONFIG_UNIT;
      unitSelect.dispatchEvent(new Event('change'));
      await until(() => config.shadowRoot!.querySelector('form.config') && inside(config, 'kmzb-map').getAttribute('unit') === CONFIG_UNIT);
      const preview = () => inside(config, 'kmzb-map');
      expect(preview().getAttribute('basemap')).to.equal('none');

      const own = inside<HTMLInputElement>(config, 'input[name="ownAccent"]');
      own.click();
      await config.updateComplete;
      const colour = inside<HTMLInputElement>(config, 'input[name="accentColor"]');
      colour.value = '#aa0000';
      colour.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await config.updateComplete;
      // The preview applies the draft as an embedded widget applies the saved settings.
      const frame = () => preview().shadowRoot!.querySelector<HTMLElement>('section.frame')!;
      await until(() => frame().style.getPropertyValue('--kmzb-accent') === '#aa0000', 'the preview kept its accent');

      const lang = inside<HTMLSelectElement>(config, 'select[name="defaultLang"]');
      lang.value = 'en';
      lang.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      await config.updateComplete;
      // English words come in their own chunk: wait for the words, not only the language tag.
      await until(() => preview().shadowRoot!.querySelector('#view-button')!.textContent!.trim() === 'Report a threat', 'the preview stayed in Polish');
      expect(frame().getAttribute('lang')).to.equal('en');

      expect(inside(config, '.snippet code').textContent).to.equal(
        `<script type="module" src="${location.origin}/widget/kmzb-map.js"></script>\n<kmzb-map unit="${CONFIG_UNIT}"></kmzb-map>`,
      );
      await expect(el).to.be.accessible();

      inside<HTMLButtonElement>(config, 'form.config button[type="submit"]').click();
      await until(() => liveText(el) === 'Zapisano konfigurację widżetu.', `not saved: ${config.shadowRoot!.querySelector('.error')?.textContent}`);
      const effective = (await (await fetch(apiPath(ApiPath.widgetConfig, { id: CONFIG_UNIT }))).json()) as WidgetConfig;
      expect(effective.accentColor.toLowerCase()).to.equal('#aa0000');
      expect(effective.defaultLang).to.equal('en');

      inside<HTMLButtonElement>(config, 'button.copy').click();
      await until(() => /Skopiowano|Nie udało się skopiować/.test(liveText(el)), 'the copy button said nothing');
    });

    it('lists the staff of the subtree and the audit log for admins', async () => {
      const el = await loggedInAs(ADMIN);
      const staff = await openScreen(el, '#staff', 'console-staff');
      await until(() => staff.shadowRoot!.querySelector(`tr[data-login="${OFFICER.login}"]`), 'the officer is not listed');
      await expect(el).to.be.accessible();
      const audit = await openScreen(el, '#audit', 'console-audit');
      await until(() => audit.shadowRoot!.querySelector('tbody tr'), 'the audit log is empty');
      await expect(el).to.be.accessible();
    });
  });
});
