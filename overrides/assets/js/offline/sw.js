// @ts-check
/// <reference lib="webworker" />
/**
 * The site's service worker: after one visit, every page, asset, the Python runtime,
 * the wheel and the snapshot come from a cache, so the site works with no network.
 *
 * This file is a template: the build writes it to the site's root as `sw.js`, with
 * PRECACHE filled in (hooks/companion_build/delivery/precache.py): every file's URL, relative
 * to the site's root, and a hash of its content (or the version a folder's name pins,
 * for the runtime, the wheel and the fast-start files). A new build changes this file, so
 * the browser installs the new worker; it waits until the reader reloads (or presses
 * the update notice's button) so that no page mixes two builds. A file the build
 * gzipped (`name.gz`, the Python snapshot) is stored unpacked, as `name`.
 */

const PRECACHE = /* nr:precache */ { version: "unbuilt", files: /** @type {[string, string][]} */ ([]) };
const PREFIX = "nr-offline-";
const CACHE = PREFIX + PRECACHE.version;
// Stored in each cache: which content hash each URL had, so a new build reuses what did not change.
const HASHES = "nr-precache-hashes.json";

const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const scope = () => new URL(worker.registration.scope);

worker.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener("message", (event) => {
  if (event.data?.type === "apply-update") worker.skipWaiting();
});

worker.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope().href)) return;
  event.respondWith(respond(request));
});

/** Fetch every file of this build, copying from the previous cache what did not change. */
async function precache() {
  const cache = await caches.open(CACHE);
  const previous = await previousHashes();
  const base = scope();
  for (const [path, hash] of PRECACHE.files) {
    const url = new URL(storedName(path), base).href;
    const reused = previous.get(url)?.hash === hash ? await previous.get(url)?.response : null;
    if (reused) {
      await cache.put(url, reused);
      continue;
    }
    // Pages keep their URL from build to build: revalidate them, never trust the HTTP cache.
    const response = await fetch(new URL(path, base), { cache: "no-cache" });
    if (!response.ok) throw new Error(`Could not store ${path} for offline use (HTTP ${response.status}).`);
    await cache.put(url, path === storedName(path) ? response : await unpacked(response));
  }
  const hashes = Object.fromEntries(
    PRECACHE.files.map(([path, hash]) => [new URL(storedName(path), base).href, hash]),
  );
  await cache.put(new URL(HASHES, base).href, new Response(JSON.stringify(hashes)));
}

/** @param {string} path */
function storedName(path) {
  return path.endsWith(".gz") ? path.slice(0, -3) : path;
}

/**
 * A gzipped file's content, unless the host already unpacked it (Content-Encoding: gzip).
 * @param {Response} response
 */
async function unpacked(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const body = gzipped
    ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).blob()
    : new Blob([bytes]);
  return new Response(body, { headers: { "Content-Type": "application/octet-stream" } });
}

/** @returns {Promise<Map<string, {hash: string, response: Promise<Response | undefined>}>>} */
async function previousHashes() {
  /** @type {Map<string, {hash: string, response: Promise<Response | undefined>}>} */
  const found = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.open(name);
    const stored = await old.match(new URL(HASHES, scope()).href);
    if (!stored) continue;
    for (const [url, hash] of Object.entries(await stored.json())) {
      found.set(url, { hash: String(hash), response: old.match(url) });
    }
  }
  return found;
}

/**
 * From this build's cache first; the network for anything not in it.
 * @param {Request} request
 */
async function respond(request) {
  const newer = request.mode === "navigate" ? await applyWaitingUpdate() : null;
  const cached = await (newer ? newer.match(request, { ignoreSearch: true }) : ownCache(request));
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    const missing =
      request.mode === "navigate" && (await ownCache(new Request(new URL("404.html", scope()))));
    if (missing) return missing;
    throw error;
  }
}

/**
 * This build's copy; once a newer build has taken over (and deleted this one), the newer copy.
 * @param {Request} request
 */
async function ownCache(request) {
  if (await caches.has(CACHE)) return (await caches.open(CACHE)).match(request, { ignoreSearch: true });
  return caches.match(request, { ignoreSearch: true });
}

/**
 * A reload applies a waiting update: when this tab is the worker's only page, tell the new
 * worker to take over, and answer the reload from its cache, so the page is the new build.
 * @returns {Promise<Cache | null>} the new build's cache, if an update was applied
 */
async function applyWaitingUpdate() {
  const waiting = worker.registration.waiting;
  if (!waiting) return null;
  const pages = await worker.clients.matchAll({ type: "window" });
  if (pages.length > 1) return null;
  const newer = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  if (newer.length !== 1) return null;
  waiting.postMessage({ type: "apply-update" });
  return caches.open(newer[0]);
}
