/** The console's screens, addressed by the URL hash so the back button and bookmarks work. */
export type Route =
  | { screen: 'queue' | 'new' | 'config' | 'crime' | 'staff' | 'audit' | 'notifications' }
  | { screen: 'report'; id: string };

/** Screens only admins see (the server refuses officers anyway: ADMIN_REQUIRED). */
export const ADMIN_SCREENS: readonly Route['screen'][] = ['config', 'crime', 'staff', 'audit'];

/** `#report/7K3M9Q2XWD` → the report page; an unknown hash → the queue. A `?query` is the screen's own. */
export function parseRoute(hash: string): Route {
  const [screen = '', id = ''] = hash.replace(/^#/, '').split('?')[0]!.split('/');
  if (screen === 'report' && id) return { screen, id: decodeURIComponent(id) };
  if (screen === 'new' || screen === 'config' || screen === 'crime' || screen === 'staff' || screen === 'audit' || screen === 'notifications') return { screen };
  return { screen: 'queue' };
}

/** One key per screen (and per report): a message made on one screen is not shown on another. */
export function routeKey(route: Route): string {
  return route.screen === 'report' ? `report/${route.id}` : route.screen;
}
