// @ts-check
/**
 * Run every bridge function inside Pyodide on the library the site ships, as the worker starts it.
 *
 *   node shipped_library_harness.mjs <site directory> <samples.json> <missing module>
 *
 * 1. A plain start on the precompiled library (no wheel: the package comes from the zip),
 *    with the full-library finder NOT installed, so a module the build missed fails the call.
 * 2. The same from the memory snapshot.
 * 3. With the finder installed, importing <missing module> (not in the library) and then
 *    another missing module fetches the full library exactly once.
 * 4. Which optimize levels each shipped .pyc was compiled with, and two modules' docstrings.
 * Prints one JSON line: {"plain": {name: result}, "snapshot": {...}, "finder": {...},
 *   "bytecode": {"optimizeLevels": {file: [levels]}, "docstrings": {module: text or null}}}.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const [site, samplesPath] = process.argv.slice(2, 4).map((p) => resolve(p));
const missingModule = process.argv[4];
const samples = JSON.parse(readFileSync(samplesPath, "utf8"));
const python = join(site, "assets/python");
const start = JSON.parse(readFileSync(join(python, "start.json"), "utf8"));
const indexURL = join(site, "assets/pyodide", start.pyodide_version) + "/";
const stdLibURL = join(python, start.stdlib);
const lockFileContents = { info: start.lock_info, packages: {} };
const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
const { startFromSnapshot } = await import(
  pathToFileURL(resolve("overrides/assets/js/python/snapshot.js")).href
);
const quiet = { stdout: () => {}, stderr: () => {} };

/**
 * @param {any} pyodide
 * @returns {Record<string, any>}
 */
function callEverything(pyodide) {
  const call = pyodide.pyimport("exercises.bridge").call;
  /** @type {Record<string, any>} */
  const results = {};
  for (const [name, payload] of Object.entries(samples)) {
    results[name] = JSON.parse(call(name, payload));
  }
  results.__origin__ = pyodide.runPython("import exercises; exercises.__file__");
  return results;
}

const plain = await loadPyodide({ indexURL, stdLibURL, lockFileContents, ...quiet });
const plainResults = callEverything(plain);

// Which optimize levels reproduce each shipped .pyc from its source (the full library's, or
// the package's own beside it), compiled here by the same interpreter.
plain.FS.writeFile("/tmp/full_library.zip", readFileSync(join(python, start.full_stdlib)));
const optimizeLevels = JSON.parse(
  plain.runPython(`
import json, marshal, zipfile
shipped = zipfile.ZipFile("/lib/python314.zip")
full = zipfile.ZipFile("/tmp/full_library.zip")
sources = set(full.namelist())
levels = {}
for name in shipped.namelist():
    if not name.endswith(".pyc"):
        continue
    source_name = name[:-1]
    if name.startswith("exercises/"):
        source = shipped.read(source_name)
    elif source_name in sources:
        source = full.read(source_name)
    else:
        continue
    code = marshal.loads(shipped.read(name)[16:])
    levels[name] = [
        level for level in (0, 1, 2)
        if compile(source, source_name, "exec", dont_inherit=True, optimize=level) == code
    ]
json.dumps(levels)
`),
);
const docstrings = JSON.parse(
  plain.runPython(`
import json, exercises.bridge
json.dumps({"json": json.__doc__, "exercises.bridge": exercises.bridge.__doc__})
`),
);

const snapshot = new Uint8Array(gunzipSync(readFileSync(join(python, start.snapshot_gzip))));
const restored = await startFromSnapshot(loadPyodide, {
  indexURL,
  stdLibURL,
  snapshot,
  lockFileContents,
});
const snapshotResults = callEverything(restored);

const withFinder = await loadPyodide({ indexURL, stdLibURL, lockFileContents, ...quiet });
const missingBefore = withFinder.runPython(`
try:
    import ${missingModule}
except ModuleNotFoundError:
    missing = True
else:
    missing = False
missing
`);
let fetches = 0;
const fullLibrary = join(python, start.full_stdlib);
withFinder.pyimport("_nr_full_library").install(() => {
  fetches += 1;
  withFinder.FS.writeFile("/lib/python_stdlib_full.zip", readFileSync(fullLibrary));
  return "/lib/python_stdlib_full.zip";
});
const origin = withFinder.runPython(
  `import ${missingModule}, xml.dom.minidom, colorsys; ${missingModule}.__file__`,
);
console.log(
  JSON.stringify({
    plain: plainResults,
    snapshot: snapshotResults,
    finder: { missingBefore, origin, fetches },
    bytecode: { optimizeLevels, docstrings },
  }),
);
