// The forms' service worker: the app opens with no network after one online visit.
// Built by web/vite.config.ts (esbuild, one classic script, `sw.js` next to index.html) with
// the build's file list and version written in. Scope: the app's own files only. The API and
// the sign-in provider are never answered from here (their requests pass straight through):
// what the app read is kept by the app itself (web/src/store.ts), per officer.
//
// - install: every file of this build into a cache named after the build, then take over;
// - activate: the caches of older builds go;
// - the app's pages (navigations) and config.json: the network first (a new build is seen at
//   once), the kept copy when there is no answer within a few seconds (a weak signal);
// - everything else of the app (hashed assets, icons, the manifest): the kept copy first.

// A module, so that `self` can be declared as what it is here.
export {};

declare const self: ServiceWorkerGlobalScope;
/** Written in at build time: the files of this build, relative to the app ('./' is the page). */
declare const __PRECACHE__: string[];
declare const __BUILD__: string;

const PREFIX = 'pascarehab-app-';
const CACHE = `${PREFIX}${__BUILD__}`;
/** How long a page waits for the network before the kept copy is shown. */
const NETWORK_WAIT_MS = 4000;

const inScope = (path: string) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: past the browser's HTTP cache, so the kept copy is this build's.
      await cache.addAll(__PRECACHE__.map((path) => new Request(inScope(path), { cache: 'reload' })));
      // The deployment's configuration (not part of the build): kept now too, so even a first
      // visit that ends before any other page load leaves an app that opens offline.
      await cache.add(new Request(inScope('config.json'), { cache: 'reload' })).catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

/** The network within NETWORK_WAIT_MS (its answer also kept under `key`), else the kept copy. */
async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const fromNetwork = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(key, response.clone());
    return response;
  });
  // Answered later than the wait, or not at all: nobody awaits it then.
  fromNetwork.catch(() => undefined);
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), NETWORK_WAIT_MS));
  try {
    const first = await Promise.race([fromNetwork, timeout]);
    if (first) return first;
  } catch {
    // no network: the kept copy below
  }
  const kept = await cache.match(key);
  if (kept) return kept;
  return fromNetwork;
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  const path = request.url.slice(self.registration.scope.length).split(/[?#]/)[0] ?? '';
  if (request.mode === 'navigate') {
    // Every page of the app is index.html (hash routes; the sign-in callback's ?code=&state=).
    event.respondWith(networkFirst(request, inScope('./')));
  } else if (path === 'config.json') {
    event.respondWith(networkFirst(request, inScope('config.json')));
  } else if (path === 'sw.js') {
    // The browser fetches its service worker itself; nothing to do here.
  } else {
    event.respondWith(cacheFirst(request));
  }
});
