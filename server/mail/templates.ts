import type { Lang, Status } from '../../common/catalogue.js';
import { MAIL_WORDS } from './mail-words.js';

/** A mail as queued: plain text for every client, and the same as simple HTML. */
export interface MailBody {
  subject: string;
  text: string;
  html: string;
}

/** Citizen text, category and unit names go into HTML escaped: never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(lang: Lang, blocks: string[], footer: string): string {
  return `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;line-height:1.4;color:#1b1f24">${blocks.join('')}`
    + `<p style="color:#4a5058;font-size:0.9em">${escapeHtml(footer)}</p></body></html>`;
}

const link = (href: string, label: string) => `<p><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></p>`;
const para = (text: string) => `<p>${escapeHtml(text)}</p>`;

export interface NewReportFacts {
  id: string;
  category: string;
  unit: string;
  /** Already formatted in the mail's language. */
  received: string;
  /** The report's page in the console (absolute). */
  url: string;
}

/** "New report X" to an officer who asked for one per report: facts and the console link, nothing the citizen wrote, no photos. */
export function newReportMail(lang: Lang, facts: NewReportFacts): MailBody {
  const w = MAIL_WORDS[lang];
  const rows: [string, string][] = [[w.facts.number, facts.id], [w.facts.category, facts.category], [w.facts.unit, facts.unit], [w.facts.received, facts.received]];
  return {
    subject: w.newReport.subject(facts.id, facts.category),
    text: [w.newReport.intro(facts.unit), '', ...rows.map(([k, v]) => `${k}: ${v}`), '', `${w.newReport.open}: ${facts.url}`, '', '--', w.footer].join('\n'),
    html: page(lang, [
      para(w.newReport.intro(facts.unit)),
      `<table>${rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
      link(facts.url, w.newReport.open),
    ], w.footer),
  };
}

export interface DigestLine {
  id: string;
  category: string;
  unit: string;
  received: string;
  url: string;
}

export interface DigestGroups {
  overdueVerify: DigestLine[];
  overdueRead: DigestLine[];
  dueSoon: DigestLine[];
}

/** The daily digest: the reports near or past a deadline, most late first, each linked. */
export function digestMail(lang: Lang, groups: DigestGroups, queueUrl: string): MailBody {
  const w = MAIL_WORDS[lang];
  const sections = (['overdueVerify', 'overdueRead', 'dueSoon'] as const).filter((key) => groups[key].length);
  const count = sections.reduce((sum, key) => sum + groups[key].length, 0);
  const line = (l: DigestLine) => `${l.id} – ${l.category}, ${l.unit}, ${l.received}`;
  const text = [w.digest.intro, ''];
  const html = [para(w.digest.intro)];
  for (const key of sections) {
    text.push(`${w.digest[key]} (${groups[key].length}):`, ...groups[key].map((l) => `- ${line(l)}\n  ${l.url}`), '');
    html.push(`<h3>${escapeHtml(w.digest[key])} (${groups[key].length})</h3><ul>`
      + groups[key].map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.id)}</a> – ${escapeHtml(`${l.category}, ${l.unit}, ${l.received}`)}</li>`).join('')
      + '</ul>');
  }
  text.push(`${w.digest.openQueue}: ${queueUrl}`, '', '--', w.footer);
  html.push(link(queueUrl, w.digest.openQueue));
  return { subject: w.digest.subject(count), text: text.join('\n'), html: page(lang, html, w.footer) };
}

/** To the citizen who asked for updates: the new status, the police's public note, the tracking link. */
export function statusChangeMail(lang: Lang, id: string, status: Status, publicNote: string | null, trackingUrl: string, final: boolean): MailBody {
  const w = MAIL_WORDS[lang];
  const name = w.statuses[status];
  const text = [w.statusChange.intro(id, name)];
  const html = [para(w.statusChange.intro(id, name))];
  if (publicNote) {
    text.push('', `${w.statusChange.note}: ${publicNote}`);
    html.push(`<p><strong>${escapeHtml(w.statusChange.note)}:</strong> ${escapeHtml(publicNote)}</p>`);
  }
  text.push('', `${w.statusChange.track}: ${trackingUrl}`);
  html.push(link(trackingUrl, w.statusChange.track));
  if (final) {
    text.push('', w.statusChange.final);
    html.push(para(w.statusChange.final));
  }
  text.push('', '--', w.citizenFooter);
  return { subject: w.statusChange.subject(id, name), text: text.join('\n'), html: page(lang, html, w.citizenFooter) };
}
