import type { Translation } from './translation.js';

const when: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };

/** Polish: the default language. */
export const pl: Translation = {
  title: 'Krajowa Mapa Zagrożeń Bezpieczeństwa',
  map: {
    label: (unitName) => `Mapa obszaru: ${unitName}`,
    keyboardHint: 'Strzałki przesuwają mapę, plus i minus przybliżają i oddalają.',
    zoomIn: 'Przybliż',
    zoomOut: 'Oddal',
    resetRotation: 'Przywróć orientację północną',
    attributions: 'Źródła danych mapy',
  },
  status: {
    loading: 'Wczytywanie mapy…',
    retry: 'Spróbuj ponownie',
  },
  errors: {
    UNIT_NOT_FOUND: ({ unitId }) => `Nie znaleziono jednostki Policji o identyfikatorze „${unitId}”.`,
    INVALID_REQUEST: () => 'Serwer mapy odrzucił zapytanie jako nieprawidłowe.',
    INVALID_COORDINATES: () => 'Nieprawidłowe współrzędne.',
    OUTSIDE_POLAND: () => 'To miejsce leży poza Polską.',
    ROUTE_NOT_FOUND: () => 'Serwer mapy nie obsługuje tego zapytania. Sprawdź adres API.',
    RATE_LIMITED: () => 'Zbyt wiele zapytań. Spróbuj ponownie za chwilę.',
    UNKNOWN_CATEGORY: () => 'Ta kategoria zagrożenia nie jest dostępna.',
    DESCRIPTION_TOO_LONG: () => 'Opis może mieć najwyżej 500 znaków.',
    INVALID_EVENT_TIME: () => 'Nieprawidłowa data lub godzina zdarzenia.',
    EVENT_IN_FUTURE: () => 'Data zdarzenia nie może być z przyszłości.',
    INVALID_RECURRENCE: () => 'Nieprawidłowo wybrane dni lub pory występowania zagrożenia.',
    PHOTO_TYPE_NOT_ALLOWED: () => 'Zdjęcia muszą być w formacie JPEG lub PNG.',
    PHOTOS_TOO_LARGE: () => 'Zdjęcia mogą mieć razem najwyżej 5 MB.',
    TOO_MANY_PHOTOS: () => 'Można dołączyć najwyżej 3 zdjęcia.',
    DEVICE_TOKEN_REQUIRED: () => 'Nie udało się rozpoznać urządzenia. Odśwież stronę i spróbuj ponownie.',
    REPORT_LIMIT_REACHED: ({ retryAt }) =>
      'Z jednego urządzenia można zgłosić jedno zagrożenie na dobę.' +
      (retryAt ? ` Kolejne zgłoszenie będzie możliwe ${retryAt.toLocaleString('pl-PL', when)}.` : ''),
    REPORT_NOT_FOUND: () => 'Nie znaleziono zgłoszenia.',
    REPORT_NOT_OPEN: () => 'To zgłoszenie jest już zamknięte.',
    INTERNAL_ERROR: () => 'Serwer mapy jest chwilowo niedostępny.',
    NETWORK_ERROR: () => 'Nie udało się połączyć z serwerem mapy.',
    BAD_RESPONSE: () => 'Serwer mapy zwrócił nieoczekiwaną odpowiedź.',
  },
};
