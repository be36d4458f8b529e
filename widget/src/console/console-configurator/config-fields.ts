import { html, nothing } from 'lit';
import { LANGS } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { EffectiveUnitConfig } from '../../../../common/schemas/staff.js';
import { TIME_WINDOWS_DAYS, WIDGET_VIEWS } from '../../../../common/staff.js';
import type { ConsoleI18n } from '../i18n/index.js';
import type { OwnConfig } from './config-form.js';

export interface ConfigFieldsInput {
  draft: OwnConfig;
  inherited: EffectiveUnitConfig;
  categories: readonly Category[];
  errors: Partial<Record<'categories' | 'accent' | 'origins', string>>;
}

/**
 * The configurator's fields, bound to the draft. Each select starts with "inherited: <value>"
 * (empty value), so leaving a field to the parent unit is an explicit, visible choice.
 */
export function configFields(i18n: ConsoleI18n, { draft, inherited, categories, errors }: ConfigFieldsInput) {
  const t = i18n.t.config;
  const inherit = (value: string) => html`<option value="">${t.inherit(value)}</option>`;
  const error = (id: string, text: string | undefined) => (text ? html`<p class="error" id=${id} role="alert">${text}</p>` : nothing);
  const ownCategories = draft.enabledCategories !== null;
  const enabled = new Set(draft.enabledCategories ?? inherited.enabledCategories);
  return html`
    <fieldset aria-describedby=${errors.categories ? 'categories-error' : nothing}>
      <legend>${t.categories}</legend>
      <label class="inline"><input type="checkbox" name="ownCategories" .checked=${ownCategories} />${t.ownCategories}</label>
      <div class="categories">
        ${categories.map((c) => html`<label class="inline"><input type="checkbox" name="categories" value=${c.code}
          .checked=${enabled.has(c.code)} ?disabled=${!ownCategories} />${c.names[i18n.lang]}</label>`)}
      </div>
      ${error('categories-error', errors.categories)}
    </fieldset>
    <label>${t.defaultView}<select name="defaultView">
      ${inherit(t.views[inherited.defaultView])}${WIDGET_VIEWS.map((v) => html`<option value=${v} ?selected=${draft.defaultView === v}>${t.views[v]}</option>`)}
    </select></label>
    <label>${t.timeWindow}<select name="timeWindowDays">
      ${inherit(t.days(inherited.timeWindowDays))}${TIME_WINDOWS_DAYS.map((d) => html`<option value=${d} ?selected=${draft.timeWindowDays === d}>${t.days(d)}</option>`)}
    </select></label>
    <label>${t.defaultLang}<select name="defaultLang">
      ${inherit(i18n.t.languages[inherited.defaultLang])}${LANGS.map((l) => html`<option value=${l} lang=${l} ?selected=${draft.defaultLang === l}>${i18n.t.languages[l]}</option>`)}
    </select></label>
    <fieldset>
      <legend>${t.accent}</legend>
      <label class="inline"><input type="checkbox" name="ownAccent" .checked=${draft.accentColor !== null} />${t.ownAccent}</label>
      <label class="inline">${t.accent}<input type="color" name="accentColor" .value=${draft.accentColor ?? inherited.accentColor}
        ?disabled=${draft.accentColor === null} aria-describedby=${errors.accent ? 'accent-error' : nothing} /></label>
      ${error('accent-error', errors.accent)}
    </fieldset>
    <label>${t.photos}<select name="photos">
      ${inherit(inherited.photosEnabled ? t.photosOn : t.photosOff)}
      <option value="on" ?selected=${draft.photosEnabled === true}>${t.photosOn}</option>
      <option value="off" ?selected=${draft.photosEnabled === false}>${t.photosOff}</option>
    </select></label>
    <label>${t.origins}<textarea name="allowedOrigins" rows="3" .value=${(draft.allowedOrigins ?? []).join('\n')}
      aria-describedby=${errors.origins ? 'origins-hint origins-error' : 'origins-hint'}></textarea></label>
    <p class="hint" id="origins-hint">${t.originsHint}</p>
    ${error('origins-error', errors.origins)}
  `;
}
