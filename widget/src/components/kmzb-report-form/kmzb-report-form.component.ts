import { getAllowance } from '../../api/allowance.js';
import type { ReportAllowance } from '../../../../common/schemas/allowance.js';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type OlMap from 'ol/Map.js';
import type { TimeOfDay, Weekday } from '../../../../common/catalogue.js';
import type { Category } from '../../../../common/schemas/category.js';
import type { UnitRef } from '../../../../common/schemas/unit.js';
import type { NearbyReport, ReportCreated } from '../../../../common/schemas/report.js';
import { type ApiError, toApiError } from '../../api/client.js';
import { rememberReport } from '../../api/my-reports.js';
import { confirmReport, getCategories, getNearby, locate, submitReport } from '../../api/reports.js';
import { emit } from '../../events.js';
import { I18nController } from '../../i18n/i18n-controller.js';
import { type LonLat, PinPlacer } from '../../map/pin-placer.js';
import { renderCategory, renderDuplicates } from './category-step.js';
import { forgetEmail, renderDetails, validateDetails, newReport } from './details-step.js';
import { controlOf, type Field, fieldOf, type Step, stepOf } from './field-errors.js';
import { PhotoList } from './photo-list.js';
import { renderPlace } from './place-step.js';
import { renderDone } from './done-step.js';
import { styles } from './kmzb-report-form.styles.js';

/** Where the pin is, as far as routing goes. */
export type PlaceState =
  | { status: 'none' }
  | { status: 'finding' }
  | { status: 'ready'; unit: UnitRef }
  | { status: 'error'; code: ApiError['code'] };

const STEP_NUMBERS: Partial<Record<Step, number>> = { place: 1, category: 2, duplicates: 2, details: 3 };
export const STEP_COUNT = 3;

/**
 * The citizen's report form, shown by `<kmzb-map view="report">` beside its map: the place (a pin
 * on the host's map), the category (with the "I see it too" offer for nearby open reports), the
 * details, then the answer. Loaded on demand, so the map alone does not pay for it.
 *
 * @fires kmzb-report-submitted - a report was accepted: `{ id, unit }` (bubbles out of the host)
 * @fires step-change - internal, to the host: the step changed (the map shows only while placing)
 * @fires report-close - internal, to the host: the reader asked to go back to the map
 */
export class KmzbReportForm extends LitElement {
  static override styles = styles;

  /** Base URL of the API, as the host's `api` attribute gives it. */
  @property() accessor api: string | undefined;
  /** Comma list of category codes to offer; unknown codes are ignored, none known means all. */
  @property() accessor categories: string | undefined;
  /** The widget's unit: asked whether this device and page may report to it, before any typing. */
  @property() accessor unit: string | undefined;
  /** The answer of GET /reports/allowance for this device, network and page (undefined: not known). */
  @state() accessor allowance: ReportAllowance | undefined;
  /** The host's OpenLayers map and its focusable viewport, where the pin lives. */
  @property({ attribute: false }) accessor map: OlMap | undefined;
  /** Whether the unit takes photos (its widget configuration); off: no photo field. */
  @property({ attribute: false }) accessor photosEnabled = true;
  @property({ attribute: false }) accessor viewport: HTMLElement | undefined;
  @property({ attribute: 'lang' }) private accessor langAttribute: string | null = null;

  @state() accessor step: Step = 'place';
  @state() accessor place: PlaceState = { status: 'none' };
  @state() accessor geo: 'idle' | 'locating' | 'denied' | 'unavailable' = 'idle';
  @state() accessor catalogue: Category[] | undefined;
  @state() accessor catalogueError: ApiError | undefined;
  @state() accessor category: string | undefined;
  @state() accessor nearby: NearbyReport[] = [];
  @state() accessor description = '';
  @state() accessor eventAt = '';
  @state() accessor days: Weekday[] = [];
  @state() accessor times: TimeOfDay[] = [];
  @state() accessor busy = false;
  @state() accessor errors: Partial<Record<Field, string>> = {};
  @state() accessor created: ReportCreated | undefined;
  @state() accessor confirmations: number | undefined;
  /** The description's count, read out once typing pauses (a polite live region). */
  @state() accessor counterSpoken = '';
  /** Read by screen readers (a polite live region): the step, the progress of sending. */
  @state() accessor announcement = '';
  readonly photos = new PhotoList();

