// @ts-check
/**
 * Make what lets Python start fast in the browser, with Pyodide's own interpreter under Node.
 *
 *   node python_start.mjs <pyodide directory> <wheel> <output directory>
 *
 * 1. The standard library zip with bytecode added for every module a start imports
 *    (the `.py` files stay, so tracebacks keep their source). Pyodide compiles it,
 *    so the bytecode matches the browser's Python exactly.
 * 2. A memory snapshot of an interpreter started on that zip, with the exercises
 *    package installed and every module of it imported.
 * Writes python_stdlib.zip and snapshot.bin into the output directory and prints
 * a JSON summary. Run by hooks/companion_build/python_start.py, which caches the result.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const SITE_PACKAGES = "/lib/python3.14/site-packages";

const COMPILE_STARTUP_MODULES = `
import importlib, pkgutil, py_compile, sys, zipfile, zipimport
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
source = zipfile.ZipFile(STDLIB)
with zipfile.ZipFile("/tmp/python_stdlib.zip", "w") as target:
    names = set(source.namelist())
    for entry in source.infolist():
        target.writestr(entry, source.read(entry))
    for name in loaded:
        if name + "c" in names:
            continue
        with open("/tmp/module.py", "wb") as file:
            file.write(source.read(name))
        py_compile.compile(
            "/tmp/module.py", cfile="/tmp/module.pyc", dfile=f"{STDLIB}/{name}", doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        entry = zipfile.ZipInfo(name + "c", date_time=(1980, 1, 1, 0, 0, 0))
        entry.compress_type = zipfile.ZIP_DEFLATED
        with open("/tmp/module.pyc", "rb") as file:
            target.writestr(entry, file.read())
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
  snapshotter.unpackArchive(wheel, "wheel", { extractDir: SITE_PACKAGES });
  const version = snapshotter.runPython(IMPORT_EVERYTHING);
  const snapshot = snapshotter.makeMemorySnapshot();
  writeFileSync(join(outputDirectory, "snapshot.bin"), snapshot);
  console.log(JSON.stringify({ compiledModules: compiled, version, snapshotBytes: snapshot.length }));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
