import { html, nothing } from 'lit';
import type { EffectiveUnitConfig } from '../../../../common/schemas/staff.js';
import type { ConsoleI18n } from '../i18n/index.js';
import { embedSnippet, type WidgetRelease } from './config-form.js';

export interface PreviewInput {
  unit: string;
  effective: EffectiveUnitConfig;
  basemap: string;
  onBasemap: (basemap: string) => void;
  onCopy: (snippet: string) => void;
  /** The build's versioned widget file; undefined until known, or without a build manifest. */
  release: WidgetRelease | undefined;
}

const BASEMAPS = ['osm', 'none'] as const;

/**
 * The live preview and the snippet to paste. The preview is the real `<kmzb-map>` given the
 * edited settings through its `config` property: the same path an embedded widget's saved
 * settings take (only their source differs), so the preview cannot disagree with the real thing.
 */
export function previewAndSnippet(i18n: ConsoleI18n, { unit, effective, basemap, onBasemap, onCopy, release }: PreviewInput) {
  const t = i18n.t.config;
  const snippet = embedSnippet(location.origin, unit, release);
  return html`
    <section class="preview" aria-labelledby="preview-heading">
      <h3 id="preview-heading">${t.preview}</h3>
      <label>${t.basemap}<select name="basemap" @change=${(e: Event) => onBasemap((e.target as HTMLSelectElement).value)}>
        ${BASEMAPS.map((b) => html`<option value=${b} ?selected=${b === basemap}>${t.basemaps[b]}</option>`)}
      </select></label>
      <kmzb-map unit=${unit} api=${location.origin} basemap=${basemap} height="360px" .config=${effective}></kmzb-map>
    </section>
    <section class="snippet" aria-labelledby="snippet-heading">
      <h3 id="snippet-heading">${t.snippet}</h3>
      <pre><code>${snippet}</code></pre>
      <p class="note">${t.snippetNote}</p>
      ${release ? html`<p class="note version">${t.snippetVersion}</p>` : nothing}
      <button type="button" class="copy" @click=${() => onCopy(snippet)}>${t.copy}</button>
    </section>
  `;
}
