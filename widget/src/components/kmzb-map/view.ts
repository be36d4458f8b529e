import type { KmzbView } from '../../events.js';

const VIEWS: readonly KmzbView[] = ['map', 'report', 'stats', 'track'];

/** The view a `view` attribute asks for; anything unknown is the map. */
export function parseView(value: string | null | undefined): KmzbView {
  const wanted = value?.trim().toLowerCase();
  return VIEWS.find((view) => view === wanted) ?? 'map';
}
