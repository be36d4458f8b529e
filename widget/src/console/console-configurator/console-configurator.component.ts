import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ErrorCode } from '../../../../common/errors.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { EffectiveUnitConfig, StaffUnitConfig } from '../../../../common/schemas/staff.js';
import type { UnitSummary } from '../../../../common/schemas/unit.js';
import { toApiError } from '../../api/client.js';
import { staffApi } from '../api/staff-client.js';
import { consoleStyles } from '../console.styles.js';
import { announce, endedSession } from '../events.js';
import { ConsoleI18n } from '../i18n/index.js';
import { effectiveWith, type OwnConfig, ownFromForm, putBody, type WidgetRelease } from './config-form.js';
import { configFields } from './config-fields.js';
import { previewAndSnippet } from './config-preview.js';
import { currentWidgetRelease } from './widget-release.js';

type FieldError = 'categories' | 'accent' | 'origins' | 'form';

/**
 * The widget configurator (admins): a unit's own settings, each inheriting from the parent unit
 * when left empty, a live `<kmzb-map>` preview that follows every edit before it is saved (via
 * its attributes and the --kmzb-accent custom property), and the exact snippet to paste.
 * The page hosting the console loads the widget itself; the console never bundles it.
 */
export class ConsoleConfigurator extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .columns { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); }
      .categories { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
      pre { background: #f4f5f7; padding: 8px; overflow: auto; white-space: pre-wrap; }
    `,
  ];
  readonly #i18n = new ConsoleI18n(this);
  @property({ attribute: false }) accessor units: readonly UnitSummary[] = [];
  @property({ attribute: false }) accessor categories: readonly Category[] = [];
  /** Base map of the preview at first (`none` in tests: no tiles). */
  @property() accessor basemap = 'osm';
  @state() private accessor unitId = '';
  @state() private accessor config: StaffUnitConfig | undefined;
  @state() private accessor inherited: EffectiveUnitConfig | undefined;
  @state() private accessor draft: OwnConfig | undefined;
  @state() private accessor errors: Partial<Record<FieldError, string>> = {};
  /** The build's versioned widget file for the snippet (/widget/manifest.json). */
  @state() private accessor release: WidgetRelease | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void currentWidgetRelease(location.origin).then((release) => (this.release = release));
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('units') && !this.unitId && this.units[0]) void this.load(this.units[0].id);
  }

  /**
   * Loads a unit's own settings and what it would inherit without them. An answer for a unit
   * no longer chosen (another was picked while it was on its way) is dropped, so it cannot
   * replace the chosen unit's form; the previous unit's form is gone meanwhile, so no edit goes
   * into a form about to be replaced.
   */
  async load(unitId: string): Promise<void> {
    this.unitId = unitId;
    this.errors = {};
    this.draft = undefined;
    try {
      const config = await staffApi.unitConfig(unitId);
      if (this.unitId !== unitId) return;
      // What the unit gets with no own settings, from the server: the real inherited defaults.
      this.inherited = config.inherited;
      this.config = config;
      this.draft = config.own;
    } catch (error) {
      if (this.unitId === unitId && !endedSession(this, error)) this.errors = { form: this.#i18n.error(error) };
    }
  }

  override render() {
    const t = this.#i18n.t.config;
    return html`
      <h2 tabindex="-1">${t.heading}</h2>
      <label>${t.unit}
        <select class="unit" @change=${(e: Event) => this.load((e.target as HTMLSelectElement).value)}>
          ${this.units.map((u) => html`<option value=${u.id} ?selected=${u.id === this.unitId}>${u.shortName}</option>`)}
        </select>
      </label>
      ${this.draft && this.inherited ? this.#editor(this.draft, this.inherited) : html`<p>${this.#i18n.t.loading}</p>`}
      ${this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing}
    `;
  }

  #editor(draft: OwnConfig, inherited: EffectiveUnitConfig) {
    const effective = effectiveWith(draft, inherited);
    return html`<div class="columns">
      <form class="config" @input=${this.#edit} @change=${this.#edit} @submit=${this.#save}>
        ${configFields(this.#i18n, { draft, inherited, categories: this.categories, errors: this.errors })}
        <div class="buttons"><button type="submit">${this.#i18n.t.config.save}</button></div>
      </form>
      <div>${previewAndSnippet(this.#i18n, { unit: this.unitId, effective, basemap: this.basemap, onBasemap: (b) => (this.basemap = b), onCopy: (text) => this.#copy(text), release: this.release })}</div>
    </div>`;
  }

  #edit(event: Event) {
    this.draft = ownFromForm(event.currentTarget as HTMLFormElement);
  }

  async #save(event: SubmitEvent) {
    event.preventDefault();
    const own = ownFromForm(event.target as HTMLFormElement);
    try {
      this.config = await staffApi.saveUnitConfig(this.unitId, putBody(own));
      this.draft = this.config.own;
      this.errors = {};
      announce(this, this.#i18n.t.config.saved);
    } catch (error) {
      if (endedSession(this, error)) return;
      const code = toApiError(error).code;
      const field: FieldError =
        code === ErrorCode.invalidColor ? 'accent' : code === ErrorCode.invalidOrigin ? 'origins' : code === ErrorCode.unknownCategory ? 'categories' : 'form';
      this.errors = { [field]: this.#i18n.error(error) };
    }
  }

  async #copy(text: string) {
    const t = this.#i18n.t.config;
    try {
      await navigator.clipboard.writeText(text);
      announce(this, t.copied);
    } catch {
      // No clipboard (permission, insecure origin): select the code so Ctrl+C does it.
      const code = this.renderRoot.querySelector('.snippet code');
      if (code) getSelection()?.selectAllChildren(code);
      announce(this, t.copyFailed);
    }
  }
}
