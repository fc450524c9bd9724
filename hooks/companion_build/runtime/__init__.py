"""The site's Python: Pyodide's files, the `exercises` wheel, and the precompiled fast start."""
