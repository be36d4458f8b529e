import { expect } from '@open-wc/testing';
import { WIDGET_CONFIG_DEFAULTS } from '../../../common/widget-config.js';
import { getAllowance } from './allowance.js';
import { ApiError } from './client.js';
import { DEVICE_KEY, randomToken } from './device.js';
import { getCategories, getReport, submitReport } from './reports.js';
import { trackingTokenFromHash, trackingUrlOf } from './tracking.js';
import { getWidgetConfig } from './widget-config.js';

// The test server forwards /api/ to the real app (web-test-runner.config.mjs).
const api = location.origin;
/** In kmp-olsztyn. */
const OLSZTYN = { lon: 20.4801, lat: 53.7784 };

describe('api client: widget config, allowance and tracking', () => {
  let savedDevice: string | null;
  beforeEach(() => {
    // A device of its own: other test files may have used this browser's token today.
    savedDevice = localStorage.getItem(DEVICE_KEY);
    localStorage.setItem(DEVICE_KEY, randomToken());
  });
  afterEach(() => {
    if (savedDevice === null) localStorage.removeItem(DEVICE_KEY);
    else localStorage.setItem(DEVICE_KEY, savedDevice);
  });

  it('gets a unit\'s effective widget config, the national defaults when nothing is set', async () => {
    const config = await getWidgetConfig(api, 'kpp-wejherowo');
    expect(config.unit).to.equal('kpp-wejherowo');
    expect(config.enabledCategories).to.have.length(24);
    expect({ ...config, unit: undefined, enabledCategories: undefined }).to.deep.equal({
      unit: undefined, enabledCategories: undefined, ...WIDGET_CONFIG_DEFAULTS, defaultLang: null,
    });
    expect(config).not.to.have.property('allowedOrigins');
    const error = await getWidgetConfig(api, 'kmp-atlantyda').catch((e: unknown) => e);
    expect((error as ApiError).code).to.equal('UNIT_NOT_FOUND');
  });

  it('asks the allowance before and after a report, and follows the report with its tracking link', async () => {
    expect(await getAllowance(api, 'kmp-olsztyn')).to.deep.equal({ unit: 'kmp-olsztyn', report: { allowed: true }, confirmation: { allowed: true } });
    expect((await getAllowance(api, 'kmp-olsztyn')).report.allowed, 'asking again used nothing up').to.equal(true);

    const created = await submitReport(api, { ...OLSZTYN, category: 'illegal_parking' }, []);
    const link = new URL(created.trackingUrl);
    expect(link.pathname).to.equal(`/r/${created.id}`);
    expect(trackingTokenFromHash(link.hash)).to.equal(created.trackingToken);
    expect(trackingUrlOf(api, created.id, created.trackingToken)).to.equal(created.trackingUrl);

    const after = await getAllowance(api, 'kmp-olsztyn');
    expect(after.report.allowed).to.equal(false);
    expect(after.report.code).to.equal('REPORT_LIMIT_REACHED');
    expect(Date.parse(after.report.retryAt!)).to.equal(Date.parse(created.createdAt) + 86_400_000);
    expect(after.confirmation).to.deep.equal(after.report);

    const view = await getReport(api, created.id, created.trackingToken);
    expect([view.id, view.status, view.unit.id, view.history.length]).to.deep.equal([created.id, 'new', 'kmp-olsztyn', 1]);
  });

  it('gets the categories of a unit (all 24 where nothing narrows them)', async () => {
    expect(await getCategories(api, undefined, 'kpp-wejherowo')).to.have.length(24);
    const error = await getCategories(api, undefined, 'kmp-atlantyda').catch((e: unknown) => e);
    expect((error as ApiError).code).to.equal('UNIT_NOT_FOUND');
  });

  it('reads only a well-formed token from a fragment', () => {
    const token = 'a'.repeat(43);
    expect(trackingTokenFromHash(`#token=${token}`)).to.equal(token);
    expect(trackingTokenFromHash(`#lang=en&token=${token}`)).to.equal(token);
    expect(trackingTokenFromHash('#token=short')).to.equal(undefined);
    expect(trackingTokenFromHash('')).to.equal(undefined);
  });
});
