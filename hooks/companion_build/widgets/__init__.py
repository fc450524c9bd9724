"""One module per widget's HTML (and its `SHORTCODES`), on the shared markup in `markup.py`."""
