import { expect } from '@open-wc/testing';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { fromLonLat } from 'ol/proj.js';
import { ClientClusters, CLUSTER_DISTANCE, CLUSTER_MIN_REPORTS, clusterFeature } from './client-clusters.js';
import { clusterLabel } from './feature-style.js';

function report(id: string, lon: number, lat: number, status = 'new'): Feature {
  const feature = new Feature({ geometry: new Point(fromLonLat([lon, lat])), kind: 'report', status, category: 'speeding' });
  feature.setId(id);
  return feature;
}

describe('ClientClusters', () => {
  // 30 reports within ~100 m of Olsztyn's centre, and one 50 km away.
  const near = Array.from({ length: 30 }, (_, n) => report(`N${n}`, 20.48 + (n % 6) * 0.0002, 53.78 + Math.floor(n / 6) * 0.0002, n % 3 ? 'new' : 'confirmed'));
  const far = report('FAR', 21.2, 53.78);
  const features = [...near, far];

  it('draws reports closer than the distance as one cluster, counted by status, and leaves the rest alone', () => {
    const clusters = new ClientClusters();
    const resolution = 100; // metres per pixel: a voivodeship's zoom
    const cluster = clusters.of(near[0]!, features, resolution)!;
    expect(cluster.members).to.have.length(30);
    expect(cluster.statuses).to.deep.equal({ confirmed: 10, new: 20 });
    expect(near.every((f) => clusters.of(f, features, resolution) === cluster)).to.equal(true);
    expect(clusters.of(far, features, resolution)).to.equal(undefined);
    expect(clusterLabel(cluster.style)).to.equal('30');
    const feature = clusterFeature(cluster);
    expect([feature.get('kind'), feature.get('count')]).to.deep.equal(['cluster', 30]);
    const [west, south, east, north] = feature.get('extent') as number[];
    expect(west).to.be.closeTo(20.48, 1e-6);
    expect(east).to.be.closeTo(20.481, 1e-6);
    expect([south! < north!]).to.deep.equal([true]);
  });

  it('splits them again at street zoom, where they are more than the distance apart', () => {
    const clusters = new ClientClusters();
    // 0.0002° ≈ 22 m of map units here: at 0.2 m/px they are ~110 px apart.
    expect(clusters.of(near[0]!, features, 0.2)).to.equal(undefined);
    expect(CLUSTER_DISTANCE * 0.2).to.be.lessThan(22);
  });

  it('works the same clusters out ahead of the frame (prepare), which the frame then finds as they are', async () => {
    const ahead = new ClientClusters();
    expect(await ahead.prepare(features, 100)).to.equal(true);
    const prepared = ahead.of(near[0]!, features, 100)!;
    const computed = new ClientClusters().of(near[0]!, features, 100)!;
    expect(prepared.members).to.deep.equal(computed.members);
    expect(prepared.statuses).to.deep.equal(computed.statuses);
    expect(ahead.of(near[29]!, features, 100), 'not worked out again').to.equal(prepared);
    expect(ahead.of(far, features, 100)).to.equal(undefined);
  });

  it('clusters nothing in an answer of fewer than CLUSTER_MIN_REPORTS reports', () => {
    const clusters = new ClientClusters();
    const few = near.slice(0, CLUSTER_MIN_REPORTS - 1);
    expect(clusters.of(few[0]!, few, 100)).to.equal(undefined);
  });
});
