import { expect } from '@open-wc/testing';
import { ApiPath } from '../../../../common/api.js';
import { CRIME_CATEGORIES } from '../../../../common/stats.js';
import type { CrimeCounts, CrimeStats } from '../../../../common/schemas/crime-stats.js';
import { ADMIN, OFFICER } from '../console.fixtures.js';
import { inside, liveText, loggedInAs, openScreen, screen, until } from '../console-test-helpers.js';
import type { KmzbConsole } from '../kmzb-console/kmzb-console.component.js';
import type { ConsoleCrimeImport } from './console-crime-import.component.js';

/**
 * The police statistics import through the UI: a check shows what would change and writes
 * nothing, an import writes and says so, a bad file is refused line by line. Every test uses its
 * own month of 2019 in powiat myślenicki (1209, under the admin's kwp-krakow), which no other
 * test touches, so the shared test database stays predictable.
 */

const POWIAT = '1209';
const POWIAT_UNIT = 'kpp-myslenice';
const HEADER = 'teryt,year,month,category,count';

/** The import screen of an admin's console. */
async function openImport(): Promise<{ el: KmzbConsole; page: ConsoleCrimeImport }> {
  const el = await loggedInAs(ADMIN);
  const page = await openScreen<ConsoleCrimeImport>(el, '#crime', 'console-crime-import');
  return { el, page };
}

/** Puts a file into the screen's file input, as choosing it in the dialog would. */
function choose(page: ConsoleCrimeImport, content: BlobPart, name = 'statystyki.csv'): void {
  const input = inside<HTMLInputElement>(page, 'input[type="file"]');
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: 'text/csv' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const button = (page: ConsoleCrimeImport, name: 'check' | 'import') => inside<HTMLButtonElement>(page, `button.${name}`);
const heading = (page: ConsoleCrimeImport) => page.shadowRoot!.querySelector('#result-heading')?.textContent ?? '';
const has = (page: ConsoleCrimeImport, selector: string) => page.shadowRoot!.querySelector(selector) !== null;
const text = (page: ConsoleCrimeImport, selector: string) => page.shadowRoot!.querySelector(selector)?.textContent?.trim() ?? '';

/** Clicks a button and waits for the answer to be shown (the buttons are off while waiting). */
async function press(page: ConsoleCrimeImport, name: 'check' | 'import', expectedHeading: string): Promise<void> {
  button(page, name).click();
  // The click clears the old result at once: wait for that, so the old one is not taken for the new.
  await page.updateComplete;
  await until(() => heading(page) === expectedHeading && !button(page, 'check').disabled, `no ${name} result`);
  await page.updateComplete;
}

/** The counts shown: label → number as text. */
function counts(page: ConsoleCrimeImport): Record<string, string> {
  const dts = [...page.shadowRoot!.querySelectorAll('dl.counts dt')];
  return Object.fromEntries(dts.map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.textContent!.trim()]));
}

/** The cells of the rows of `table`, as text. */
function rows(page: ConsoleCrimeImport, table: string): string[][] {
  return [...page.shadowRoot!.querySelectorAll<HTMLTableRowElement>(`table.${table} tbody tr`)].map((tr) => [...tr.cells].map((td) => td.textContent!.trim()));
}

/** What the public crime statistics say of the powiat in `month` (past the browser's cache). */
async function stored(month: string): Promise<{ counts: CrimeCounts; monthsWithData: number }> {
  const response = await fetch(`${ApiPath.crimeStats}?unit=${POWIAT_UNIT}&from=${month}&to=${month}`, { cache: 'no-store' });
  const answer = (await response.json()) as CrimeStats;
  const powiat = answer.powiats.find((p) => p.teryt === POWIAT);
  if (!powiat) throw new Error(`powiat ${POWIAT} not in the answer`);
  return powiat;
}

