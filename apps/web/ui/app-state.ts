import { readable, writable } from 'svelte/store';
import { ApiClient } from './lib/api.js';
import { pathOf, type Route, routeOf } from './lib/routes.js';
import type { Session } from './lib/types.js';

/** undefined while the first session check runs, null when signed out. */
export const session = writable<Session | null | undefined>(undefined);

/** The one API client of the page; a 401 anywhere sends the user back to the login screen. */
export const api = new ApiClient({ onUnauthenticated: () => session.set(null) });

/** The screen shown, from the URL; kept in step with back/forward. */
export const route = writable<Route>(routeOf(location.pathname, location.hash));
window.addEventListener('popstate', () => route.set(routeOf(location.pathname, location.hash)));

export function navigate(to: Route): void {
  const path = pathOf(to);
  if (location.pathname !== path || location.hash !== '') history.pushState(null, '', path);
  route.set(to);
}

/** Wall clock ticking once a second, for "5 s ago" labels. */
export const now = readable(Date.now(), (set) => {
  const timer = setInterval(() => set(Date.now()), 1000);
  return () => clearInterval(timer);
});

export interface Notice {
  id: number;
  tone: 'ok' | 'error';
  text: string;
}

let noticeId = 0;
export const notices = writable<Notice[]>([]);

/** A short message in the corner (result of an action); errors stay until dismissed. */
export function notify(tone: Notice['tone'], text: string): void {
  const id = ++noticeId;
  notices.update((list) => [...list.slice(-4), { id, tone, text }]);
  if (tone === 'ok') setTimeout(() => dismiss(id), 6000);
}

export function dismiss(id: number): void {
  notices.update((list) => list.filter((n) => n.id !== id));
}
