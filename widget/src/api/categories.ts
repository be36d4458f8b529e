import type { Category } from '../../../common/schemas/category.js';

/**
 * The catalogue narrowed by the `categories` attribute; unknown codes ignored, none known: all.
 * Shared by the report form and the map's filters, so both offer the same categories.
 */
export function offered(catalogue: readonly Category[], filter: string | undefined): readonly Category[] {
  const wanted = new Set((filter ?? '').split(',').map((code) => code.trim().toLowerCase()).filter(Boolean));
  const narrowed = catalogue.filter((category) => wanted.has(category.code));
  return narrowed.length ? narrowed : catalogue;
}
