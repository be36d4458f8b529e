import { Type } from '@sinclair/typebox';
import { DEVICE_TOKEN_PATTERN } from '../../common/api.js';
import { REPORT_LIMITS, TIMES_OF_DAY, WEEKDAYS } from '../../common/catalogue.js';
import { ATTRIBUTE, langOf } from './services.js';

/** An application/x-www-form-urlencoded body: every value of every key, in order. */
export type FormBody = ReadonlyMap<string, readonly string[]>;

export function parseForm(text: string): FormBody {
  const form = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(text)) {
    const values = form.get(key) ?? [];
    values.push(value);
    form.set(key, values);
  }
  return form;
}

/**
 * Removes blank values from a parsed query string, in place: the spec says an empty optional
 * parameter means absent (`jurisdiction_id=`, `start_date=&end_date=` from form-built URLs).
 */
export function dropBlankFields(query: unknown): void {
  if (query === null || typeof query !== 'object') return;
  const fields = query as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.trim() === '') delete fields[key];
  }
}

/** The single value of a field; blank is absent. */
export function single(form: FormBody, key: string): string | undefined {
  const value = form.get(key)?.[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * A POST requests body as the object parseNewReport validates for the widget, so both paths
 * share one validation: `long`/`lat` → lon/lat (numbers, or left as strings to be refused),
 * `service_code` → category, `description`, and the attributes: `attribute[event_datetime]`,
 * `attribute[recurrence_days][]=mon` (the spec's multivaluelist form; `attribute[code]=mon`
 * and a comma list are accepted too), and the spec's `email`: the citizen's address for status
 * updates, as the widget's form takes it (checked by contactRequestOf, kept apart from the
 * report, deleted at the final status), the mails in the language of `locale`. Name and phone
 * fields of the spec are ignored: the service takes no other personal data.
 */
export function newReportInput(form: FormBody): Record<string, unknown> {
  const number = (key: string): unknown => {
    const raw = single(form, key);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    return Number.isFinite(value) ? value : raw;
  };
  const list = (code: string): string[] | undefined => {
    const values = [...(form.get(`attribute[${code}][]`) ?? []), ...(form.get(`attribute[${code}]`) ?? [])]
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return values.length ? values : undefined;
  };
  const input: Record<string, unknown> = {
    lon: number('long'),
    lat: number('lat'),
    category: single(form, 'service_code'),
  };
  const description = form.get('description')?.[0];
  if (description !== undefined) input.description = description;
  const eventAt = single(form, `attribute[${ATTRIBUTE.eventAt}]`);
  if (eventAt !== undefined) input.eventAt = eventAt;
  const days = list(ATTRIBUTE.days);
  const times = list(ATTRIBUTE.times);
  if (days || times) input.recurrence = { ...(days && { days }), ...(times && { times }) };
  const email = single(form, 'email');
  if (email !== undefined) {
    input.email = email;
    input.lang = langOf(single(form, 'locale'));
  }
  return input;
}

/**
 * The POST requests form as the OpenAPI document shows it (documentation only: parseForm and
 * parseNewReport check it). Blank fields count as absent; `email` asks for status updates
 * (400 INVALID_EMAIL when not an address); the spec's other personal fields (names, phone) and
 * api_key are accepted and ignored.
 */
export const Open311FormDoc = Type.Object({
  service_code: Type.String({ description: 'a category code from services.json' }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  long: Type.Number({ minimum: -180, maximum: 180 }),
  description: Type.Optional(Type.String({ maxLength: REPORT_LIMITS.descriptionMaxLength, description: 'for the police only; never published' })),
  device_id: Type.Optional(Type.String({ pattern: DEVICE_TOKEN_PATTERN, description: 'the daily rule\'s device token; else the KMZB-Device header' })),
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 64, description: 'a unit id: the point must lie in its area' })),
  email: Type.Optional(Type.String({
    maxLength: 254,
    description: 'the citizen\'s address for status updates (400 INVALID_EMAIL when not one): never served, deleted at the final status',
  })),
  locale: Type.Optional(Type.String({ maxLength: 35, description: 'the language of the update mails: pl (default), en or uk' })),
  [`attribute[${ATTRIBUTE.eventAt}]`]: Type.Optional(Type.String({ format: 'date-time' })),
  [`attribute[${ATTRIBUTE.days}][]`]: Type.Optional(Type.Array(Type.Union(WEEKDAYS.map((d) => Type.Literal(d))))),
  [`attribute[${ATTRIBUTE.times}][]`]: Type.Optional(Type.Array(Type.Union(TIMES_OF_DAY.map((t) => Type.Literal(t))))),
});
