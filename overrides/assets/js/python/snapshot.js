// @ts-check
/**
 * Start Pyodide from the build's memory snapshot: shared by the worker and the Pyodide tests.
 *
 * Every reader gets the same snapshot, so without a reseed they would all share
 * the build's `random` state. (`hash()` keeps the build's seed: it cannot change
 * after start, and nothing here keys untrusted input by hash.)
 */

export const RESEED = "import random; random.seed()";

/**
 * @param {(options: object) => Promise<any>} loadPyodide
 * @param {{indexURL: string, stdLibURL?: string, snapshot: Uint8Array | Promise<Uint8Array>,
 *   lockFileContents?: object}} files
 * @param {<T>(loading: Promise<T>) => Promise<T>} [guard] watches the start for silent failures
 * @returns {Promise<any>} the restored interpreter, reseeded
 */
export async function startFromSnapshot(
  loadPyodide,
  { indexURL, stdLibURL, snapshot, lockFileContents },
  guard,
) {
  const loading = loadPyodide({ indexURL, stdLibURL, lockFileContents, _loadSnapshot: snapshot });
  const pyodide = await (guard ? guard(loading) : loading);
  pyodide.runPython(RESEED);
  return pyodide;
}
