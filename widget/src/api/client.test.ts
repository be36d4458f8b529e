import { expect } from '@open-wc/testing';
import { ApiError, apiBaseFor, apiRoot, DEFAULT_API_BASE, getUnit } from './client.js';

// The test server forwards /api/ to the real app (web-test-runner.config.mjs).
const api = location.origin;

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).to.be.instanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  it('defaults to the server root above the directory the script was served from', () => {
    // Served at /widget/kmzb-map.js in production, the API is at /; here the module is /widget/src/api/client.ts.
    expect(DEFAULT_API_BASE).to.equal(new URL('/widget/src/', location.origin).href);
    expect(apiRoot(undefined)).to.equal(new URL('/widget/src', location.origin).href);
    expect(apiRoot('https://kmzb.example.pl/')).to.equal('https://kmzb.example.pl');
    expect(apiRoot('/kmzb/')).to.equal(`${location.origin}/kmzb`);
  });

  it('finds the server root from a versioned copy under /widget/v/ too', () => {
    expect(apiBaseFor('https://kmzb.example.pl/widget/kmzb-map.js')).to.equal('https://kmzb.example.pl/');
    expect(apiBaseFor('https://kmzb.example.pl/widget/v/kmzb-map.CNO8j4g3.js')).to.equal('https://kmzb.example.pl/');
    expect(apiBaseFor('https://kmzb.example.pl/kmzb/widget/v/kmzb-map.classic.ekacqSZvi2.js')).to.equal('https://kmzb.example.pl/kmzb/');
  });

  it('gets a unit with its area', async () => {
    const unit = await getUnit(api, 'kwp-olsztyn');
    expect([unit.id, unit.kind, unit.acronym, unit.area.type]).to.deep.equal(['kwp-olsztyn', 'voivodeship', 'KWP', 'Feature']);
  });

  it('turns a 404 into an error carrying the API error code', async () => {
    const error = await failure(getUnit(api, 'no-such-unit'));
    expect([error.code, error.status, error.retryable]).to.deep.equal(['UNIT_NOT_FOUND', 404, false]);
  });

  it('turns a gateway error without our error body into a retryable INTERNAL_ERROR', async () => {
    const realFetch = window.fetch;
    window.fetch = async () => new Response('<h1>Bad gateway</h1>', { status: 502 });
    try {
      const error = await failure(getUnit(api, 'pl'));
      expect([error.code, error.status, error.retryable]).to.deep.equal(['INTERNAL_ERROR', 502, true]);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('reports an unreachable server as a retryable NETWORK_ERROR', async () => {
    const error = await failure(getUnit('http://127.0.0.1:9', 'pl'));
    expect([error.code, error.status, error.retryable]).to.deep.equal(['NETWORK_ERROR', 0, true]);
  });

  it('lets an aborted request reject with the AbortError, not an ApiError', async () => {
    const abort = new AbortController();
    const request = getUnit(api, 'pl', abort.signal);
    abort.abort();
    const error = await request.then(() => undefined, (e: unknown) => e);
    expect((error as Error).name).to.equal('AbortError');
  });
});