describe('<console-crime-import>', () => {
  afterEach(() => {
    location.hash = '';
  });

  it('is an admin screen: the officer has no menu link, and #crime shows the queue', async () => {
    const el = await loggedInAs(OFFICER);
    // Booleans, not elements: a failing comparison of an element stalls the test runner.
    expect(el.shadowRoot!.querySelector('nav a[href="#crime"]') !== null, 'a #crime link').to.equal(false);
    location.hash = '#crime';
    await screen(el, 'console-queue');
    expect(el.shadowRoot!.querySelector('main > console-crime-import') !== null, 'the import screen').to.equal(false);

    const admin = await loggedInAs(ADMIN);
    expect(inside(admin, 'nav a[href="#crime"]').textContent).to.equal('Statystyki policyjne');
  });

  it('gives an example in a powiat of the admin\'s own area, which the server would take', async () => {
    const { page } = await openImport();
    const area = (await (await fetch(`/api/v1/units/${ADMIN.unit}`)).json()) as { powiats: { teryt: string }[] };
    await until(() => page.shadowRoot!.querySelector('code.example'), 'no example');
    const lines = inside(page, 'code.example').textContent!.split('\n');
    expect(lines[0]).to.equal('teryt,year,month,category,count');
    const teryt = lines[1]!.split(',')[0]!;
    expect(area.powiats.map((p) => p.teryt), 'the example is in the admin\'s area').to.include(teryt);
    expect(teryt, 'the first powiat of the area, not a fixed one').to.equal(area.powiats[0]!.teryt);
  });

  it('checks a file: the counts and the lines that would change, and nothing is written', async () => {
    const { el, page } = await openImport();
    expect(inside(page, 'h2').textContent).to.equal('Statystyki policyjne');
    expect(button(page, 'import').disabled, 'import before any check').to.equal(true);
    await expect(el).to.be.accessible();

    choose(page, `${HEADER}\n${POWIAT},2019,1,theft,5\n${POWIAT},2019,1,car_theft,1\n\n${POWIAT},2019,1,brawl,2\n`);
    await page.updateComplete;
    expect(button(page, 'import').disabled, 'import before the check').to.equal(true);
    await press(page, 'check', 'Wynik sprawdzenia');

    expect(counts(page)).to.deep.equal({ 'Wiersze danych': '3', Nowe: '3', Zmienione: '0', 'Bez zmian': '0' });
    expect(text(page, 'table.changes caption')).to.equal('Wiersze, które import zmieni: 3');
    expect(rows(page, 'changes')).to.deep.equal([
      ['2', POWIAT, '2019', '1', 'Kradzież cudzej rzeczy', 'brak → 5'],
      ['3', POWIAT, '2019', '1', 'Kradzież samochodu', 'brak → 1'],
      ['5', POWIAT, '2019', '1', 'Bójka lub pobicie', 'brak → 2'],
    ]);
    expect(page.shadowRoot!.activeElement?.id, 'focus after the check').to.equal('result-heading');
    expect(has(page, '[role="alert"]'), 'an alert').to.equal(false);
    expect(button(page, 'import').disabled, 'import after a good check').to.equal(false);
    await expect(el).to.be.accessible();

    // A check writes nothing.
    expect((await stored('2019-01')).monthsWithData).to.equal(0);

    // Another file needs its own check.
    choose(page, `${HEADER}\n${POWIAT},2019,1,theft,6\n`, 'inny.csv');
    await page.updateComplete;
    expect(button(page, 'import').disabled, 'import of an unchecked file').to.equal(true);
    expect(has(page, 'dl.counts'), 'the old result').to.equal(false);
  });

  it('imports a checked file and says so; importing it again changes nothing', async () => {
    const { el, page } = await openImport();
    choose(page, `${HEADER}\n${POWIAT},2019,2,theft,7\n${POWIAT},2019,2,burglary,3\n`);
    await press(page, 'check', 'Wynik sprawdzenia');
    expect((await stored('2019-02')).monthsWithData).to.equal(0);

    await press(page, 'import', 'Wynik importu');
    await until(() => liveText(el) === 'Zaimportowano statystyki: nowe 2, zmienione 0, bez zmian 0.', `no announcement: "${liveText(el)}"`);
    expect(counts(page)).to.deep.equal({ 'Wiersze danych': '2', Nowe: '2', Zmienione: '0', 'Bez zmian': '0' });
    expect(text(page, 'table.changes caption')).to.equal('Wiersze zmienione przez import: 2');
    const figures = await stored('2019-02');
    expect(figures.monthsWithData).to.equal(1);
    expect(figures.counts).to.include({ theft: 7, burglary: 3, car_theft: 0 });
    await expect(el).to.be.accessible();

    await press(page, 'import', 'Wynik importu');
    await until(() => liveText(el) === 'Zaimportowano statystyki: nowe 0, zmienione 0, bez zmian 2.', `no announcement: "${liveText(el)}"`);
    expect(counts(page)).to.deep.equal({ 'Wiersze danych': '2', Nowe: '0', Zmienione: '0', 'Bez zmian': '2' });
    expect(text(page, '.no-changes')).to.equal('Import niczego nie zmienił.');
    expect(has(page, 'table.changes'), 'a table of changes').to.equal(false);

    // A changed figure is shown with what is stored now (and semicolons, as Polish Excel writes).
    choose(page, `teryt;year;month;category;count\n${POWIAT};2019;2;theft;8\n`);
    await press(page, 'check', 'Wynik sprawdzenia');
    expect(counts(page)).to.deep.equal({ 'Wiersze danych': '1', Nowe: '0', Zmienione: '1', 'Bez zmian': '0' });
    expect(rows(page, 'changes')).to.deep.equal([['2', POWIAT, '2019', '2', 'Kradzież cudzej rzeczy', '7 → 8']]);
    expect((await stored('2019-02')).counts.theft).to.equal(7);
  });

  it('refuses a bad file line by line, with the reasons in words and an alert', async () => {
    const { el, page } = await openImport();
    choose(page, [
      HEADER,
      `${POWIAT},2019,3,theft,1`,
      `12x9,2019,3,theft,1`,
      `2862,2019,3,theft,1`,
      `${POWIAT},2019,13,theft,1`,
      `${POWIAT},2019,3,arson,1`,
      `${POWIAT},2019,3,brawl,-1`,
      `${POWIAT},2019,3,theft,2`,
      `${POWIAT},2019,3`,
    ].join('\n'));
    await press(page, 'check', 'Wynik sprawdzenia');

    expect(text(page, '[role="alert"]')).to.equal('Plik zawiera błędy; niczego nie zaimportowano. Zobacz listę wierszy.');
    expect(text(page, 'table.line-errors caption')).to.equal('Błędne wiersze: 7');
    expect(rows(page, 'line-errors')).to.deep.equal([
      ['3', 'teryt', 'INVALID_TERYT', 'Kod TERYT powiatu musi mieć 4 cyfry.'],
      ['4', 'teryt', 'OUT_OF_SCOPE', 'Ten powiat nie należy do Twoich jednostek.'],
      ['5', 'month', 'INVALID_MONTH', 'Nieprawidłowy miesiąc (1–12, nie z przyszłości).'],
      ['6', 'category', 'UNKNOWN_CRIME_CATEGORY', 'Nieznana kategoria przestępstwa.'],
      ['7', 'count', 'INVALID_COUNT', 'Liczba musi być liczbą całkowitą ≥ 0.'],
      ['8', 'cały wiersz', 'DUPLICATE_LINE', 'Ten powiat, miesiąc i kategoria są już we wcześniejszym wierszu.'],
      ['9', 'cały wiersz', 'COLUMN_COUNT', 'Wiersz ma inną liczbę kolumn niż nagłówek.'],
    ]);
    expect(page.shadowRoot!.activeElement?.id, 'focus after the check').to.equal('result-heading');
    expect(button(page, 'import').disabled, 'import of a refused file').to.equal(true);
    expect(has(page, 'dl.counts'), 'counts of a refused file').to.equal(false);
    await expect(el).to.be.accessible();
    expect((await stored('2019-03')).monthsWithData).to.equal(0);

    // The reasons follow the console's language.
    const select = inside<HTMLSelectElement>(el, '.lang select');
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await until(() => text(page, 'table.line-errors caption') === 'Lines with errors: 7', 'not in English');
    expect(text(page, '[role="alert"]')).to.equal('The file has errors; nothing was imported. See the list of lines.');
    expect(rows(page, 'line-errors')[1]).to.deep.equal(['4', 'teryt', 'OUT_OF_SCOPE', 'This powiat is not within your units.']);
    document.documentElement.lang = 'pl';
  });

  it('lists the first 100 problems of a file of junk and says in words how many more there are', async () => {
    const { el, page } = await openImport();
    choose(page, `${HEADER}\n${'x\n'.repeat(150)}`);
    await press(page, 'check', 'Wynik sprawdzenia');
    expect(text(page, '[role="alert"]')).to.equal('Plik zawiera błędy; niczego nie zaimportowano. Zobacz listę wierszy.');
    expect(rows(page, 'line-errors').length).to.equal(100);
    expect(rows(page, 'line-errors')[99]).to.deep.equal(['101', 'cały wiersz', 'COLUMN_COUNT', 'Wiersz ma inną liczbę kolumn niż nagłówek.']);
    expect(text(page, '.more-errors')).to.equal('Nie pokazano dalszych błędów: 50. Popraw plik i sprawdź go ponownie.');
    expect(button(page, 'import').disabled, 'import of a refused file').to.equal(true);
    await expect(el).to.be.accessible();

    const select = inside<HTMLSelectElement>(el, '.lang select');
    for (const [lang, words] of [
      ['en', 'Not shown: 50 more errors. Correct the file and check it again.'],
      ['uk', 'Не показано інших помилок: 50. Виправте файл і перевірте його знову.'],
    ] as const) {
      select.value = lang;
      select.dispatchEvent(new Event('change'));
      await until(() => text(page, '.more-errors') === words, `not in ${lang}: "${text(page, '.more-errors')}"`);
    }
    document.documentElement.lang = 'pl';
  });

  it('lists the first 1000 changes of a large file and counts the rest', async () => {
    const { page } = await openImport();
    // Years 2000-2012 of the powiat, which no other test touches; a check writes nothing.
    const lines: string[] = [];
    for (let year = 2000; lines.length < 1050; year++) {
      for (let month = 1; month <= 12; month++) for (const category of CRIME_CATEGORIES) lines.push(`${POWIAT},${year},${month},${category},1`);
    }
    choose(page, `${HEADER}\n${lines.slice(0, 1050).join('\n')}\n`);
    await press(page, 'check', 'Wynik sprawdzenia');
    expect(counts(page)).to.deep.equal({ 'Wiersze danych': '1050', Nowe: '1050', Zmienione: '0', 'Bez zmian': '0' });
    expect(text(page, 'table.changes caption')).to.equal('Wiersze, które import zmieni: 1050');
    expect(rows(page, 'changes').length).to.equal(1000);
    expect(text(page, '.more-changes')).to.equal('Nie pokazano dalszych zmienionych wierszy: 50.');
  });

  it('says a file over 5 MB is too large', async () => {
    const { page } = await openImport();
    choose(page, `${HEADER}\n${`${POWIAT},2019,4,theft,1\n`.repeat(300_000)}`);
    await press(page, 'check', 'Wynik sprawdzenia');
    expect(text(page, '[role="alert"]')).to.equal('Plik jest za duży (najwyżej 5 MB).');
    expect(button(page, 'import').disabled, 'import of a file too large').to.equal(true);
  });
});
