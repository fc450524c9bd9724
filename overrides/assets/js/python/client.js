// @ts-check
/**
 * The page's side of the tab's Python worker: start it, call exercises.bridge, report status.
 *
 * One worker per tab. Module scripts run once per tab and Material's instant
 * navigation keeps them, so the worker lives in this module's scope and every
 * page the reader visits reuses it. Widgets mount on `document$` and follow
 * the status with `onStatus(listener, { signal })`.
 */

/**
 * @typedef {{state: "idle"}
 *   | {state: "preparing", totalBytes: number | null, loadedBytes: number, slow: boolean}
 *   | {state: "ready", version: string, startMs: number, how: "snapshot" | "plain"}
 *   | {state: "failed", reason: string}} PythonStatus
 * `totalBytes` is what this start downloads, compressed (null until the worker knows which
 * files the service worker has stored), `loadedBytes` how much has arrived; `slow` turns
 * true after the page's `slowAfterSeconds` without a byte. `reason` says what went
 * wrong as a clause without a final period, to show after "Python could not start: ";
 * the reader can then retry().
 */
/**
 * @typedef {{ok: true, value: any}
 *   | {ok: false, error: {kind: string, message: string}}} BridgeResult
 */

const CONFIG_ID = "nr-python-config";

/** @type {Worker | null} */
let worker = null;
/** @type {PythonStatus} */
let current = { state: "idle" };
/** @type {Promise<PythonStatus> | null} */
let starting = null;
/** @type {Map<number, (result: BridgeResult) => void>} */
const pending = new Map();
let nextId = 1;
const statusEvents = new EventTarget();

/**
 * The current status of the tab's Python.
 * @returns {PythonStatus}
 */
export function status() {
  return current;
}

/**
 * Call `listener` with the current status now and on every change, until `signal` aborts.
 * @param {(status: PythonStatus) => void} listener
 * @param {{signal?: AbortSignal}} [options]
 */
export function onStatus(listener, { signal } = {}) {
  if (signal?.aborted) return;
  statusEvents.addEventListener(
    "status",
    (event) => listener(/** @type {CustomEvent<PythonStatus>} */ (event).detail),
    { signal },
  );
  listener(current);
}

/**
 * Begin loading Python if nothing has started it yet.
 * @returns {Promise<PythonStatus>} settles as "ready" or "failed", never rejects
 */
export function start() {
  if (starting === null) starting = launch();
  return starting;
}

/**
 * After a failure, throw the worker away and start a new one; otherwise the same as start().
 * @returns {Promise<PythonStatus>}
 */
export function retry() {
  if (current.state === "failed") {
    worker?.terminate();
    worker = null;
    starting = null;
  }
  return start();
}

/**
 * Call a function registered in exercises.bridge, starting Python if needed.
 * @param {string} functionName
 * @param {unknown} [payload] anything JSON.stringify accepts
 * @returns {Promise<BridgeResult>} the bridge's result; an `unavailable` error if Python is not
 */
export async function call(functionName, payload = null) {
  await start();
  // Read the status now, not start()'s: a worker can fail after it was ready.
  const now = current;
  if (now.state !== "ready" || worker === null) {
    return unavailable(now.state === "failed" ? now.reason : "Python is not running");
  }
  let payloadJSON;
  try {
    // JSON text, not a structured clone: Python decodes it, and a deeply nested payload
    // gets the bridge's "bad-request" instead of a postMessage stack overflow.
    payloadJSON = JSON.stringify(payload === undefined ? null : payload);
  } catch (error) {
    const message = `the payload cannot be written as JSON: ${reasonOf(error)}`;
    return { ok: false, error: { kind: "bad-request", message } };
  }
  const id = nextId++;
  const reply = new Promise((resolve) => pending.set(id, resolve));
  worker.postMessage({ id, function: functionName, payload: payloadJSON });
  return reply;
}

