"""Pure-Python core of the course companion: the content model and, later, grading.

Standard library only, no I/O: the same code runs under CPython in the tests and
under Pyodide in the reader's browser.
"""

__version__ = "0.1.0"
