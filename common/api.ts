/**
 * Route paths of the public API, shared by the server (route registration) and the widget
 * (the typed fetch client), so a path is spelled once.
 */
export const API_PREFIX = '/api/v1';

export const ApiPath = {
  units: `${API_PREFIX}/units`,
  unit: `${API_PREFIX}/units/:id`,
  locate: `${API_PREFIX}/locate`,
} as const;

/** Fills `:name` placeholders of an ApiPath with URL-encoded values. */
export function apiPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
