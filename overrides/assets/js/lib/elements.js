// @ts-check
/**
 * Small DOM helpers for widgets that build their parts in script (the group pulse and
 * the share panel): an element with attributes and children, and a stylesheet added
 * once to the page that needs it.
 */

/**
 * @param {string} name
 * @param {Record<string, string>} attributes
 * @param {...(Node | string)} children
 */
export function element(name, attributes, ...children) {
  const made = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
  made.append(...children);
  return made;
}

/** @type {Map<string, Promise<void>>} by URL: settles once the sheet is loaded (or failed) */
const sheets = new Map();

/**
 * Add the stylesheet at `href` to the page, once.
 * @param {string} href an absolute URL
 * @returns {Promise<void>} settles once the sheet applies (or failed to load: the page
 *   stays usable unstyled, so this never rejects)
 */
export function addStylesheet(href) {
  const present = document.querySelector(`link[rel="stylesheet"][href="${CSS.escape(href)}"]`);
  const known = sheets.get(href);
  if (present) return known ?? Promise.resolve();
  const link = /** @type {HTMLLinkElement} */ (element("link", { rel: "stylesheet", href }));
  /** @type {Promise<void>} */
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", () => resolve(), { once: true });
    link.addEventListener("error", () => resolve(), { once: true });
  });
  sheets.set(href, loaded);
  document.head.append(link);
  return loaded;
}
