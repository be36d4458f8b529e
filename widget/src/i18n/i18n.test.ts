import { expect } from '@open-wc/testing';
import { STATUSES } from '../../../common/catalogue.js';
import { ErrorCode } from '../../../common/errors.js';
import { numericDate } from './numeric-date.js';
import { matchLang, resolveLang, translations } from './index.js';

describe('i18n', () => {
  it('matches supported languages by their primary subtag', () => {
    expect(['pl', 'EN', 'uk-UA', 'en_GB', ' pl '].map(matchLang)).to.deep.equal(['pl', 'en', 'uk', 'en', 'pl']);
    expect(['de', '', 'english', null, undefined, 'toString'].map(matchLang)).to.deep.equal(Array(6).fill(undefined));
  });

  it('prefers the element language, then the page language, then Polish', () => {
    expect(resolveLang('uk', 'en')).to.equal('uk');
    expect(resolveLang('xx', 'en')).to.equal('en');
    expect(resolveLang(null, 'de')).to.equal('pl');
  });

  it('has a message for every API error code in every language', () => {
    for (const [lang, t] of Object.entries(translations)) {
      for (const code of Object.values(ErrorCode)) {
        expect(t.errors[code]({ unitId: 'kmp-olsztyn' }), `${lang} ${code}`).to.be.a('string').and.not.equal('');
      }
    }
  });

  it('says when the next report is possible, in the reader\'s language', () => {
    const retryAt = new Date(2026, 4, 1, 18, 30);
    expect(translations.pl.errors.REPORT_LIMIT_REACHED({ unitId: 'pl', retryAt })).to.contain('1 maja 2026');
    expect(translations.en.errors.REPORT_LIMIT_REACHED({ unitId: 'pl', retryAt })).to.contain('1 May 2026');
    expect(translations.uk.errors.REPORT_LIMIT_REACHED({ unitId: 'pl' })).to.not.contain('undefined');
  });

  it('says "tomorrow at 14:05" when the next report is possible tomorrow', () => {
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(14, 5);
    expect(translations.pl.errors.REPORT_LIMIT_REACHED({ unitId: 'pl', retryAt: tomorrow })).to.contain('możliwe jutro o 14:05.');
    expect(translations.en.errors.REPORT_LIMIT_REACHED({ unitId: 'pl', retryAt: tomorrow })).to.contain('You can report again tomorrow at 14:05.');
    expect(translations.uk.errors.REPORT_LIMIT_REACHED({ unitId: 'pl', retryAt: tomorrow })).to.contain('завтра о 14:05.');
  });

  it("writes the list's dates as Intl does in each language, without Intl", () => {
    const dates = [new Date(2026, 0, 5, 0, 30), new Date(2025, 11, 31, 23, 59), new Date(2024, 9, 10, 12), new Date(2016, 1, 29, 8)];
    for (const [lang, t] of Object.entries(translations)) {
      const intl = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'numeric', day: 'numeric' });
      for (const date of dates) expect(numericDate(date, t.reportMap.list.date), `${lang} ${date.toISOString()}`).to.equal(intl.format(date));
    }
  });

  it('has a label for every report status in every language', () => {
    for (const t of Object.values(translations)) {
      for (const status of STATUSES) expect(t.statuses[status]).to.be.a('string').and.not.equal('');
    }
  });
});
