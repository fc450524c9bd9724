// @ts-check
/**
 * Make what lets Python start fast in the browser, with Pyodide's own interpreter under Node.
 *
 *   node python_start.mjs <pyodide directory> <wheel> <output directory>
 *
 * 1. The standard library zip with bytecode added for every module a start imports
 *    (the `.py` files stay, so tracebacks keep their source), and the exercises
 *    package from the wheel, source and bytecode, so a start on this zip imports it
 *    at once instead of installing the wheel. Pyodide compiles it, so the bytecode
 *    matches the browser's Python exactly.
 * 2. A memory snapshot of an interpreter started on that zip, with every module of
 *    the exercises package imported.
 * Writes python_stdlib.zip and snapshot.bin into the output directory and prints
 * a JSON summary. Run by hooks/companion_build/python_start.py, which caches the result.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const SITE_PACKAGES = "/lib/python3.14/site-packages";

const COMPILE_STARTUP_MODULES = `
import importlib, pathlib, pkgutil, py_compile, sys, zipfile, zipimport
import exercises
for info in pkgutil.walk_packages(exercises.__path__, "exercises."):
    importlib.import_module(info.name)
from exercises import bridge
bridge.call("ping", "null")

STDLIB = sys.path[1]  # /lib/python314.zip
loaded = sorted(
    module.__spec__.origin[len(STDLIB) + 1 :]
    for module in list(sys.modules.values())
    if isinstance(getattr(module, "__loader__", None), zipimport.zipimporter)
    and module.__spec__.origin.startswith(STDLIB + "/")
    and module.__spec__.origin.endswith(".py")
)

def add_bytecode(target, name, source_path):
    py_compile.compile(
        source_path, cfile="/tmp/module.pyc", dfile=f"{STDLIB}/{name}", doraise=True,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    add_file(target, name + "c", pathlib.Path("/tmp/module.pyc").read_bytes())


def add_file(target, name, data):
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    target.writestr(entry, data)


source = zipfile.ZipFile(STDLIB)
with zipfile.ZipFile("/tmp/python_stdlib.zip", "w") as target:
    names = set(source.namelist())
    for entry in source.infolist():
        target.writestr(entry, source.read(entry))
    for name in loaded:
        if name + "c" not in names:
            pathlib.Path("/tmp/module.py").write_bytes(source.read(name))
            add_bytecode(target, name, "/tmp/module.py")
    # The exercises package, from the wheel unpacked into site-packages: the worker
    # imports it from here, not from the wheel, when start.json names that wheel.
    package = pathlib.Path(exercises.__path__[0])
    for path in sorted(package.rglob("*")):
        name = "exercises/" + path.relative_to(package).as_posix()
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if name in names:
            raise SystemExit(f"the standard library already has {name}")
        add_file(target, name, path.read_bytes())
        if name.endswith(".py"):
            add_bytecode(target, name, str(path))
len(loaded)
`;

const IMPORT_EVERYTHING = `
import importlib, pkgutil
import exercises
for info in pkgutil.walk_packages(exercises.__path__, "exercises."):
    importlib.import_module(info.name)
from exercises import bridge
bridge.call("ping", "null")
bridge.__version__
`;

async function main() {
  const [runtimeDirectory, wheelPath, outputDirectory] = process.argv.slice(2).map((p) => resolve(p));
  const { loadPyodide } = await import(pathToFileURL(join(runtimeDirectory, "pyodide.mjs")).href);
  const wheel = new Uint8Array(readFileSync(wheelPath));
  const quiet = { stdout: () => {}, stderr: (/** @type {string} */ text) => console.error(text) };

  const compiler = await loadPyodide({ indexURL: runtimeDirectory + "/", ...quiet });
  compiler.unpackArchive(wheel, "wheel", { extractDir: SITE_PACKAGES });
  const compiled = compiler.runPython(COMPILE_STARTUP_MODULES);
  const stdlibPath = join(outputDirectory, "python_stdlib.zip");
  writeFileSync(stdlibPath, compiler.FS.readFile("/tmp/python_stdlib.zip"));

  const snapshotter = await loadPyodide({
    indexURL: runtimeDirectory + "/",
    stdLibURL: stdlibPath,
    _makeSnapshot: true,
    ...quiet,
  });
  // No wheel here: the package comes from the zip, as it will in the browser.
  const version = snapshotter.runPython(IMPORT_EVERYTHING);
  const origin = snapshotter.runPython("import exercises; exercises.__file__");
  if (!origin.startsWith("/lib/python314.zip/")) {
    throw new Error(`the snapshot imported exercises from ${origin}, not from the zip`);
  }
  const snapshot = snapshotter.makeMemorySnapshot();
  writeFileSync(join(outputDirectory, "snapshot.bin"), snapshot);
  console.log(JSON.stringify({ compiledModules: compiled, version, snapshotBytes: snapshot.length }));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
