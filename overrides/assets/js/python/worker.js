// @ts-check
/**
 * The tab's Python: a module Web Worker that hosts Pyodide and the exercises wheel.
 *
 * The start request comes in the worker's name, `nr-python:` and JSON text (from client.js,
 * or from the page's own script that starts this worker as the page is parsed,
 * overrides/main.html), so the worker starts as soon as its script has run: a message sent
 * to a worker that has not started yet waits for the page's thread to pass it on, which
 * on a first visit is busy laying out the page (about 100 ms on a desktop):
 *   {type: "start", settings, base}
 *       the page's Python settings (#nr-python-config: pyodide.mjs, the wheel manifest, the
 *       fast-start manifest and a first visit's downloads, relative to `base`) and the
 *       address they are relative to. The same request as a message is taken too: a page
 *       from an earlier build, stored for offline use, still sends it so.
 * Messages in:
 *   {id, function, payload}             a call to exercises.bridge; payload is JSON text
 * Messages out:
 *   {type: "ready", version, how} ("snapshot" or "plain") or {type: "failed", reason}
 *       (also after a fatal error)
 *   {type: "progress", total, loaded}   compressed bytes this start downloads, and so far
 *       (files the service worker has stored count as neither)
 *   {id, result} (the bridge's {ok, value} or {ok, error}) or {id, error} (a clause)
 *
 * Two ways to start, both from the site's own origin (there is no CDN fallback):
 * - from the memory snapshot the build made, once the service worker has stored it
 *   (after a first visit, unless the reader turned offline storage off): a fraction
 *   of a plain start's CPU. A first visit does not wait for its 5 MB download;
 * - plain: the runtime starts on the build's precompiled standard library, which also
 *   holds the exercises package, compiled from the very wheel the manifest names
 *   (start.json records its sha256), so nothing needs installing. A snapshot that
 *   cannot be used falls back to this, with a console note, since the reader loses
 *   nothing but time. Without matching fast-start files, Pyodide's own standard
 *   library is used and the wheel is installed.
 */

/**
 * @typedef {{file: string, url: string, version: string, sha256: string, size: number}}
 *   WheelManifest written by hooks/companion_build/runtime/python_wheel.py
 */
/**
 * @typedef {{stdlib: string, full_stdlib: string, snapshot: string, snapshot_gzip: string,
 *   snapshot_size: number, pyodide_version: string, wheel_sha256: string,
 *   lock_info: object, downloads: Record<string, [number, number]>,
 *   first_visit_snapshot: boolean}} StartManifest
 */
/** @typedef {(functionName: string, payloadJSON: string) => string} BridgeCall */
/**
 * @typedef {{pyodide: string, manifest: string, start: string, pyodideVersion: string,
 *   downloads: string[]}} StartMessage
 */
/** @typedef {{settings: Record<string, unknown>, base: string}} StartRequest */

const WASM_FAILED = "wasm instantiation failed!";
// The finder the build puts in the precompiled library (full_library_finder.py).
const FINDER_MODULE = "_nr_full_library";
const FULL_LIBRARY_PATH = "/lib/python_stdlib_full.zip";
// The runtime's files every start needs whatever the manifests say (the wasm, and the
// script beside it): asked for at once, beside the manifests, instead of after them.
const WASM_FILE = "pyodide.asm.wasm";
const RUNTIME_SCRIPT = "pyodide.asm.mjs";
const NAME_PREFIX = "nr-python:"; // then the start request, as JSON text

/** @type {Promise<{call: BridgeCall, version: string, how: string}> | null} */
let bridge = null;

/** @param {StartRequest} request */
function begin(request) {
  if (bridge !== null) return;
  bridge = Promise.race([loadBridge(request), stray()]);
  bridge.then(
    ({ version, how }) => self.postMessage({ type: "ready", version, how }),
    (error) => self.postMessage({ type: "failed", reason: reasonOf(error) }),
  );
}

self.addEventListener("message", (/** @type {MessageEvent} */ event) => {
  const message = event.data;
  if (message?.type === "start") begin(message);
  else answer(message);
});

/**
 * Reject on the first error nothing awaited. Some runtime failures (a missing
 * python_stdlib.zip) end in a fatal Python error without settling loadPyodide's
 * promise; without this the page would wait forever.
 * @returns {Promise<never>}
 */