  readonly i18n = new I18nController(this);
  #pin: PinPlacer | undefined;
  #locating: AbortController | undefined;

  get stepNumber(): number | undefined {
    return STEP_NUMBERS[this.step];
  }

  /** Moves focus to the step's heading (the host calls it when the reader opened the form). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.catalogue) void this.loadCatalogue();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#pin?.detach();
    this.#pin = undefined;
    this.#locating?.abort();
    this.#allowanceAbort?.abort();
    this.photos.clear();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('unit') || changed.has('api')) && this.unit) void this.#checkAllowance(this.unit);
    if (changed.has('step') && changed.get('step') !== undefined) {
      const t = this.i18n.t.report;
      const heading = t.steps[this.step];
      this.announcement = this.stepNumber ? `${t.stepOf(this.stepNumber, STEP_COUNT)}: ${heading}` : heading;
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (!this.#pin && this.map && this.viewport && this.isConnected) {
      const accent = getComputedStyle(this).getPropertyValue('--kmzb-accent').trim() || undefined;
      this.#pin = new PinPlacer(this.map, this.viewport, (lonLat) => this.pinMoved(lonLat), accent);
    }
    if (changed.has('step') && changed.get('step') !== undefined) {
      this.dispatchEvent(new Event('step-change'));
      // An error moved the reader back to its step: the wrong field gets focus, not the heading.
      if (!Object.values(this.errors).some(Boolean)) void this.focusHeading();
    }
  }

  override render() {
    const t = this.i18n.t;
    const number = this.stepNumber;
    return html`
      <form part="form" aria-label=${t.report.label} novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#onSubmit}>
        <p class="urgent" part="urgent">${t.report.urgent}</p>
        ${number ? html`<p class="step-of" part="step-of">${t.report.stepOf(number, STEP_COUNT)}</p>` : nothing}
        <h3 id="step-heading" tabindex="-1">${t.report.steps[this.step]}</h3>
        ${this.#body()}
        <p id="form-error" class="error" role="alert" tabindex="-1">${this.errors.form ?? ''}</p>
        <p class="visually-hidden" role="status">${this.announcement}</p>
      </form>
    `;
  }

  #body() {
    switch (this.step) {
      case 'place':
        return renderPlace(this);
      case 'category':
        return renderCategory(this);
      case 'duplicates':
        return renderDuplicates(this);
      case 'details':
        return renderDetails(this);
      default:
        return renderDone(this);
    }
  }

  /**
   * Asks, before the citizen types anything, whether a report (or an "I see it too") from here
   * would be accepted now. Counts nothing on the server. A failed question is no refusal: the
   * POST still decides, and says why.
   */
  async #checkAllowance(unit: string): Promise<void> {
    this.#allowanceAbort?.abort();
    const abort = (this.#allowanceAbort = new AbortController());
    try {
      const allowance = await getAllowance(this.api, unit, abort.signal);
      if (!abort.signal.aborted) this.allowance = allowance;
    } catch {
      if (!abort.signal.aborted) this.allowance = undefined;
    }
  }

  #allowanceAbort: AbortController | undefined;

  /** Why a new report cannot be sent now, in words, or undefined when it can (or is not known). */
  get refusal(): string | undefined {
    const report = this.allowance?.report;
    if (!report || report.allowed || !report.code) return undefined;
    return this.i18n.t.errors[report.code]({ unitId: this.unit ?? '', ...(report.retryAt ? { retryAt: new Date(report.retryAt) } : {}) });
  }

