// @ts-check
/**
 * Restore the built site's memory snapshot under Node, as the worker does, and report.
 *
 *   node snapshot_harness.mjs <site directory> <repository> <site-packages with pytest>
 *
 * Restores twice and draws a random number from each; then runs the unit tests that
 * touch grading inside the second interpreter with pytest (hypothesis cannot load in
 * Pyodide: tests/pyodide/shims stands in, and its property tests are skipped). Prints
 * one JSON line: {"unseeded": [a, a], "draws": [a, b], "pytest": exit code}.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [site, repository, sitePackages] = process.argv.slice(2).map((p) => resolve(p));
const UNIT_TESTS = [
  "tests/unit/test_grading.py",
  "tests/unit/test_widgets_api.py",
  "tests/unit/test_bridge.py",
  // A 100 000-deep JSON payload overflows the JavaScript stack under any Pyodide start
  // (a fatal error, not a RecursionError), which would end this run: left out here.
  "--deselect",
  "tests/unit/test_bridge.py::test_deeply_nested_payload_does_not_raise",
];

const { startFromSnapshot } = await import(
  pathToFileURL(join(repository, "overrides/assets/js/python/snapshot.js")).href
);
const start = JSON.parse(readFileSync(join(site, "assets/python/start.json"), "utf8"));
const indexURL = join(site, "assets/pyodide", start.pyodide_version) + "/";
const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
const files = {
  indexURL,
  stdLibURL: join(site, "assets/python", start.stdlib),
  snapshot: new Uint8Array(gunzipSync(readFileSync(join(site, "assets/python", start.snapshot_gzip)))),
};

// Without the reseed every restore repeats the build's random state: shown, to keep it honest.
const unseeded = [];
for (let restore = 0; restore < 2; restore += 1) {
  const plain = await loadPyodide({ indexURL, stdLibURL: files.stdLibURL, _loadSnapshot: files.snapshot });
  unseeded.push(plain.runPython("import random; random.random()"));
}

const draws = [];
let pyodide;
for (let restore = 0; restore < 2; restore += 1) {
  pyodide = await startFromSnapshot(loadPyodide, files);
  draws.push(pyodide.runPython("import random; random.random()"));
}

// pytest needs modules the site's trimmed library leaves out: the worker's finder fetches them.
pyodide.pyimport("_nr_full_library").install(() => {
  const full = join(site, "assets/python", start.full_stdlib);
  pyodide.FS.writeFile("/lib/python_stdlib_full.zip", readFileSync(full));
  return "/lib/python_stdlib_full.zip";
});
pyodide.FS.mkdirTree("/repository");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: repository }, "/repository");
pyodide.FS.mkdirTree("/test-packages");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: sitePackages }, "/test-packages");
const code = pyodide.runPython(`
import os, sys
sys.dont_write_bytecode = True
sys.path.append("/repository/tests/pyodide/shims")
sys.path.append("/test-packages")
os.chdir("/repository")
import pytest
int(pytest.main(["-q", "-rs", "-p", "no:cacheprovider", "-p", "no:hypothesispytest", "--noconftest", ${UNIT_TESTS.map((t) => JSON.stringify(t)).join(", ")}]))
`);
console.log(JSON.stringify({ unseeded, draws, pytest: code }));
