// @ts-check
/**
 * Read the JSON a page carries for its scripts (hooks/companion_build/widgets/islands.py).
 *
 * @param {ParentNode | null | undefined} container
 * @param {string} [attribute]
 * @returns {any} the parsed data, or null when the container has no island
 */
export function readIsland(container, attribute = "data-nr-widget-data") {
  const island = /** @type {HTMLTemplateElement | null | undefined} */ (
    container?.querySelector(`template[${attribute}]`)
  );
  return island ? JSON.parse(island.content.textContent ?? "null") : null;
}
