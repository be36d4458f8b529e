import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiPath, apiPath } from '../../../../common/api.js';
import type { UnitDetail } from '../../../../common/schemas/unit.js';
import { ErrorCode } from '../../../../common/errors.js';
import type { CrimeImportChange, CrimeImportLineError, CrimeImportResult } from '../../../../common/schemas/crime-stats.js';
import { CRIME_CATEGORIES, CRIME_CATEGORY_NAMES, CRIME_IMPORT_LIMITS, type CrimeCategory } from '../../../../common/stats.js';
import { ApiError, requestJson, toApiError } from '../../api/client.js';
import { CrimeImportRefused, staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';

/**
 * The example under the format, for a powiat of the admin's own area (an example the server would
 * refuse as outside the area, such as another voivodeship's powiat, only misleads).
 */
function example(teryt: string): string {
  return `teryt,year,month,category,count\n${teryt},2025,1,theft,120\n${teryt},2025,1,car_theft,4`;
}

/**
 * The admin's import of police crime statistics: a CSV is checked first (a dry run that shows
 * what would change, or every bad line), and only a file that passed the check can be imported.
 */
export class ConsoleCrimeImport extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      pre { background: #f3f4f6; padding: 6px 8px; border-radius: 4px; overflow-x: auto; margin: 4px 0 12px; }
      ul.codes { margin: 4px 0 8px; padding-inline-start: 1.2em; }
      dl.counts { display: grid; grid-template-columns: max-content max-content; gap: 2px 12px; margin: 0 0 12px; }
      dl.counts dd { margin: 0; font-weight: 600; }
      section { margin-top: 16px; }
    `,
  ];
  readonly #i18n = new ConsoleI18n(this);
  /** The admin's unit: the example uses one of its powiats. */
  @property() accessor unit: string | undefined;
  /** The TERYT code of the example: the first powiat of the admin's area, once known. */
  @state() private accessor exampleTeryt: string | undefined;
  #exampleFor: string | undefined;
  /**
   * The bytes that passed the last check, kept and sent as they are on import: what is imported
   * is exactly what was checked, even if the file on disk changed since. Undefined: import is off.
   */
  @state() private accessor checkedCsv: Blob | undefined;
  @state() private accessor busy = false;
  /** Which of the two the result below belongs to (its heading). */
  @state() private accessor mode: 'check' | 'import' = 'check';
  @state() private accessor result: CrimeImportResult | undefined;
  /** Kept as an error, put into words when rendered (so it follows a change of language). */
  @state() private accessor error: ApiError | undefined;
  /** Bumped by every new file and request, so an answer about an older one is dropped. */
  #run = 0;

  override willUpdate(): void {
    if (this.unit && this.unit !== this.#exampleFor) void this.#loadExample(this.unit);
  }

  /** The first powiat of the admin's unit (the public unit answer, ETag-cached). */
  async #loadExample(unit: string): Promise<void> {
    this.#exampleFor = unit;
    const detail = await requestJson<UnitDetail>(apiPath(ApiPath.unit, { id: unit })).catch(() => undefined);
    if (detail && this.unit === unit) this.exampleTeryt = detail.powiats[0]?.teryt;
  }

  override render() {
    const t = this.#i18n.t.crime;
    return html`
      <h2 tabindex="-1">${t.heading}</h2>
      <div id="format">
        <p>${t.format}</p>
        <p>${t.columns}</p>
        <ul class="codes">${CRIME_CATEGORIES.map((code) => html`<li><code>${code}</code> – ${this.#categoryName(code)}</li>`)}</ul>
        <p>${t.rules}</p>
      </div>
      ${this.exampleTeryt
        ? html`<p>${t.example}:</p>
            <pre><code class="example">${example(this.exampleTeryt)}</code></pre>`
        : nothing}
      <form @submit=${this.#check}>
        <label>${t.file}
          <input type="file" name="csv" accept=".csv,text/csv" required aria-describedby="format" @change=${this.#chosen} />
        </label>
        <div class="buttons">
          <button type="submit" class="check" ?disabled=${this.busy}>${t.check}</button>
          <button type="button" class="import" ?disabled=${!this.checkedCsv || this.busy}
            aria-describedby=${this.checkedCsv ? nothing : 'check-first'} @click=${this.#import}>${t.import}</button>
        </div>
        ${this.checkedCsv ? nothing : html`<p class="hint" id="check-first">${t.checkFirst}</p>`}
      </form>
      ${this.result || this.error ? this.#outcome() : nothing}
    `;
  }

  #outcome() {
    const t = this.#i18n.t.crime;
    const error = this.error;
    return html`<section aria-labelledby="result-heading">
      <h3 id="result-heading" tabindex="-1">${this.mode === 'check' ? t.checkResult : t.importResult}</h3>
      ${error ? html`<p class="error" role="alert">${this.#i18n.error(error)}</p>` : nothing}
      ${error instanceof CrimeImportRefused ? this.#lineErrors(error.lines, error.moreErrors) : nothing}
      ${this.result ? this.#counts(this.result) : nothing}
    </section>`;
  }

  #counts(result: CrimeImportResult) {
    const t = this.#i18n.t.crime;
    const c = t.counts;
    const counts: [string, number][] = [[c.lines, result.lines], [c.inserted, result.inserted], [c.updated, result.updated], [c.unchanged, result.unchanged]];
    return html`
      <dl class="counts">${counts.map(([label, n]) => html`<dt>${label}</dt><dd>${n}</dd>`)}</dl>
      ${result.changes.length ? this.#changes(result) : html`<p class="no-changes">${t.noChanges(result.dryRun)}</p>`}`;
  }

  #changes(result: CrimeImportResult) {
    const t = this.#i18n.t.crime;
    const c = t.table;
    const row = (change: CrimeImportChange) => {
      const [year, month] = change.month.split('-');
      return html`<tr>
        <td>${change.line}</td><td>${change.teryt}</td><td>${year}</td><td>${Number(month)}</td>
        <td>${this.#categoryName(change.category)}</td><td>${change.before ?? t.none} → ${change.after}</td>
      </tr>`;
    };
    // The server lists the first changes only; the caption counts them all.
    return html`<table class="changes">
      <caption>${t.changesCaption(result.dryRun, result.inserted + result.updated)}</caption>
      <thead><tr><th scope="col">${c.line}</th><th scope="col">${c.teryt}</th><th scope="col">${c.year}</th>
        <th scope="col">${c.month}</th><th scope="col">${c.category}</th><th scope="col">${c.change}</th></tr></thead>
      <tbody>${result.changes.map(row)}</tbody>
    </table>
    ${result.moreChanges > 0 ? html`<p class="more-changes">${t.moreChanges(result.moreChanges)}</p>` : nothing}`;
  }

  /** The listed problems, and how many more the server found (a file of junk has millions). */
  #lineErrors(lines: readonly CrimeImportLineError[], more: number) {
    const t = this.#i18n.t.crime;
    const c = t.table;
    return html`<table class="line-errors">
      <caption>${t.errorsCaption(lines.length)}</caption>
      <thead><tr><th scope="col">${c.line}</th><th scope="col">${c.column}</th><th scope="col">${c.code}</th><th scope="col">${c.message}</th></tr></thead>
      <tbody>${lines.map((e) => html`<tr>
        <td>${e.line}</td><td>${e.column ? html`<code>${e.column}</code>` : t.wholeLine}</td><td><code>${e.code}</code></td>
        <td>${t.lineErrors[e.code] ?? e.message}</td>
      </tr>`)}</tbody>
    </table>
    ${more > 0 ? html`<p class="more-errors">${t.moreErrors(more)}</p>` : nothing}`;
  }

  /** The category's name in the reader's language; an unknown code (never sent) as it is. */
  #categoryName(code: string): string {
    return CRIME_CATEGORY_NAMES[code as CrimeCategory]?.[this.#i18n.lang] ?? code;
  }

  /** A new file (or none) needs a new check: the old result and the import are off. */
  #chosen() {
    this.#run++;
    this.checkedCsv = undefined;
    this.result = undefined;
    this.error = undefined;
    this.busy = false;
  }

  async #check(event: SubmitEvent) {
    event.preventDefault();
    const file = (event.target as HTMLFormElement).querySelector('input')?.files?.[0];
    if (!file) return;
    const run = ++this.#run;
    this.mode = 'check';
    this.checkedCsv = undefined;
    this.result = undefined;
    this.error = undefined;
    // A file the server would refuse as too large is not worth sending.
    if (file.size > CRIME_IMPORT_LIMITS.maxBytes) {
      this.error = new ApiError(ErrorCode.csvTooLarge, 413, 'file too large');
    } else {
      this.busy = true;
      try {
        const csv = new Blob([await file.arrayBuffer()], { type: 'text/csv' });
        const result = await staffApi.importCrimeStats(csv, true);
        if (run !== this.#run) return;
        this.result = result;
        this.checkedCsv = csv;
      } catch (error) {
        if (run !== this.#run || endedSession(this, error)) return;
        this.error = toApiError(error);
      } finally {
        if (run === this.#run) this.busy = false;
      }
    }
    // The result replaces nothing the reader was looking at: take them to it.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#result-heading')?.focus();
  }

  async #import() {
    const csv = this.checkedCsv;
    if (!csv) return;
    const run = ++this.#run;
    this.mode = 'import';
    this.result = undefined;
    this.error = undefined;
    this.busy = true;
    try {
      const result = await staffApi.importCrimeStats(csv, false);
      if (run !== this.#run) return;
      this.result = result;
      announce(this, this.#i18n.t.crime.imported(result.inserted, result.updated, result.unchanged));
    } catch (error) {
      if (run !== this.#run || endedSession(this, error)) return;
      this.error = toApiError(error);
    } finally {
      if (run === this.#run) this.busy = false;
    }
  }
}
