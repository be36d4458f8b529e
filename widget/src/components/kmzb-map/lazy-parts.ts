/**
 * The parts of `<kmzb-map>` loaded on first use: separate chunks of the ES build, so the map
 * view does not pay for the form or the statistics. One object, so that a test can make a part
 * fail to load as it does offline or after a deployment removed the old chunk.
 */
export const lazyParts = {
  report: (): Promise<unknown> => import('../kmzb-report-form/kmzb-report-form.js'),
  stats: (): Promise<unknown> => import('../kmzb-stats/kmzb-stats.js'),
  track: (): Promise<unknown> => import('../kmzb-report-track/kmzb-report-track.js'),
};
