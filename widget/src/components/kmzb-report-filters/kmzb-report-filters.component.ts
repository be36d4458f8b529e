import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DOMAINS, type Status } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import { I18nController } from '../../i18n/i18n-controller.js';
import { PUBLIC_STATUSES, STATUS_COLORS } from '../../map/feature-style.js';
import { DEFAULT_FILTER, isDefaultFilter, type Period, PERIODS, type ReportFilter } from '../kmzb-map/report-filter.js';
import { categoryIcon, domainIcon } from '../kmzb-report-form/icons.js';
import { panelStyles } from '../panel.styles.js';

/**
 * The map's filters in a disclosure whose summary always says what is shown: categories by
 * domain (with select all / none), public statuses, and the time window. Every change fires
 * `filter-change` (detail: the new ReportFilter) at once; the host refetches without a reload.
 */
export class KmzbReportFilters extends LitElement {
  static override styles = [
    panelStyles,
    css`
      .panel { display: grid; gap: 8px; padding: 8px 0; }
      fieldset { margin: 0; padding: 4px 8px 8px; border: 1px solid #c9ccd1; border-radius: 4px; }
      fieldset fieldset { border: 0; padding: 2px 0 0; }
      legend { font-weight: 600; padding: 0 4px; }
      label { display: flex; align-items: center; gap: 8px; min-height: 32px; padding: 2px 0; }
      .buttons { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; }
    `,
  ];

  /** The categories on offer (the catalogue narrowed by the host's `categories` attribute). */
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  @property({ attribute: false }) accessor filter: ReportFilter = DEFAULT_FILTER;
  /** What Reset goes back to: nothing hidden, the unit's default period. */
  @property({ attribute: false }) accessor defaults: ReportFilter = DEFAULT_FILTER;
  @property({ attribute: 'lang' }) private accessor langAttribute: string | null = null;
  readonly #i18n = new I18nController(this);
  /**
   * The disclosure was opened: its fields are rendered from then on. Closed at first, and its 40
   * fields with their symbols were one long task of the widget's start (~50-200 ms throttled).
   */
  @state() private accessor opened = false;

  override render() {
    const t = this.#i18n.t.reportMap.filters;
    const f = this.filter;
    const shownCategories = this.categories.filter((c) => !f.hiddenCategories.has(c.code)).length;
    const summary = t.summary({
      categories: f.hiddenCategories.size ? shownCategories : 'all',
      statuses: f.hiddenStatuses.size ? PUBLIC_STATUSES.length - f.hiddenStatuses.size : 'all',
      days: f.days,
    });
    return html`
      <details part="details" @toggle=${(e: Event) => (this.opened ||= (e.target as HTMLDetailsElement).open)}>
        <summary><strong>${t.title}</strong>: <span class="summary">${summary}</span></summary>
        ${this.opened
          ? html`<div class="panel">
              ${this.#statuses()} ${this.#period()} ${this.#categories()}
              <div class="buttons">
                <button type="button" class="reset" ?disabled=${isDefaultFilter(f, this.defaults)} @click=${() => this.#change(this.defaults)}>${t.reset}</button>
              </div>
            </div>`
          : nothing}
      </details>
    `;
  }

  #statuses() {
    const t = this.#i18n.t;
    return html`<fieldset class="statuses">
      <legend>${t.reportMap.filters.statuses}</legend>
      ${PUBLIC_STATUSES.map(
        (status) => html`<label>
          <input type="checkbox" value=${status} .checked=${!this.filter.hiddenStatuses.has(status)} @change=${this.#toggleStatus} />
          <span class="swatch" style="background:${STATUS_COLORS[status]}"></span>${t.statuses[status]}
        </label>`,
      )}
    </fieldset>`;
  }

  #period() {
    const t = this.#i18n.t.reportMap.filters;
    return html`<fieldset class="period">
      <legend>${t.period}</legend>
      ${PERIODS.map(
        (days) => html`<label>
          <input type="radio" name="period" value=${days} .checked=${this.filter.days === days} @change=${() => this.#change({ ...this.filter, days: days as Period })} />
          ${t.lastDays(days)}
        </label>`,
      )}
    </fieldset>`;
  }

  #categories() {
    const t = this.#i18n.t;
    const lang = this.#i18n.lang;
    const all = this.categories.map((c) => c.code);
    return html`<fieldset class="categories">
      <legend>${t.reportMap.filters.categories}</legend>
      <div class="buttons">
        <button type="button" class="secondary all" @click=${() => this.#change({ ...this.filter, hiddenCategories: new Set() })}>${t.reportMap.filters.all}</button>
        <button type="button" class="secondary none" @click=${() => this.#change({ ...this.filter, hiddenCategories: new Set(all) })}>${t.reportMap.filters.none}</button>
      </div>
      ${DOMAINS.map((domain) => {
        const inDomain = this.categories.filter((c) => c.domain === domain);
        if (!inDomain.length) return nothing;
        return html`<fieldset>
          <legend>${domainIcon(domain)} ${t.report.category.domains[domain]}</legend>
          ${inDomain.map(
            (c) => html`<label>
              <input type="checkbox" value=${c.code} .checked=${!this.filter.hiddenCategories.has(c.code)} @change=${this.#toggleCategory} />
              ${categoryIcon(c.code, c.domain)} ${c.names[lang]}
            </label>`,
          )}
        </fieldset>`;
      })}
    </fieldset>`;
  }

  #toggleStatus(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.#change({ ...this.filter, hiddenStatuses: toggled(this.filter.hiddenStatuses, input.value as Status, !input.checked) });
  }

  #toggleCategory(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.#change({ ...this.filter, hiddenCategories: toggled(this.filter.hiddenCategories, input.value, !input.checked) });
  }

  #change(filter: ReportFilter): void {
    this.filter = filter;
    this.dispatchEvent(new CustomEvent('filter-change', { detail: filter }));
  }
}

function toggled<T>(set: ReadonlySet<T>, value: T, hidden: boolean): ReadonlySet<T> {
  const next = new Set(set);
  if (hidden) next.add(value);
  else next.delete(value);
  return next;
}