function stray() {
  return new Promise((_, reject) => {
    /** @param {unknown} error */
    const fail = (error) =>
      reject(new Error(`the Python runtime could not start: ${reasonOf(error)}`));
    self.addEventListener("unhandledrejection", (event) => fail(event.reason), { once: true });
    self.addEventListener("error", (event) => fail(event.error ?? event.message), { once: true });
  });
}

/**
 * The absolute addresses a start needs, from the page's settings.
 * @param {StartRequest} request
 * @returns {StartMessage}
 */
function startFiles({ settings, base }) {
  /** @param {string} key */
  const address = (key) => {
    const path = settings?.[key];
    if (typeof path !== "string") throw new Error(`the page's Python settings have no "${key}"`);
    return new URL(path, base).href;
  };
  const pyodideVersion = String(settings?.pyodideVersion);
  const listed = settings?.firstVisitDownloads;
  return {
    pyodide: address("pyodide"),
    manifest: address("manifest"),
    start: address("start"),
    pyodideVersion,
    downloads: Array.isArray(listed) ? listed.map((path) => new URL(String(path), base).href) : [],
  };
}

/**
 * Start Python from the snapshot if it is cached and matches, else plainly; check the version.
 * @param {StartRequest} request
 * @returns {Promise<{call: BridgeCall, version: string, how: string}>}
 */
async function loadBridge(request) {
  const message = startFiles(request);
  const indexURL = new URL(".", message.pyodide).href;
  const runtime = import(message.pyodide);
  runtime.catch(() => {}); // awaited below, after the manifests
  startEarly(indexURL, message.downloads);
  const [manifest, start] = await Promise.all([
    fetchManifest(message.manifest),
    fetchStartManifest(message.start),
  ]);
  let loadPyodide;
  try {
    ({ loadPyodide } = await runtime);
  } catch (error) {
    throw new Error(`the Python runtime could not start: ${reasonOf(error)}`);
  }
  const fast = start && matchingStart(start, manifest, message.pyodideVersion);
  const stdLibURL = fast ? new URL(fast.stdlib, message.start).href : undefined;
  const snapshotURL = fast ? new URL(fast.snapshot, message.start).href : null;

  // Nothing is installed on the fast start: a lock file listing no packages saves a download.
  const lockFileContents = fast ? { info: fast.lock_info, packages: {} } : undefined;
  const fullLibraryURL = fast ? new URL(fast.full_stdlib, message.start).href : "";

  /** @type {Uint8Array | Promise<Uint8Array> | null} */
  let snapshot = snapshotURL ? await cachedSnapshot(snapshotURL) : null;
  if (!snapshot && fast?.first_visit_snapshot) {
    // A promise: Pyodide downloads the wasm meanwhile, and awaits it.
    snapshot = downloadedSnapshot(new URL(fast.snapshot_gzip, message.start).href);
  }
  if (fast) {
    const urls = Object.keys(fast.downloads).map((name) =>
      name === "python_stdlib.zip" ? /** @type {string} */ (stdLibURL) : new URL(name, indexURL).href,
    );
    await reportProgress(urls, Object.values(fast.downloads));
  }
  if (snapshot) {
    try {
      // Imported only here: a first visit does not wait for it before anything else starts.
      const { startFromSnapshot } = await import("./snapshot.js");
      const files = { indexURL, stdLibURL, snapshot, lockFileContents };
      const pyodide = await startFromSnapshot(loadPyodide, files, unlessWasmFails);
      installFullLibraryFinder(pyodide, fullLibraryURL);
      return { ...checkedBridge(pyodide, manifest), how: "snapshot" };
    } catch (error) {
      console.info(`Python starts the plain way: the snapshot could not be used (${reasonOf(error)}).`);
    }
  }

  let pyodide;
  try {
    pyodide = await unlessWasmFails(loadPyodide({ indexURL, stdLibURL, lockFileContents }));
  } catch (error) {
    throw new Error(`the Python runtime could not start: ${reasonOf(error)}`);
  }
  if (fast) installFullLibraryFinder(pyodide, fullLibraryURL);
  else await installWheel(pyodide, manifest, message.manifest);
  return { ...checkedBridge(pyodide, manifest), how: "plain" };
}

/**
 * @param {any} pyodide
 * @param {WheelManifest} manifest
 * @param {string} manifestURL
 */
