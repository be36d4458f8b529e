import type { Lang, Status } from '../../common/catalogue.js';

/**
 * Every word of the notification mails, in the three languages of the console (an account's
 * mails come in its language; a citizen's in the form's). Status names as the widget has them.
 */
export interface MailWords {
  statuses: Record<Status, string>;
  newReport: { subject: (id: string, category: string) => string; intro: (unit: string) => string; open: string };
  facts: { number: string; category: string; unit: string; received: string };
  digest: {
    subject: (count: number) => string;
    intro: string;
    overdueVerify: string;
    overdueRead: string;
    dueSoon: string;
    openQueue: string;
  };
  statusChange: { subject: (id: string, status: string) => string; intro: (id: string, status: string) => string; note: string; track: string; final: string };
  footer: string;
  citizenFooter: string;
}

export const MAIL_WORDS: Readonly<Record<Lang, MailWords>> = {
  pl: {
    statuses: {
      new: 'Nowe', verifying: 'Weryfikacja', confirmed: 'Potwierdzone', eliminated: 'Potwierdzone (wyeliminowane)',
      forwarded: 'Potwierdzone (przekazane poza Policję)', not_confirmed: 'Niepotwierdzone', prank: 'Żart lub pomyłka', hidden: 'Ukryte przez moderację',
    },
    newReport: {
      subject: (id, category) => `Nowe zgłoszenie ${id}: ${category}`,
      intro: (unit) => `W Twoich jednostkach wpłynęło nowe zgłoszenie (${unit}).`,
      open: 'Otwórz zgłoszenie w konsoli',
    },
    facts: { number: 'Numer', category: 'Kategoria', unit: 'Jednostka', received: 'Wpłynęło' },
    digest: {
      subject: (count) => `KMZB: ${count} zgłoszeń blisko lub po terminie`,
      intro: 'Zgłoszenia w Twoich jednostkach, które przekroczyły albo zaraz przekroczą termin odczytania (2 dni) lub weryfikacji (5 dni):',
      overdueVerify: 'Po terminie weryfikacji (ponad 5 dni)',
      overdueRead: 'Po terminie odczytania (ponad 2 dni, nadal nowe)',
      dueSoon: 'Termin mija w ciągu doby',
      openQueue: 'Otwórz kolejkę zaległych',
    },
    statusChange: {
      subject: (id, status) => `Twoje zgłoszenie ${id}: ${status}`,
      intro: (id, status) => `Policja zmieniła status Twojego zgłoszenia ${id} na: ${status}.`,
      note: 'Informacja Policji',
      track: 'Zobacz zgłoszenie i jego historię',
      final: 'To status końcowy: Twój adres e-mail został usunięty i nie dostaniesz więcej wiadomości o tym zgłoszeniu.',
    },
    footer: 'Wiadomość z konsoli KMZB. Powiadomienia włączysz i wyłączysz w konsoli, w zakładce Powiadomienia.',
    citizenFooter: 'Wiadomość wysłana, bo poprosiłeś(-aś) o powiadomienia przy zgłoszeniu. Sprawy pilne: 112 lub 997.',
  },
  en: {
    statuses: {
      new: 'New', verifying: 'Being verified', confirmed: 'Confirmed', eliminated: 'Confirmed (eliminated)',
      forwarded: 'Confirmed (passed on outside the police)', not_confirmed: 'Not confirmed', prank: 'Prank or mistake', hidden: 'Hidden by moderation',
    },
    newReport: {
      subject: (id, category) => `New report ${id}: ${category}`,
      intro: (unit) => `A new report has arrived in your units (${unit}).`,
      open: 'Open the report in the console',
    },
    facts: { number: 'Number', category: 'Category', unit: 'Unit', received: 'Received' },
    digest: {
      subject: (count) => `KMZB: ${count} reports near or past their deadline`,
      intro: 'Reports in your units that are past, or about to pass, the deadline to read them (2 days) or to verify them (5 days):',
      overdueVerify: 'Past the verification deadline (over 5 days)',
      overdueRead: 'Past the read deadline (over 2 days, still new)',
      dueSoon: 'Deadline within a day',
      openQueue: 'Open the queue of overdue reports',
    },
    statusChange: {
      subject: (id, status) => `Your report ${id}: ${status}`,
      intro: (id, status) => `The police changed the status of your report ${id} to: ${status}.`,
      note: 'Note from the police',
      track: 'See the report and its history',
      final: 'This is a final status: your e-mail address has been deleted and you will get no more messages about this report.',
    },
    footer: 'A message from the KMZB console. Turn notifications on or off in the console, under Notifications.',
    citizenFooter: 'Sent because you asked for updates with your report. Urgent matters: 112 or 997.',
  },
  uk: {
    statuses: {
      new: 'Нове', verifying: 'Перевіряється', confirmed: 'Підтверджено', eliminated: 'Підтверджено (усунуто)',
      forwarded: 'Підтверджено (передано поза поліцію)', not_confirmed: 'Не підтверджено', prank: 'Жарт або помилка', hidden: 'Приховано модерацією',
    },
    newReport: {
      subject: (id, category) => `Нове повідомлення ${id}: ${category}`,
      intro: (unit) => `До ваших підрозділів надійшло нове повідомлення (${unit}).`,
      open: 'Відкрити повідомлення в консолі',
    },
    facts: { number: 'Номер', category: 'Категорія', unit: 'Підрозділ', received: 'Надійшло' },
    digest: {
      subject: (count) => `KMZB: повідомлень близько або після терміну: ${count}`,
      intro: 'Повідомлення ваших підрозділів, що прострочили або ось-ось прострочать термін прочитання (2 дні) чи перевірки (5 днів):',
      overdueVerify: 'Після терміну перевірки (понад 5 днів)',
      overdueRead: 'Після терміну прочитання (понад 2 дні, досі нові)',
      dueSoon: 'Термін спливає протягом доби',
      openQueue: 'Відкрити чергу прострочених',
    },
    statusChange: {
      subject: (id, status) => `Ваше повідомлення ${id}: ${status}`,
      intro: (id, status) => `Поліція змінила статус вашого повідомлення ${id} на: ${status}.`,
      note: 'Інформація поліції',
      track: 'Переглянути повідомлення та його історію',
      final: 'Це остаточний статус: вашу адресу e-mail видалено, більше повідомлень про це звернення не буде.',
    },
    footer: 'Лист із консолі KMZB. Сповіщення можна ввімкнути або вимкнути в консолі, у розділі «Сповіщення».',
    citizenFooter: 'Надіслано, бо ви попросили сповіщення під час повідомлення. Термінові справи: 112 або 997.',
  },
};
