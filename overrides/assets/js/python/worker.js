// @ts-check
/**
 * The tab's Python: a module Web Worker that hosts Pyodide and the exercises wheel.
 *
 * Messages in (from client.js):
 *   {type: "start", pyodide, manifest}  absolute URLs of pyodide.mjs and the wheel manifest
 *   {id, function, payload}             a call to exercises.bridge; payload is JSON text
 * Messages out:
 *   {type: "ready", version} or {type: "failed", reason} (also after a fatal error)
 *   {id, result} (the bridge's {ok, value} or {ok, error}) or {id, error} (a clause)
 *
 * Everything comes from the site's own origin; there is no CDN fallback.
 */

/**
 * @typedef {{file: string, url: string, version: string, sha256: string, size: number}}
 *   WheelManifest written by hooks/companion_build/python_wheel.py
 */
/** @typedef {(functionName: string, payloadJSON: string) => string} BridgeCall */

const WASM_FAILED = "wasm instantiation failed!";

/** @type {Promise<{call: BridgeCall, version: string}> | null} */
let bridge = null;

self.addEventListener("message", (/** @type {MessageEvent} */ event) => {
  const message = event.data;
  if (message?.type === "start") {
    if (bridge === null) {
      bridge = Promise.race([loadBridge(message.pyodide, message.manifest), stray()]);
      bridge.then(
        ({ version }) => self.postMessage({ type: "ready", version }),
        (error) => self.postMessage({ type: "failed", reason: reasonOf(error) }),
      );
    }
    return;
  }
  answer(message);
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
 * Load Pyodide, install the wheel the manifest names, import the bridge and check its version.
 * @param {string} pyodideURL
 * @param {string} manifestURL
 * @returns {Promise<{call: BridgeCall, version: string}>}
 */
async function loadBridge(pyodideURL, manifestURL) {
  const manifest = await fetchManifest(manifestURL);
  let pyodide;
  try {
    const { loadPyodide } = await import(pyodideURL);
    pyodide = await unlessWasmFails(loadPyodide({ indexURL: new URL(".", pyodideURL).href }));
  } catch (error) {
    throw new Error(`the Python runtime could not start: ${reasonOf(error)}`);
  }

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
