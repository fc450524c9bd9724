// @ts-check
/**
 * Make what lets Python start fast in the browser, with Pyodide's own interpreter under Node.
 *
 *   node python_start.mjs <pyodide directory> <wheel> <samples.json> <finder.py> <output directory>
 *                         [<command> <argument>...]
 *
 * 1. Find what runs: start Pyodide, import every module of the exercises package,
 *    call every bridge function with its sample payload (samples.json, made by
 *    bridge_samples.py: each must be accepted), do what the worker does (reseed,
 *    raise a Python error into JavaScript), and record every standard-library module
 *    in `sys.modules`. A static check (modulefinder over the package) adds any
 *    standard-library module the package names that no call imported, with what
 *    importing it imports.
 * 2. The precompiled library: bytecode only for exactly those modules (compiled by
 *    Pyodide, so it matches the browser's Python), the exercises package from the
 *    wheel, source and bytecode (tracebacks keep their lines), and the finder that
 *    fetches the full library should a module still be missing.
 *    With a command after the output directory, that command is run with the zip's
 *    path last, to rewrite it in place: python_start.py passes zopfli_zip.py, which
 *    re-deflates every member with Zopfli (hosts send zips as they are). It must run
 *    before step 3: the snapshot's zip importer remembers where each member starts.
 * 3. A memory snapshot of an interpreter started on that library with every module
 *    of the package imported.
 * Writes python_stdlib.zip, snapshot.bin and modules.json into the output directory
 * and prints a JSON summary. Run by hooks/companion_build/runtime/python_start.py, which caches it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const SITE_PACKAGES = "/lib/python3.14/site-packages";
const FINDER_MODULE = "_nr_full_library";
const RESEED = "import random; random.seed()";

// Every module of the package, by name (from package_modules), with nothing else imported.
const IMPORT_PACKAGE = `
for name in package_modules:
    __import__(name)
from exercises import bridge
`;

const RUN_SAMPLES = `
import json
from exercises import bridge
refused = {}
for name, payload in json.loads(samples_json).items():
    result = json.loads(bridge.call(name, payload))
    if not result["ok"]:
        refused[name] = result["error"]["message"]
json.dumps(refused)
`;

// What the package names, found without running it: modulefinder over its files. Names it
// cannot find on the path it is given (the package's folder only) are the imports to check.
const STATIC_IMPORTS = `
import json, modulefinder, pathlib, sys
import exercises
package = pathlib.Path(exercises.__path__[0])
finder = modulefinder.ModuleFinder(path=[str(package.parent)])
for path in sorted(package.rglob("*.py")):
    finder.load_file(str(path))
    finder.run_script(str(path))
names = set(finder.badmodules) | set(finder.modules)
json.dumps(sorted(n for n in names if n.partition(".")[0] in sys.stdlib_module_names))
`;

const RECORD_MODULES = `
import json, sys, zipimport
STDLIB = next(entry for entry in sys.path if entry.endswith(".zip"))
loaded = {}
for name, module in list(sys.modules.items()):
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) or ""
    if origin.startswith(STDLIB + "/") and not name.startswith("exercises"):
        loaded[name] = origin[len(STDLIB) + 1 :]
json.dumps({"stdlib": STDLIB, "modules": loaded})
`;

const WRITE_LIBRARY = `
import json, pathlib, py_compile, zipfile
recorded = json.loads(recorded_json)
STDLIB = recorded["stdlib"]
files = sorted(set(recorded["modules"].values()))

def add_file(target, name, data):
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    target.writestr(entry, data, compresslevel=9)  # then re-deflated by Zopfli: see step 2

# The standard library's bytecode without docstrings or asserts (optimize=2: about a fifth
# fewer bytes; nothing a start or a bridge call runs reads a stdlib docstring, as the Pyodide
# tests check). The zip importer loads a sourceless .pyc whatever the interpreter's own
# optimize level. The exercises package keeps both: its asserts guard logic, and a dataclass
# without a docstring costs an inspect.signature call at import.
STDLIB_OPTIMIZE = 2

def bytecode(source_path, name, optimize=0):
    py_compile.compile(
        source_path, cfile="/tmp/module.pyc", dfile=f"{STDLIB}/{name}", doraise=True,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH, optimize=optimize,
    )
    return pathlib.Path("/tmp/module.pyc").read_bytes()

source = zipfile.ZipFile(STDLIB)
with zipfile.ZipFile("/tmp/python_stdlib.zip", "w") as target:
    for name in files:
        if name.endswith(".pyc"):
            add_file(target, name, source.read(name))
            continue
        pathlib.Path("/tmp/module.py").write_bytes(source.read(name))
        add_file(target, name + "c", bytecode("/tmp/module.py", name, STDLIB_OPTIMIZE))
    full = [name[:-3].replace("/", ".") for name in source.namelist() if name.endswith(".py")]
    full = sorted(name[: -len(".__init__")] if name.endswith(".__init__") else name for name in full)
    finder = finder_source + chr(10) * 2 + f"FULL_LIBRARY_MODULES = frozenset({full!r})" + chr(10)
    add_file(target, finder_name + ".py", finder.encode())
    pathlib.Path("/tmp/finder.py").write_text(finder)
    add_file(target, finder_name + ".pyc", bytecode("/tmp/finder.py", finder_name + ".py"))
    # The exercises package, from the wheel unpacked into site-packages: the worker
    # imports it from here, not from the wheel, when start.json names that wheel.
    import exercises
    package = pathlib.Path(exercises.__path__[0])
    for path in sorted(package.rglob("*")):
        name = "exercises/" + path.relative_to(package).as_posix()
        if "__pycache__" in path.parts or not path.is_file():
            continue
        add_file(target, name, path.read_bytes())
        if name.endswith(".py"):
            add_file(target, name + "c", bytecode(str(path), name))
len(files)
`;

/**
 * Run Python and return its last expression, or stop with the error.
 * @param {any} pyodide
 * @param {string} code
 */
