import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, button, choose, click, focused, freshDevice, mountReport, placeStatus, pngFile, waitForStep } from './report-form.fixtures.js';
import type { KmzbMap } from '../kmzb-map/kmzb-map.component.js';
import type { KmzbReportForm } from './kmzb-report-form.component.js';

/** Drops the pin at the map's centre with the keyboard and goes on to the categories. */
async function toCategories(el: KmzbMap, form: KmzbReportForm, next = 'Dalej'): Promise<void> {
  $(el, '#map')!.focus();
  await sendKeys({ press: 'Enter' });
  await placeStatus(form);
  await click(button(form, next));
  await waitForStep(form, 'category');
}

/** Replaces navigator.geolocation for one test. */
function fakeGeolocation(answer: (ok: PositionCallback, fail: PositionErrorCallback) => void): () => void {
  const fake = { getCurrentPosition: answer } as unknown as Geolocation;
  Object.defineProperty(navigator, 'geolocation', { value: fake, configurable: true });
  return () => delete (navigator as { geolocation?: Geolocation }).geolocation;
}

const position = (lon: number, lat: number) => ({ coords: { longitude: lon, latitude: lat, accuracy: 10 } }) as GeolocationPosition;

describe('<kmzb-map view="report"> details', () => {
  beforeEach(freshDevice);

  it('is accessible in every step, photos and a field error included, and sends photos as multipart', async () => {
    const { el, form } = await mountReport('pl');
    await expect(el).to.be.accessible();
    await toCategories(el, form);
    await expect(el).to.be.accessible();
    await click($(form, 'input[value="illegal_dump"]')!.closest('label')!);
    await click(button(form, 'Dalej'));
    await waitForStep(form, 'details');

    choose($(form, '#photos') as HTMLInputElement, [await pngFile('dump.png')]);
    await form.updateComplete;
    expect($<HTMLImageElement>(form, '.photos img')!.alt).to.equal('Zdjęcie 1: dump.png');
    const eventAt = $<HTMLInputElement>(form, '#event-at')!;
    eventAt.value = '2099-01-01T12:00';
    eventAt.dispatchEvent(new Event('change'));
    await click(button(form, 'Wyślij zgłoszenie'));
    await form.updateComplete;
    expect($(form, '#eventAt-error')!.textContent).to.equal('Data zdarzenia nie może być z przyszłości.');
    expect(eventAt.getAttribute('aria-invalid')).to.equal('true');
    expect(eventAt.getAttribute('aria-describedby')).to.equal('event-at-hint eventAt-error');
    expect(focused(el)).to.equal(eventAt);
    await expect(el).to.be.accessible();

    eventAt.value = '2025-01-01T12:00';
    eventAt.dispatchEvent(new Event('change'));
    const bodies: unknown[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => (init?.method === 'POST' && bodies.push(init.body), realFetch(input, init));
    try {
      await click(button(form, 'Wyślij zgłoszenie'));
      await waitForStep(form, 'sent');
    } finally {
      window.fetch = realFetch;
    }
    const sent = bodies[0] as FormData;
    expect(sent).to.be.instanceOf(FormData);
    expect((sent.get('photo') as File).name).to.equal('dump.png');
    expect(JSON.parse(sent.get('report') as string)).to.deep.include({ category: 'illegal_dump', eventAt: new Date('2025-01-01T12:00').toISOString() });
    await expect(el).to.be.accessible();
  });

  it('counts the description in code points and says when it is too long', async () => {
    const { el, form } = await mountReport('pl');
    await toCategories(el, form);
    await click($(form, '#category-first')!);
    form.nearby = [];
    form.goTo('details');
    await form.updateComplete;
    const text = $<HTMLTextAreaElement>(form, '#description')!;
    text.value = '🚗'.repeat(500);
    text.dispatchEvent(new Event('input'));
    await form.updateComplete;
    expect($(form, '#description-count')!.textContent).to.equal('500 z 500 znaków');
    await waitUntil(() => form.counterSpoken === '500 z 500 znaków', 'the count was not announced');
    text.value += 'x';
    text.dispatchEvent(new Event('input'));
    await click(button(form, 'Wyślij zgłoszenie'));
    await form.updateComplete;
    expect($(form, '#description-error')!.textContent).to.equal('Opis może mieć najwyżej 500 znaków.');
    expect(text.getAttribute('aria-describedby')).to.contain('description-error');
    expect(form.step).to.equal('details');
  });

  it('checks photos as the server does and revokes the previews it drops', async () => {
    const { el, form } = await mountReport('pl');
    await toCategories(el, form);
    form.goTo('details');
    await form.updateComplete;
    const revoked: string[] = [];
    const realRevoke = URL.revokeObjectURL;
    URL.revokeObjectURL = (url) => (revoked.push(url), realRevoke(url));
    try {
      const input = $<HTMLInputElement>(form, '#photos')!;
      choose(input, [new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
      await form.updateComplete;
      expect($(form, '#photos-error')!.textContent).to.equal('Zdjęcia muszą być w formacie JPEG lub PNG.');
      choose(input, await Promise.all(['a.png', 'b.png', 'c.png', 'd.png'].map((name) => pngFile(name))));
      await form.updateComplete;
      expect($(form, '#photos-error')!.textContent).to.equal('Można dołączyć najwyżej 3 zdjęcia.');
      expect($$(form, '.photos img')).to.have.length(3);
      expect(input.disabled).to.equal(true);

      const first = $<HTMLImageElement>(form, '.photos img')!.src;
      await click(button(form, 'Usuń zdjęcie 1'));
      await form.updateComplete;
      expect(revoked).to.deep.equal([first]);
      expect($$(form, '.photos img')).to.have.length(2);
      expect(focused(el)).to.equal(input);

      el.view = 'map'; // the form goes away with its previews
      await el.updateComplete;
      expect(revoked).to.have.length(3);
    } finally {
      URL.revokeObjectURL = realRevoke;
    }
  });

  it('switches language in the form, category names included', async () => {
    const { el, form } = await mountReport('pl');
    expect($(form, '#step-heading')!.textContent).to.equal('Wskaż miejsce');
    el.lang = 'en';
    await el.updateComplete;
    await form.updateComplete;
    expect($(form, '#step-heading')!.textContent).to.equal('Mark the place');
    expect($(form, '.step-of')!.textContent).to.equal('Step 1 of 3');
    expect($(form, '.urgent')!.textContent).to.equal('In an emergency call 112 or 997. This map is not for calling for help.');
    expect($(el, '#view-button')!.textContent!.trim()).to.equal('Back to the map');

    await toCategories(el, form, 'Next');
    const label = () => $(form, 'input[value="speeding"]')!.closest('label')!.textContent!.trim();
    expect(label()).to.equal('Speeding');
    expect($(form, 'fieldset.domain legend')!.textContent!.trim()).to.equal('Road traffic');
    el.lang = 'uk';
    await el.updateComplete;
    await form.updateComplete;
    expect(label()).to.equal(form.catalogue!.find((c) => c.code === 'speeding')!.names.uk);
    expect($(form, '.step-of')!.textContent).to.equal('Крок 2 з 3');
  });

  it('narrows the categories to the categories attribute, ignoring unknown codes', async () => {
    const { el, form } = await mountReport('pl');
    el.setAttribute('categories', ' Speeding, illegal_parking ,no_such');
    await el.updateComplete;
    await toCategories(el, form);
    expect($$<HTMLInputElement>(form, 'input[name="category"]').map((i) => i.value)).to.deep.equal(['illegal_parking', 'speeding']);
    el.setAttribute('categories', 'nothing,known');
    await el.updateComplete;
    await form.updateComplete;
    expect($$(form, 'input[name="category"]')).to.have.length(24);
  });

  it('puts the pin at "my location", and says so when the location is refused or outside Poland', async () => {
    const { el, form } = await mountReport('pl');
    let restore = fakeGeolocation((ok) => ok(position(20.4942, 53.7784)));
    try {
      await click($(form, '#my-location')!);
      expect(await placeStatus(form)).to.equal('Zgłoszenie trafi do: Komenda Miejska Policji w Olsztynie.');
      expect(form.pin![0]).to.be.closeTo(20.4942, 1e-6);
    } finally {
      restore();
    }
    restore = fakeGeolocation((_, fail) => fail({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError));
    try {
      await click($(form, '#my-location')!);
      await form.updateComplete;
      expect($(form, '#geo-status')!.textContent).to.equal('Nie udostępniono lokalizacji. Wskaż miejsce na mapie.');
    } finally {
      restore();
    }
    restore = fakeGeolocation((ok) => ok(position(13.0, 50.0)));
    try {
      await click($(form, '#my-location')!);
      expect(await placeStatus(form)).to.equal('To miejsce leży poza Polską.');
      expect(button(form, 'Dalej').disabled).to.equal(true);
    } finally {
      restore();
    }
    expect(el.map!.getAllLayers().some((layer) => layer.get('name') === 'pin')).to.equal(true);
  });
});
