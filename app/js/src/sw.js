// Pod Playground's service worker: the site works offline after the first visit.
// app/js/postbuild.mjs writes dist/sw.js as `const VERSION = …, FILES = […];` followed by this file:
// VERSION is a hash of every file the build ships (Trunk's hashed names and the other files' bytes),
// FILES their paths. One cache per version: a page always runs against the files of its own build,
// never an older wasm or lesson with a newer page or the reverse.
const CACHE = `podplay-${VERSION}`;

self.addEventListener('install', (event) => {
  // Every file of this build, so that lessons and the play area also open offline. A failed file
  // fails the install: the previous version keeps running and the browser retries later.
  // Trunk's hashed files may come from the HTTP cache (a name is one content); the others are
  // fetched afresh, so that an older lesson or page never enters this version's cache.
  const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(
    FILES.map((f) => new Request(f, { cache: hashed.test(f) ? 'default' : 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('podplay-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The page asks the waiting version to take over when the learner accepts the "new version" notice.
self.addEventListener('message', (event) => {
  if (event.data === 'activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A navigation (any address of the site, with or without a fragment) gets this build's page.
    const key = req.mode === 'navigate' ? new URL('./', self.registration.scope).href : req;
    const hit = await cache.match(key, { ignoreSearch: req.mode === 'navigate' });
    if (hit) return hit;
    return fetch(req);
  })());
});
