import type { WidgetRelease } from './config-form.js';

/** Where the server serves the current build's versioned widget files and their SRI values. */
export const WIDGET_MANIFEST_PATH = '/widget/manifest.json';

const isRelease = (value: unknown): value is WidgetRelease =>
  typeof value === 'object' && value !== null &&
  typeof (value as WidgetRelease).file === 'string' && /^v\/[\w.-]+\.js$/.test((value as WidgetRelease).file) &&
  typeof (value as WidgetRelease).integrity === 'string' && /^sha384-[A-Za-z0-9+/=]+$/.test((value as WidgetRelease).integrity);

/**
 * The ES module of the build this server runs, from /widget/manifest.json (no-cache: it changes
 * with each deployment). Undefined without a build manifest or with an unexpected one, so the
 * snippet falls back to the unversioned entry rather than to nothing.
 */
export async function currentWidgetRelease(origin: string): Promise<WidgetRelease | undefined> {
  try {
    const response = await fetch(new URL(WIDGET_MANIFEST_PATH, origin), { cache: 'no-cache' });
    if (!response.ok) return undefined;
    const module: unknown = ((await response.json()) as { module?: unknown }).module;
    return isRelease(module) ? module : undefined;
  } catch {
    return undefined;
  }
}
