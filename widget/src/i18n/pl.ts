import type { Translation } from './translation.js';

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
    UNIT_NOT_FOUND: (id) => `Nie znaleziono jednostki Policji o identyfikatorze „${id}”.`,
    INVALID_REQUEST: (id) => `Identyfikator jednostki Policji „${id}” jest nieprawidłowy.`,
    INVALID_COORDINATES: () => 'Nieprawidłowe współrzędne.',
    OUTSIDE_POLAND: () => 'To miejsce leży poza Polską.',
    ROUTE_NOT_FOUND: () => 'Serwer mapy nie obsługuje tego zapytania. Sprawdź adres API.',
    RATE_LIMITED: () => 'Zbyt wiele zapytań. Spróbuj ponownie za chwilę.',
    INTERNAL_ERROR: () => 'Serwer mapy jest chwilowo niedostępny.',
    NETWORK_ERROR: () => 'Nie udało się połączyć z serwerem mapy.',
    BAD_RESPONSE: () => 'Serwer mapy zwrócił nieoczekiwaną odpowiedź.',
  },
};
