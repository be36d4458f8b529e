import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { EffectiveUnitConfig } from '../../../../common/schemas/staff.js';
import type { ConsoleI18n } from '../i18n/index.js';
import { embedSnippet } from './config-form.js';

export interface PreviewInput {
  unit: string;
  effective: EffectiveUnitConfig;
  basemap: string;
  onBasemap: (basemap: string) => void;
  onCopy: (snippet: string) => void;
}

const BASEMAPS = ['osm', 'none'] as const;

/**
 * The live preview (the real `<kmzb-map>`, given the edited settings as attributes and the
 * accent as a custom property, so it changes before anything is saved) and the snippet to paste.
 */
export function previewAndSnippet(i18n: ConsoleI18n, { unit, effective, basemap, onBasemap, onCopy }: PreviewInput) {
  const t = i18n.t.config;
  const snippet = embedSnippet(location.origin, unit);
  return html`
    <section class="preview" aria-labelledby="preview-heading">
      <h3 id="preview-heading">${t.preview}</h3>
      <label>${t.basemap}<select name="basemap" @change=${(e: Event) => onBasemap((e.target as HTMLSelectElement).value)}>
        ${BASEMAPS.map((b) => html`<option value=${b} ?selected=${b === basemap}>${t.basemaps[b]}</option>`)}
      </select></label>
      <kmzb-map unit=${unit} api=${location.origin} basemap=${basemap} height="360px" lang=${effective.defaultLang} view=${effective.defaultView}
        categories=${effective.enabledCategories.join(',')} style=${styleMap({ '--kmzb-accent': effective.accentColor })}></kmzb-map>
    </section>
    <section class="snippet" aria-labelledby="snippet-heading">
      <h3 id="snippet-heading">${t.snippet}</h3>
      <pre><code>${snippet}</code></pre>
      <button type="button" class="copy" @click=${() => onCopy(snippet)}>${t.copy}</button>
    </section>
  `;
}