  goTo(step: Step): void {
    this.errors = {};
    this.step = step;
  }

  close(): void {
    this.dispatchEvent(new Event('report-close'));
  }

  /** "My location": the browser's geolocation, with a clear message when it is refused or fails. */
  useMyLocation(): void {
    if (!navigator.geolocation) {
      this.geo = 'unavailable';
      return;
    }
    this.geo = 'locating';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.geo = 'idle';
        this.#pin?.show([position.coords.longitude, position.coords.latitude]);
      },
      (error) => (this.geo = error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  /** The pin moved: ask which unit the place belongs to (a newer move cancels the older question). */
  async pinMoved(lonLat: LonLat): Promise<void> {
    this.#locating?.abort();
    const abort = (this.#locating = new AbortController());
    this.errors = { ...this.errors, place: undefined };
    this.place = { status: 'finding' };
    try {
      const result = await locate(this.api, lonLat[0], lonLat[1], abort.signal);
      if (!abort.signal.aborted) this.place = { status: 'ready', unit: result.units[0]! };
    } catch (error) {
      if (!abort.signal.aborted) this.place = { status: 'error', code: toApiError(error).code };
    }
  }

  get pin(): LonLat | undefined {
    return this.#pin?.lonLat;
  }

  async loadCatalogue(): Promise<void> {
    this.catalogueError = undefined;
    try {
      this.catalogue = await getCategories(this.api);
    } catch (error) {
      this.catalogueError = toApiError(error);
    }
  }

  /** After the category: offer "I see it too" when open reports of it are nearby, else the details. */
  async categoryChosen(): Promise<void> {
    const pin = this.pin;
    if (!this.category) {
      this.errors = { category: this.i18n.t.report.category.required };
      this.#focus('category');
      return;
    }
    if (!pin) return this.goTo('place');
    this.busy = true;
    try {
      this.nearby = await getNearby(this.api, pin[0], pin[1], this.category);
      this.goTo(this.nearby.length ? 'duplicates' : 'details');
    } catch {
      this.goTo('details'); // the offer is a courtesy: never block a report on it
    } finally {
      this.busy = false;
    }
  }

  /** "I see it too" on a nearby report, under the same daily rule as a report. */
  async confirm(report: NearbyReport): Promise<void> {
    await this.#send(async () => {
      const confirmed = await confirmReport(this.api, report.id);
      this.confirmations = confirmed.confirmations;
      this.goTo('confirmed');
    });
  }

  async #onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.step !== 'details' || this.busy) return;
    const pin = this.pin;
    if (!pin || !this.category) return this.goTo(pin ? 'category' : 'place');
    const invalid = validateDetails(this);
    if (invalid) return this.showError(invalid.field, invalid.message);
    await this.#send(async () => {
      this.announcement = this.i18n.t.report.details.sending;
      const created = await submitReport(this.api, newReport(this, pin, this.category!), this.photos.files);
      rememberReport({ id: created.id, token: created.trackingToken, createdAt: created.createdAt });
      forgetEmail(this);
      this.created = created;
      this.goTo('sent');
      emit(this, 'kmzb-report-submitted', { id: created.id, unit: created.unit });
    });
  }

  /** Runs a write with the form busy; a refusal is shown by the field it is about. */
  async #send(write: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.errors = {};
    try {
      await write();
    } catch (error) {
      const { code, retryAt } = toApiError(error);
      const message = this.i18n.t.errors[code]({ unitId: '', retryAt });
      const field = fieldOf(code);
      if (stepOf(field) !== this.step && field !== 'form') this.step = stepOf(field);
      this.showError(field, message);
    } finally {
      this.busy = false;
    }
  }

  showError(field: Field, message: string): void {
    this.errors = { ...this.errors, [field]: message };
    this.announcement = '';
    this.#focus(field);
  }

  async #focus(field: Field): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${controlOf[field]}`)?.focus();
  }
}
