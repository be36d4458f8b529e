import type { Lang } from '../index.js';
import { trackEn } from './en.js';
import { trackPl } from './pl.js';
import type { TrackTranslation } from './translation.js';
import { trackUk } from './uk.js';

export type { TrackTranslation };
export const trackTranslations: Record<Lang, TrackTranslation> = { pl: trackPl, en: trackEn, uk: trackUk };
