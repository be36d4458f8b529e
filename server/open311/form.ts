import { ATTRIBUTE } from './services.js';

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
 * and a comma list are accepted too). Name, email and phone fields of the spec are ignored:
 * the service takes no personal data.
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
  return input;
}