async function installWheel(pyodide, manifest, manifestURL) {
  const wheelURL = new URL(manifest.url, manifestURL).href;
  /** @type {string[]} */
  const problems = [];
  // loadPackage never throws: it reports through errorCallback and returns what it loaded.
  const loaded = await pyodide.loadPackage(wheelURL, {
    messageCallback: () => {},
    errorCallback: (/** @type {string} */ message) => problems.push(message),
  });
  if (problems.length > 0 || loaded.length === 0) {
    // Pyodide says "The following error occurred while loading …:" before the cause.
    const cause = problems.filter((text) => !text.trim().endsWith(":")).join(" ");
    throw new Error(
      `the exercises package (${manifest.file}) could not be installed: ` +
        (cause || "nothing was loaded"),
    );
  }
}

const realFetch = self.fetch.bind(self);
/** @type {Map<string, Promise<Response>>} responses asked for early, handed over once */
const early = new Map();
/** @type {Map<string, Promise<WebAssembly.Module>>} the runtime's wasm, compiled as it arrives */
const compiling = new Map();
/** @type {WeakMap<Response, Promise<WebAssembly.Module>>} stand-ins handed to Pyodide */
const compiledFor = new WeakMap();
/** @type {Set<string>} the files this start downloads (not stored), whose bytes are counted */
const counting = new Set();
/** @type {Map<string, number>} bytes (decoded) arrived so far, by URL */
const arrived = new Map();
/** @type {() => void} what reportProgress does when bytes arrive */
let onArrival = () => {};

// Pyodide fetches the wasm and the library itself, through this: it hands over a response
// asked for early, and counts what arrives for reportProgress. For the wasm, compiled as it
// arrived, it hands over a stand-in that WebAssembly.instantiateStreaming (below) knows.
self.fetch = async (input, init) => {
  const requested = input instanceof Request ? input.url : String(input);
  const url = new URL(requested, self.location.href).href;
  const module = init?.integrity ? undefined : compiling.get(url);
  if (module) {
    const standIn = new Response(null, { headers: { "Content-Type": "application/wasm" } });
    compiledFor.set(standIn, module);
    return standIn;
  }
  const asked = init?.integrity ? undefined : early.get(url);
  early.delete(url);
  if (asked) return asked; // counted already, unless stored
  const response = await realFetch(input, init);
  return counting.has(url) ? counted(url, response) : response;
};

const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
/** @type {any} */ (WebAssembly).instantiateStreaming = async (
  /** @type {Response | PromiseLike<Response>} */ source,
  /** @type {WebAssembly.Imports | undefined} */ imports,
) => {
  const response = await source;
  const compiled = compiledFor.get(response);
  if (!compiled) return instantiateStreaming(response, imports);
  const module = await compiled;
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};

/**
 * Start what every start needs at once, instead of when Pyodide asks (after the manifests,
 * pyodide.mjs and the 1.2 MB runtime script have arrived and run: a round trip or two on a
 * phone, and a few hundred milliseconds of this thread's time anywhere): compile the wasm
 * as it downloads, on the engine's own threads; ask for the other files a first visit
 * downloads (the precompiled library); import the runtime's script. Nothing of this runs on
 * the page's thread. A failure is Pyodide's to report when it asks (the wasm's is caught
 * by unlessWasmFails).
 * @param {string} indexURL
 * @param {string[]} downloads a first visit's downloads, as absolute addresses
 */
function startEarly(indexURL, downloads) {
  import(new URL(RUNTIME_SCRIPT, indexURL).href).catch(() => {});
  const wasmURL = new URL(WASM_FILE, indexURL).href;
  for (const url of new Set([wasmURL, ...downloads])) {
    if (url.endsWith(".mjs")) continue; // imported, not fetched
    const response = Promise.all([realFetch(url), isStored(url)]).then(([fetched, stored]) =>
      stored ? fetched : counted(url, fetched),
    );
    response.catch(() => {});
    if (url === wasmURL) {
      const module = WebAssembly.compileStreaming(response);
      module.catch(() => {});
      compiling.set(url, module);
    } else {
      early.set(url, response);
    }
  }
}

/** @type {Map<string, Promise<boolean>>} asked once per file: startEarly, then reportProgress */
const storedAnswers = new Map();

/**
 * Whether the service worker has stored `url` (its response then comes from there).
 * @param {string} url
 * @returns {Promise<boolean>}
 */
function isStored(url) {
  let answer = storedAnswers.get(url);
  if (!answer) {
    answer = (async () => {
      try {
        return Boolean(await self.caches?.match(url));
      } catch {
        return false; // no Cache Storage here (a sandboxed page): nothing is stored
      }
    })();
    storedAnswers.set(url, answer);
  }
  return answer;
}