function run(pyodide, code) {
  return pyodide.runPython(code);
}

/**
 * Everything a reader's session can run: the package, every bridge call, the worker's steps.
 * @param {any} pyodide
 * @param {string} samplesJSON
 * @param {string} finderSource
 */
function exerciseEverything(pyodide, samplesJSON, finderSource) {
  importPackage(pyodide);
  pyodide.globals.set("samples_json", samplesJSON);
  const refused = JSON.parse(run(pyodide, RUN_SAMPLES));
  if (Object.keys(refused).length > 0) {
    throw new Error(
      "hooks/companion_build/runtime/bridge_samples.py: these samples were refused under Pyodide; " +
        `make each one a payload its function accepts: ${JSON.stringify(refused)}`,
    );
  }
  // The worker's own steps: version check, the bridge's call, the reseed, the finder.
  String(pyodide.pyimport("exercises").__version__);
  pyodide.pyimport("exercises.bridge").call("ping", "null");
  run(pyodide, RESEED);
  pyodide.FS.writeFile(`${SITE_PACKAGES}/${FINDER_MODULE}.py`, finderSource);
  pyodide.pyimport(FINDER_MODULE).install(() => "/nowhere.zip");
  // An import the finder looks at and declines.
  run(pyodide, "try:\n    import _winapi\nexcept ImportError:\n    pass");
  // A Python error reaching JavaScript formats its traceback.
  try {
    run(pyodide, "raise ValueError('a check that the error path is recorded')");
  } catch {
    // expected
  }
}

/**
 * The exercises package's module names, from its files in site-packages.
 * @param {any} pyodide
 * @returns {string[]}
 */
function packageModules(pyodide) {
  const root = `${SITE_PACKAGES}/exercises`;
  /** @type {string[]} */
  const names = [];
  /** @param {string} folder @param {string} prefix */
  const walk = (folder, prefix) => {
    for (const entry of pyodide.FS.readdir(folder).sort()) {
      if (entry.startsWith(".") || entry === "__pycache__") continue;
      const path = `${folder}/${entry}`;
      if (pyodide.FS.isDir(pyodide.FS.stat(path).mode)) walk(path, `${prefix}.${entry}`);
      else if (entry === "__init__.py") names.push(prefix);
      else if (entry.endsWith(".py")) names.push(`${prefix}.${entry.slice(0, -3)}`);
    }
  };
  walk(root, "exercises");
  return names;
}

/** @type {string[]} */
let moduleNames = [];

