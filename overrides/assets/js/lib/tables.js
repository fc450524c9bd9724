// @ts-check
/**
 * Column headings for the data tables widgets draw (a plan, a profile).
 *
 * @param {HTMLTableElement} table
 * @param {string[]} headings
 */
export function appendColumnHeadings(table, headings) {
  const head = table.createTHead().insertRow();
  for (const text of headings) {
    const cell = document.createElement("th");
    cell.scope = "col";
    cell.textContent = text;
    head.append(cell);
  }
}