/**
 * Count `response`'s bytes into `arrived` as they arrive, from a copy read here: the response
 * itself stays as the network gave it, so the engine compiles the wasm straight from the
 * network's stream, without waiting on this thread for every chunk.
 * @param {string} url
 * @param {Response} response
 * @returns {Response}
 */
function counted(url, response) {
  const copy = response.clone().body;
  if (!copy) return response;
  // A reader loop, not `for await`: Safari's streams are not async-iterable.
  const reader = copy.getReader();
  (async () => {
    let seen = 0;
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      seen += part.value.byteLength;
      arrived.set(url, seen);
      onArrival();
    }
  })().catch(() => {}); // the response's own reader meets the same failure, and reports it
  return response;
}

/**
 * Tell the page how much this start downloads and how much has arrived: the fetched
 * files' bytes as they stream in (decoded; scaled to the compressed size the build
 * measured), the two scripts once they are imported. Files the service worker stored are
 * not downloaded.
 * @param {string[]} urls
 * @param {[number, number][]} sizes [bytes, compressed bytes], in the same order
 */
async function reportProgress(urls, sizes) {
  /** @type {Map<string, {raw: number, compressed: number}>} */
  const files = new Map();
  const stored = await Promise.all(urls.map(isStored));
  for (const [index, url] of urls.entries()) {
    const [raw, compressed] = sizes[index];
    if (stored[index]) continue;
    files.set(url, { raw, compressed });
    if (!url.endsWith(".mjs")) counting.add(url);
  }
  const total = [...files.values()].reduce((sum, file) => sum + file.compressed, 0);
  const wasm = [...files.keys()].find((url) => url.endsWith(".wasm"));
  /** @param {string} url */
  const share = (url) => {
    if (url.endsWith("/pyodide.mjs")) return 1; // imported before this runs
    // The runtime script is imported beside the wasm: count it with the wasm's end.
    const measured = url.endsWith("/pyodide.asm.mjs") && wasm ? wasm : url;
    const { raw } = /** @type {{raw: number}} */ (files.get(measured));
    return Math.min(1, (arrived.get(measured) ?? 0) / raw);
  };
  let last = 0;
  const post = () => {
    const loaded = [...files.entries()].reduce((sum, [url, f]) => sum + share(url) * f.compressed, 0);
    self.postMessage({ type: "progress", total, loaded: Math.round(loaded) });
  };
  post();
  if (total === 0) return;
  onArrival = () => {
    const now = Date.now();
    const done = [...files.keys()].every((url) => share(url) === 1);
    if (now - last > 250 || done) {
      last = now;
      post();
    }
  };
}

/**
 * The precompiled library holds only what the build saw run. Should a call import
 * another standard-library module, the finder fetches Pyodide's full library once
 * (a synchronous request: imports are synchronous, and a worker may block) and goes on.
 * @param {any} pyodide
 * @param {string} url
 */
function installFullLibraryFinder(pyodide, url) {
  const fetchFullLibrary = (/** @type {string} */ moduleName) => {
    console.info(
      `Python needs a module the site's precompiled library lacks (${moduleName}): ` +
        "downloading the full standard library once.",
    );
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`HTTP ${request.status} for ${url}`);
    pyodide.FS.writeFile(FULL_LIBRARY_PATH, new Uint8Array(request.response));
    return FULL_LIBRARY_PATH;
  };
  pyodide.pyimport(FINDER_MODULE).install(fetchFullLibrary);
}

/**
 * Import the bridge and check it is the version the site expects.
 * @param {any} pyodide
 * @param {WheelManifest} manifest
 * @returns {{call: BridgeCall, version: string}}
 */
function checkedBridge(pyodide, manifest) {
  const version = String(pyodide.pyimport("exercises").__version__);
  if (version !== manifest.version) {
    throw new Error(
      `the exercises package reports version ${version}, but this site expects ` +
        `${manifest.version}; reload the page to get matching files`,
    );
  }
  return { call: pyodide.pyimport("exercises.bridge").call, version };
}

/**
 * The fast-start files only fit the runtime and the wheel they were made with.
 * @param {StartManifest} start
 * @param {WheelManifest} manifest
 * @param {string} pyodideVersion
 * @returns {StartManifest | null}
 */
