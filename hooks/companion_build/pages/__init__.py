"""The pages: shortcodes, the chapter's own blocks, links between pages, whole-page renderers."""
