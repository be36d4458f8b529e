import { ErrorCode } from '../../../../common/errors.js';

/** The form's fields an error can belong to; `form` is the whole form (shown by the buttons). */
export type Field = 'place' | 'category' | 'description' | 'eventAt' | 'recurrence' | 'photos' | 'form';

/** The step where the reader fixes a field. */
export type Step = 'place' | 'category' | 'duplicates' | 'details' | 'sent' | 'confirmed';

const fields: Partial<Record<string, Field>> = {
  [ErrorCode.outsidePoland]: 'place',
  [ErrorCode.invalidCoordinates]: 'place',
  [ErrorCode.unknownCategory]: 'category',
  [ErrorCode.descriptionTooLong]: 'description',
  [ErrorCode.invalidEventTime]: 'eventAt',
  [ErrorCode.eventInFuture]: 'eventAt',
  [ErrorCode.invalidRecurrence]: 'recurrence',
  [ErrorCode.photoTypeNotAllowed]: 'photos',
  [ErrorCode.photosTooLarge]: 'photos',
  [ErrorCode.tooManyPhotos]: 'photos',
  [ErrorCode.photoUnreadable]: 'photos',
};

/** The field a server (or client) error code is about; anything else is about the whole form. */
export function fieldOf(code: string): Field {
  return fields[code] ?? 'form';
}

/** The step that shows a field. */
export function stepOf(field: Field): Step {
  if (field === 'place' || field === 'category') return field;
  return 'details';
}

/** The control that gets focus when its field is wrong (the id inside the form's shadow root). */
export const controlOf: Record<Field, string> = {
  place: 'my-location',
  category: 'category-first',
  description: 'description',
  eventAt: 'event-at',
  recurrence: 'day-mon',
  photos: 'photos',
  form: 'form-error',
};

/** Length as the server counts it: Unicode code points, so an emoji is one character. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