/** @returns {Promise<PythonStatus>} */
function launch() {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    return Promise.resolve(fail(reasonOf(error)));
  }
  const early = adoptEarlyStart();
  // `make bench` reads this mark too: how long the page waited before starting Python.
  const begun = early?.begun ?? performance.mark("nr-python-start").startTime;
  /** @type {{state: "preparing", totalBytes: number | null, loadedBytes: number, slow: boolean}} */
  let preparing = { state: "preparing", totalBytes: null, loadedBytes: 0, slow: false };
  publish(preparing);
  // The start request travels in the worker's name: the worker starts as its script runs.
  const request = { type: "start", settings: config.settings, base: config.base };
  const own =
    early?.worker ??
    new Worker(config.worker, { type: "module", name: `nr-python:${JSON.stringify(request)}` });
  worker = own;
  // No byte for a while, with bytes still to come: say the connection looks slow.
  let quietSince = performance.now();
  const watch = setInterval(() => {
    if (worker !== own || current.state !== "preparing") return clearInterval(watch);
    const waiting = preparing.totalBytes === null || preparing.loadedBytes < preparing.totalBytes;
    const slow = waiting && performance.now() - quietSince >= config.slowAfterSeconds * 1000;
    if (slow !== preparing.slow) publish((preparing = { ...preparing, slow }));
  }, 250);
  return new Promise((resolve) => {
    /** @param {MessageEvent} event */
    const onMessage = (event) => {
      if (worker !== own) return;
      const message = event.data;
      if (message?.type === "progress") {
        if (current.state !== "preparing") return;
        const { total, loaded } = message;
        if (loaded > preparing.loadedBytes || preparing.totalBytes === null) {
          quietSince = performance.now();
        }
        publish((preparing = { ...preparing, totalBytes: total, loadedBytes: loaded, slow: false }));
      } else if (message?.type === "ready") {
        const startMs = Math.round(performance.now() - begun);
        // `make bench` reads this mark: navigation → Python ready.
        performance.mark("nr-python-ready", { detail: { how: message.how } });
        resolve(publish({ state: "ready", version: message.version, startMs, how: message.how }));
      } else if (message?.type === "failed") {
        resolve(fail(message.reason));
      } else if (pending.has(message?.id)) {
        const settle = pending.get(message.id);
        pending.delete(message.id);
        settle?.("error" in message ? unavailable(message.error) : message.result);
      }
    };
    /** @param {ErrorEvent} event */
    const onError = (event) => {
      if (worker !== own) return;
      event.preventDefault();
      const detail = event.message ? ` (${event.message})` : "";
      const when = current.state === "ready" ? "stopped" : "could not be loaded";
      resolve(fail(`the Python worker ${when}${detail}`));
    };
    own.addEventListener("message", onMessage);
    own.addEventListener("error", onError);
    for (const event of early?.held ?? []) {
      if (event.type === "error") onError(/** @type {ErrorEvent} */ (event));
      else onMessage(/** @type {MessageEvent} */ (event));
    }
  });
}

/**
 * @typedef {{worker: Worker, held: Event[], begun: number}} EarlyStart
 * a worker the page's own script created, with its start request, in its <head>
 * (overrides/main.html), and what it said before client.js was there to listen
 */

/**
 * The worker the page's own script started as the page was parsed; null if there is none.
 * Taken once: a retry() starts a worker of its own.
 * @returns {EarlyStart | null}
 */
function adoptEarlyStart() {
  const page = /** @type {{nrEarlyPython?: EarlyStart}} */ (/** @type {unknown} */ (window));
  const early = page.nrEarlyPython;
  if (!early) return null;
  delete page.nrEarlyPython;
  early.worker.onmessage = null;
  early.worker.onerror = null;
  return early;
}

/**
 * Read the build's JSON island. It sits outside the content area, so after instant
 * navigation it still belongs to the page the tab first loaded: resolve against that URL.
 */
function readConfig() {
  const element = document.getElementById(CONFIG_ID);
  if (!element?.textContent) throw new Error(`this page has no Python settings (#${CONFIG_ID})`);
  const raw = JSON.parse(element.textContent);
  const [navigation] = performance.getEntriesByType("navigation");
  const base = navigation?.name || document.baseURI;
  return {
    settings: raw,
    base,
    worker: new URL(raw.worker, base).href,
    slowAfterSeconds: Number(raw.slowAfterSeconds) || 10,
  };
}

/**
 * @param {string} reason
 * @returns {PythonStatus}
 */
function fail(reason) {
  for (const settle of pending.values()) settle(unavailable(reason));
  pending.clear();
  // offline.js waits for this or "nr-python-ready" before storing the site.
  performance.mark("nr-python-failed");
  return publish({ state: "failed", reason });
}

/**
 * @param {PythonStatus} next
 * @returns {PythonStatus}
 */
function publish(next) {
  current = next;
  statusEvents.dispatchEvent(new CustomEvent("status", { detail: next }));
  return next;
}

/**
 * @param {string} message
 * @returns {BridgeResult}
 */
function unavailable(message) {
  return { ok: false, error: { kind: "unavailable", message } };
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function reasonOf(error) {
  return error instanceof Error ? error.message : String(error);
}
