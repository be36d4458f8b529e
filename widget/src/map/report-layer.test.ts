import { expect } from '@open-wc/testing';
import type { ReportMap } from '../../../common/schemas/report-map.js';
import { ReportLayer } from './report-layer.js';

/** An answer of `count` reports spread over Olsztyn, and one server cluster at the end. */
function answer(count: number): ReportMap {
  const features: ReportMap['features'] = Array.from({ length: count }, (_, n) => ({
    type: 'Feature' as const,
    id: `R${n}`,
    geometry: { type: 'Point' as const, coordinates: [20.4 + (n % 100) * 0.002, 53.7 + Math.floor(n / 100) * 0.002] as [number, number] },
    properties: {
      kind: 'report' as const, id: `R${n}`, category: n % 2 ? 'speeding' : 'illegal_dump', status: n % 3 ? ('new' as const) : ('confirmed' as const),
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', confirmations: 0, unit: 'kmp-olsztyn',
    },
  }));
  features.push({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [21, 54] },
    properties: { kind: 'cluster', count: 12, statuses: { new: 12 }, categories: { speeding: 12 }, extent: [20.9, 53.9, 21.1, 54.1] },
  });
  return { type: 'FeatureCollection', clustered: false, total: count + 12, features };
}

describe('ReportLayer.prepare', () => {
  it('makes every feature of an answer, with its id, and show() puts them on the layer', async () => {
    const layer = new ReportLayer();
    const prepared = (await layer.prepare(answer(3000)))!;
    const { features } = prepared;
    expect(features).to.have.length(3001);
    expect(features[0]!.getId()).to.equal('R0');
    expect(features[2999]!.get('category')).to.equal('speeding');
    expect(features[3000]!.getId()).to.equal('cluster-3000');
    layer.show(prepared);
    expect(layer.layer.getSource()!.getFeatures()).to.have.length(3001);
    expect(layer.feature('R42')).to.equal(features[42]);
  });

  it('gives up once aborted (a newer answer): undefined, the layer left as it was', async () => {
    const layer = new ReportLayer();
    const abort = new AbortController();
    const prepared = layer.prepare(answer(20_000), abort.signal);
    abort.abort();
    expect(await prepared).to.equal(undefined);
    expect(layer.layer.getSource()!.getFeatures()).to.have.length(0);
  });
});
