import { html, nothing } from 'lit';
import { DOMAINS } from '../../../../common/catalogue.js';
import { offered } from '../../api/categories.js';
import { categoryIcon, domainIcon } from './icons.js';
import type { KmzbReportForm } from './kmzb-report-form.component.js';

/** Step 2: the category, as radio buttons grouped by domain (DOMAINS order), each with its icon. */
export function renderCategory(form: KmzbReportForm) {
  const t = form.i18n.t;
  const lang = form.i18n.lang;
  if (!form.catalogue) {
    return html`
      <p class=${form.catalogueError ? 'error' : 'note'} role="status">
        ${form.catalogueError ? t.errors[form.catalogueError.code]({ unitId: '' }) : t.report.category.loading}
      </p>
      <div class="nav">
        <button type="button" class="secondary" @click=${() => form.goTo('place')}>${t.report.back}</button>
        ${form.catalogueError ? html`<button type="button" class="primary" @click=${() => form.loadCatalogue()}>${t.status.retry}</button>` : nothing}
      </div>
    `;
  }
  const categories = offered(form.catalogue, form.categories);
  const error = form.errors.category;
  // The first in reading (and Tab) order: the groups follow DOMAINS, not the catalogue.
  const first = DOMAINS.map((domain) => categories.find((category) => category.domain === domain)).find(Boolean)?.code;
  return html`
    <fieldset class="categories" aria-describedby=${error ? 'category-error' : nothing}>
      <legend class="visually-hidden">${t.report.category.legend}</legend>
      ${DOMAINS.map((domain) => {
        const inDomain = categories.filter((category) => category.domain === domain);
        if (!inDomain.length) return nothing;
        return html`
          <fieldset class="domain">
            <legend>${domainIcon(domain)}${t.report.category.domains[domain]}</legend>
            ${inDomain.map(
              (category) => html`
                <label class="choice">
                  <input
                    type="radio"
                    name="category"
                    id=${category.code === first ? 'category-first' : nothing}
                    .value=${category.code}
                    .checked=${form.category === category.code}
                    aria-invalid=${error ? 'true' : nothing}
                    @change=${() => ((form.category = category.code), (form.errors = {}))}
                  />
                  ${categoryIcon(category.code, domain)}<span>${category.names[lang]}</span>
                </label>
              `,
            )}
          </fieldset>
        `;
      })}
    </fieldset>
    <p id="category-error" class="error">${error ?? ''}</p>
    <div class="nav">
      <button type="button" class="secondary" @click=${() => form.goTo('place')}>${t.report.back}</button>
      <button type="button" class="primary" ?disabled=${form.busy} @click=${() => form.categoryChosen()}>${t.report.next}</button>
    </div>
  `;
}

/** Step 2, when open reports of the category are near the pin: "I see it too" instead of a new report. */
export function renderDuplicates(form: KmzbReportForm) {
  const t = form.i18n.t;
  const d = t.report.duplicates;
  const name = (code: string) => form.catalogue?.find((category) => category.code === code)?.names[form.i18n.lang] ?? code;
  return html`
    <p>${d.intro}</p>
    <ul class="nearby">
      ${form.nearby.map(
        (report) => html`
          <li>
            <span>${d.item({ category: name(report.category), distance: report.distance, confirmations: report.confirmations, date: new Date(report.createdAt) })}</span>
            <button type="button" class="secondary" aria-label=${d.confirmLabel(report.distance)} ?disabled=${form.busy} @click=${() => form.confirm(report)}>
              ${d.confirm}
            </button>
          </li>
        `,
      )}
    </ul>
    <div class="nav">
      <button type="button" class="secondary" @click=${() => form.goTo('category')}>${t.report.back}</button>
      <button type="button" class="primary" @click=${() => form.goTo('details')}>${d.newReport}</button>
    </div>
  `;
}
