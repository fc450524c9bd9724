// @ts-check
/**
 * Run pytest inside Pyodide under Node, against an installed wheel of `exercises`.
 *
 *   node tests/pyodide/run_in_pyodide.mjs --wheel PATH [--dep PATH]... --project DIR TEST_FILE...
 *
 * --wheel    the exercises wheel the site ships (site/assets/python/…/*.whl)
 * --dep      a pure-Python wheel to install too: pytest and its dependencies
 * --project  the project root: its tests/unit folder is mounted with NODEFS and its
 *            pyproject.toml gives pytest its settings; the package itself is not
 *            mounted, so `import exercises` can only find the wheel
 * TEST_FILE  paths relative to tests/unit
 *
 * Prints pytest's report and exits with pytest's exit code.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadPyodide } from "pyodide";

const MOUNT = "/project";

const { values, positionals } = parseArgs({
  options: {
    wheel: { type: "string" },
    dep: { type: "string", multiple: true, default: [] },
    project: { type: "string" },
  },
  allowPositionals: true,
});
if (!values.wheel || !values.project || positionals.length === 0) {
  console.error("usage: run_in_pyodide.mjs --wheel PATH [--dep PATH]... --project DIR FILE...");
  process.exit(2);
}
const project = path.resolve(values.project);
const wheels = [values.wheel, ...(values.dep ?? [])].map((wheel) => path.resolve(wheel));

const pyodide = await loadPyodide();
/** @type {string[]} */
const problems = [];
// loadPackage never throws: it reports through errorCallback.
await pyodide.loadPackage(wheels, {
  messageCallback: () => {},
  errorCallback: (message) => problems.push(message),
});
if (problems.length > 0) {
  console.error(`Could not install the wheels:\n${problems.join("\n")}`);
  process.exit(3);
}

const { FS } = pyodide;
FS.mkdirTree(`${MOUNT}/tests/unit`);
FS.mount(
  FS.filesystems.NODEFS,
  { root: path.join(project, "tests", "unit") },
  `${MOUNT}/tests/unit`,
);
FS.writeFile(`${MOUNT}/pyproject.toml`, readFileSync(path.join(project, "pyproject.toml")));
FS.chdir(MOUNT);

pyodide.globals.set(
  "test_files",
  pyodide.toPy(positionals.map((file) => `${MOUNT}/tests/unit/${file}`)),
);
const exitCode = await pyodide.runPythonAsync(`
import sys

# Keep pytest's rewritten-assertion caches out of the mounted source folder.
sys.dont_write_bytecode = True

import exercises
import pytest

print(f"exercises {exercises.__version__} from {exercises.__file__}", flush=True)
code = int(pytest.main(["-p", "no:cacheprovider", "--color=no", *test_files]))
sys.stdout.flush()
code
`);
process.exit(Number(exitCode));
