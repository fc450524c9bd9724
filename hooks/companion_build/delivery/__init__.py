"""How the built site is delivered: minified, under a strict policy, with host headers, offline."""
