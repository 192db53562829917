/** The SPA's screens and the paths the server serves it at (history routing). */
export const ROUTES = [
  { name: 'overview', path: '/', label: 'Overview' },
  { name: 'workers', path: '/workers', label: 'Supervisors & workers' },
  { name: 'channels', path: '/channels', label: 'Channels' },
  { name: 'events', path: '/events', label: 'Events' },
  { name: 'settings', path: '/settings', label: 'Settings' },
] as const;

export type DashboardRoute = (typeof ROUTES)[number]['name'];
export type Route = DashboardRoute | 'invite';

/** `/channels/` and `/#/channels` both mean the channels screen; anything unknown is the overview. */
export function routeOf(pathname: string, hash = ''): Route {
  const fromHash = hash.startsWith('#/') ? hash.slice(1) : '';
  const path = (fromHash || pathname).replace(/\/+$/, '') || '/';
  if (path === '/invite' || path.startsWith('/invite/')) return 'invite';
  return ROUTES.find((r) => r.path === path)?.name ?? 'overview';
}

export function pathOf(route: Route): string {
  if (route === 'invite') return '/invite';
  return ROUTES.find((r) => r.name === route)?.path ?? '/';
}
