import type { Lang } from '../translation.js';
import { statsEn } from './en.js';
import { statsPl } from './pl.js';
import type { StatsTranslation } from './translation.js';
import { statsUk } from './uk.js';

export type { StatsTranslation } from './translation.js';

/** The stats view's words per language (kept out of the main Translation: see translation.ts). */
export const statsTranslations: Readonly<Record<Lang, StatsTranslation>> = { pl: statsPl, en: statsEn, uk: statsUk };
