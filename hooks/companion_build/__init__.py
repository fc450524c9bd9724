"""Build-time code for the companion site: load content, render pages, post-process HTML."""
