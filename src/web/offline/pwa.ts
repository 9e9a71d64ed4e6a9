/**
 * The service worker (vite-plugin-pwa, Workbox): it precaches the app shell only; /api is
 * network-only, so no answer of the server is ever put in the Cache API. A new version waits until
 * she chooses to reload (`onUpdate` gives the function that does it).
 */
import { Workbox } from 'workbox-window';

export async function registerServiceWorker(onUpdate: (apply: () => void) => void): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    onUpdate(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  try {
    await wb.register();
  } catch {
    // No service worker (a private window, an old browser): the app works online as before.
  }
}
