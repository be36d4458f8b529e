/** The console's screens, addressed by the URL hash so the back button and bookmarks work. */
export type Route =
  | { screen: 'queue' | 'new' | 'config' | 'crime' | 'staff' | 'audit' }
  | { screen: 'report'; id: string };

/** Screens only admins see (the server refuses officers anyway: ADMIN_REQUIRED). */
export const ADMIN_SCREENS: readonly Route['screen'][] = ['config', 'crime', 'staff', 'audit'];

/** `#report/7K3M9Q2XWD` → the report page; an unknown hash → the queue. */
export function parseRoute(hash: string): Route {
  const [screen = '', id = ''] = hash.replace(/^#/, '').split('/');
  if (screen === 'report' && id) return { screen, id: decodeURIComponent(id) };
  if (screen === 'new' || screen === 'config' || screen === 'crime' || screen === 'staff' || screen === 'audit') return { screen };
  return { screen: 'queue' };
}