function matchingStart(start, manifest, pyodideVersion) {
  if (start.pyodide_version === pyodideVersion && start.wheel_sha256 === manifest.sha256) {
    return start;
  }
  console.info("Python starts the plain way: the snapshot was made for other files.");
  return null;
}

/**
 * The snapshot's bytes if the service worker has stored them (unpacked); null otherwise.
 * @param {string} url
 * @returns {Promise<Uint8Array | null>}
 */
async function cachedSnapshot(url) {
  try {
    const response = await self.caches?.match(url);
    return response?.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

/**
 * The snapshot from the server, unpacked, for a first visit when start.json asks for it.
 * Rejects if it cannot be had: the start then goes the plain way.
 * @param {string} url
 * @returns {Promise<Uint8Array>}
 */
async function downloadedSnapshot(url) {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} for the snapshot`);
  const unpacked = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}

/**
 * @param {string} url
 * @returns {Promise<StartManifest | null>}
 */
async function fetchStartManifest(url) {
  try {
    const response = await fetch(url, { cache: "no-cache" });
    if (response.ok) return await response.json();
    console.info(`Python starts the plain way: no fast-start manifest (HTTP ${response.status}).`);
  } catch {
    console.info("Python starts the plain way: the fast-start manifest could not be downloaded.");
  }
  return null;
}

/**
 * Pyodide 314 reports a failed download or compile of pyodide.asm.wasm only with
 * console.warn("wasm instantiation failed!") and then never settles loadPyodide.
 * Turn that warning into a rejection (tests/browser/test_python_runtime.py checks it).
 * @template T
 * @param {Promise<T>} loading
 * @returns {Promise<T>}
 */
async function unlessWasmFails(loading) {
  const warn = console.warn;
  /** @type {(error: Error) => void} */
  let rejectLoading = () => {};
  const failed = new Promise((_, reject) => {
    rejectLoading = reject;
  });
  console.warn = (...args) => {
    warn.apply(console, args);
    if (args[0] === WASM_FAILED) {
      rejectLoading(new Error("pyodide.asm.wasm could not be downloaded or compiled"));
    }
  };
  try {
    return await Promise.race([loading, failed]);
  } finally {
    console.warn = warn;
  }
}

/**
 * @param {string} url
 * @returns {Promise<WheelManifest>}
 */
async function fetchManifest(url) {
  let response;
  try {
    // Revalidate: the manifest names the current wheel, and must never come stale from a cache.
    response = await fetch(url, { cache: "no-cache" });
  } catch {
    throw new Error("the exercises package manifest could not be downloaded (network error)");
  }
  if (!response.ok) {
    throw new Error(
      `the exercises package manifest could not be downloaded (HTTP ${response.status})`,
    );
  }
  const manifest = await response.json();
  for (const key of ["file", "url", "version"]) {
    if (typeof manifest?.[key] !== "string") {
      throw new Error(`the exercises package manifest has no "${key}"`);
    }
  }
  return manifest;
}

/**
 * Answer one bridge call, after the runtime is ready.
 * @param {{id: number, function: string, payload: string}} message
 */
async function answer({ id, function: functionName, payload }) {
  try {
    if (bridge === null) throw new Error("Python was asked for a result before it was started");
    const { call } = await bridge;
    const text = call(functionName, payload);
    self.postMessage({ id, result: JSON.parse(text) });
  } catch (error) {
    if (/** @type {any} */ (error)?.pyodide_fatal_error) {
      // Pyodide cannot run anything after a fatal error: say so, so the page can retry().
      const reason = `Python stopped after a fatal error: ${reasonOf(error)}`;
      self.postMessage({ type: "failed", reason });
    }
    self.postMessage({ id, error: reasonOf(error) });
  }
}

/**
 * What went wrong, as a clause without a final period: pages show it after
 * "Python could not start: ". Emscripten sometimes throws objects that are not Errors.
 * @param {unknown} error
 * @returns {string}
 */
function reasonOf(error) {
  const message =
    error instanceof Error ? error.message : /** @type {any} */ (error)?.message ?? String(error);
  return String(message).replace(/[\s.]+$/, "").trim() || "an unknown error occurred";
}

// Last: the start uses every declaration above.
if (self.name.startsWith(NAME_PREFIX)) {
  let request = null;
  try {
    request = JSON.parse(self.name.slice(NAME_PREFIX.length));
  } catch (error) {
    self.postMessage({ type: "failed", reason: `the start request is not JSON: ${reasonOf(error)}` });
  }
  if (request?.type === "start") begin(request);
}