/** @param {any} pyodide */
function importPackage(pyodide) {
  pyodide.globals.set("package_modules", pyodide.toPy(moduleNames));
  run(pyodide, IMPORT_PACKAGE);
}

async function main() {
  const [runtimeDirectory, wheelPath, samplesPath, finderPath, outputDirectory] = process.argv
    .slice(2, 7)
    .map((p) => resolve(p));
  const [rewriter, ...rewriterArguments] = process.argv.slice(7);
  const { loadPyodide } = await import(pathToFileURL(join(runtimeDirectory, "pyodide.mjs")).href);
  const wheel = new Uint8Array(readFileSync(wheelPath));
  const samplesJSON = readFileSync(samplesPath, "utf8");
  const finderSource = readFileSync(finderPath, "utf8");
  const quiet = { stdout: () => {}, stderr: (/** @type {string} */ text) => console.error(text) };

  // The static check runs in an interpreter of its own: modulefinder's own imports must
  // not count as the package's.
  const scanner = await loadPyodide({ indexURL: runtimeDirectory + "/", ...quiet });
  scanner.unpackArchive(wheel, "wheel", { extractDir: SITE_PACKAGES });
  const named = JSON.parse(run(scanner, STATIC_IMPORTS));
  moduleNames = packageModules(scanner);

  const compiler = await loadPyodide({ indexURL: runtimeDirectory + "/", ...quiet });
  compiler.unpackArchive(wheel, "wheel", { extractDir: SITE_PACKAGES });
  exerciseEverything(compiler, samplesJSON, finderSource);
  const ran = JSON.parse(run(compiler, RECORD_MODULES));
  // Anything the package names that the calls did not import, imported now (with its own imports).
  compiler.globals.set("named", compiler.toPy(named));
  const addedByStaticCheck = JSON.parse(
    run(
      compiler,
      `
import json, sys
added = []
for name in named:
    if name in sys.modules:
        continue
    try:
        __import__(name)
    except ImportError:
        continue  # a name modulefinder guessed (an attribute after "from"), not a module
    added.append(name)
json.dumps(added)
`,
    ),
  );
  const recorded = JSON.parse(run(compiler, RECORD_MODULES));
  compiler.globals.set("recorded_json", JSON.stringify(recorded));
  compiler.globals.set("finder_source", finderSource);
  compiler.globals.set("finder_name", FINDER_MODULE);
  const moduleFiles = run(compiler, WRITE_LIBRARY);
  const stdlibPath = join(outputDirectory, "python_stdlib.zip");
  writeFileSync(stdlibPath, compiler.FS.readFile("/tmp/python_stdlib.zip"));
  // The rewrite prints a JSON summary on its last line; its errors go to our stderr.
  const rewritten = rewriter
    ? JSON.parse(
        execFileSync(rewriter, [...rewriterArguments, stdlibPath], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
        })
          .trim()
          .split("\n")
          .at(-1) ?? "null",
      )
    : null;
  const modules = Object.keys(recorded.modules).sort();
  writeFileSync(
    join(outputDirectory, "modules.json"),
    JSON.stringify(
      {
        modules,
        ranByCalls: Object.keys(ran.modules).length,
        addedByStaticCheck,
        namedByPackage: named,
      },
      null,
      1,
    ) + "\n",
  );

  const snapshotter = await loadPyodide({
    indexURL: runtimeDirectory + "/",
    stdLibURL: stdlibPath,
    _makeSnapshot: true,
    ...quiet,
  });
  // No wheel here: the package comes from the zip, as it will in the browser.
  importPackage(snapshotter);
  const version = run(snapshotter, "from exercises import bridge; bridge.call('ping', 'null'); bridge.__version__");
  const origin = run(snapshotter, "import exercises; exercises.__file__");
  if (!origin.startsWith("/lib/python314.zip/")) {
    throw new Error(`the snapshot imported exercises from ${origin}, not from the zip`);
  }
  const snapshot = snapshotter.makeMemorySnapshot();
  writeFileSync(join(outputDirectory, "snapshot.bin"), snapshot);
  console.log(
    JSON.stringify({
      modules: modules.length,
      moduleFiles,
      version,
      snapshotBytes: snapshot.length,
      rewritten,
    }),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
