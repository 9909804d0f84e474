import { useEffect, useState } from 'preact/hooks';

/** Client routes under /console (the API serves index.html for all of them). */
export const BASE = '/console';

const listeners = new Set<() => void>();
const current = (): string => (location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) || '/' : '/') + location.search;

export function navigate(to: string, replace = false): void {
  const url = BASE + to;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((l) => l());
}

/** The route inside the console ("/parties/…?asOf=…"); re-renders on navigation and on back/forward. */
export function useRoute(): { path: string; query: URLSearchParams } {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  const [path, search = ''] = route.split('?');
  return { path, query: new URLSearchParams(search) };
}

/** Matches "/parties/:id" against a path; the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.replace(/\/$/, '').split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** Follows same-document links without a reload (plain left clicks only; new tabs stay the browser's). */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin || !anchor.pathname.startsWith(BASE)) return;
  // In-page links (the skip link) are the browser's: it moves focus to the target.
  if (anchor.hash && anchor.pathname === location.pathname && anchor.search === location.search) return;
  event.preventDefault();
  navigate(anchor.pathname.slice(BASE.length) + anchor.search);
}
