// @ts-check
/**
 * The supervision prep packet: the reader ticks prompts and optional
 * summaries; Python (exercises.packet) writes the Markdown; the page shows a
 * printable version built with textContent and offers the Markdown as a download.
 * What the reader ticked is saved as they tick it (record "prep-packet").
 */

export const PACKET_RECORD = "prep-packet";
import { describeError } from "../lib/ask-python.js";
import { readableNotes } from "../lib/notes-session.js";
import { call } from "../python/client.js";
import { autosave } from "../lib/autosave.js";
import { CHECKIN_RECORD, CONSTELLATION_RECORD, loadRecord, updateRecord } from "../storage.js";

/**
 * @param {HTMLElement} widget
 * @param {{prompts: {id: string, text: string}[], title: string}} data
 * @param {AbortSignal} signal
 */
export function mountPrepPacket(widget, data, signal) {
  const form = /** @type {HTMLFormElement} */ (widget.querySelector("form[data-nr-packet-form]"));
  const status = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-status]"));
  const packet = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-packet]"));
  const body = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-packet-body]"));
  widget.querySelector("[data-nr-needs-js]")?.setAttribute("hidden", "");
  form.hidden = false;

  const notes = readableNotes();
  /** @type {any} */
  const checkins = loadRecord(CHECKIN_RECORD);
  const profile = checkins?.takes?.at?.(-1)?.profile ?? null;
  /** @type {any} */
  /** @type {any} */
  const mapped = loadRecord(CONSTELLATION_RECORD);
  const constellation = mapped?.map ?? null;
  /** People listed but not yet mapped (on their page, or since a merge): mapped here on demand. */
  /** @type {{label: string, role: string, contact: string}[]} */
  const people = Array.isArray(mapped?.people) ? mapped.people : [];
  /** @type {HTMLElement} */ (widget.querySelector("[data-nr-locked]")).hidden = notes !== null;
  for (const input of form.querySelectorAll('input[name="prompt"]')) {
    const flag = input.parentElement?.querySelector("[data-nr-note-flag]");
    const id = /** @type {HTMLInputElement} */ (input).value;
    if (flag) flag.textContent = notes?.[id]?.text ? " (you have a note)" : "";
  }
  const offer = (/** @type {string} */ name, /** @type {unknown} */ value, /** @type {string} */ missing) => {
    const input = /** @type {HTMLInputElement} */ (form.querySelector(`input[value="${name}"]`));
    input.disabled = !value;
    const have = form.querySelector(`[data-nr-have="${name}"]`);
    if (have) have.textContent = value ? "" : ` (${missing})`;
  };
  offer("profile", profile, "none yet: take the check-in first");
  offer("constellation", constellation ?? (people.length ? people : null),
    "none yet: add people on the Competence constellation page first");

  restoreChoices(form);
  autosave(form, async () => {
    const values = new FormData(form);
    const fields = {
      prompt: values.getAll("prompt").map(String),
      include: values.getAll("include").map(String),
    };
    const { outcome } = await updateRecord(PACKET_RECORD, (/** @type {any} */ latest) => ({
      ...(latest && typeof latest === "object" ? latest : {}),
      fields: { ...(latest?.fields ?? {}), ...fields },
      updated: new Date().toISOString(),
    }));
    return outcome;
  }, signal, /** @type {HTMLElement} */ (form.querySelector("button[type=submit]") ?? form));

  /** @type {string} */
  let markdown = "";

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const chosen = new Set(values.getAll("prompt").map(String));
    const include = new Set(values.getAll("include").map(String));
    const prompts = data.prompts
      .filter((prompt) => chosen.has(prompt.id))
      .map((prompt) => ({ id: prompt.id, text: prompt.text, note: notes?.[prompt.id]?.text ?? "" }));
    const date = new Date().toLocaleDateString(undefined, { dateStyle: "long" });
    let map = constellation;
    if (include.has("constellation") && !map && people.length) {
      // The map needs what each person is, not their id.
      const drawn = await call("constellation_map", {
        people: people.map(({ label, role, contact }) => ({ label, role, contact })),
      });
      if (signal.aborted) return;
      if (!drawn.ok) {
        status.textContent = describeError(drawn.error);
        packet.hidden = true;
        return;
      }
      map = drawn.value;
    }
    const reply = await call("prep_packet", {
      title: data.title,
      date,
      prompts,
      profile: include.has("profile") ? profile : null,
      constellation: include.has("constellation") ? map : null,
    });
    if (signal.aborted) return;
    if (!reply.ok) {
      status.textContent = reply.error.kind === "invalid-payload" ? reply.error.message : describeError(reply.error);
      packet.hidden = true;
      return;
    }
    markdown = reply.value.markdown;
    body.replaceChildren(...renderMarkdown(markdown));
    packet.hidden = false;
    status.textContent = "Your packet is ready below: print it or download it.";
  }, { signal });

  widget.querySelector("[data-nr-print]")?.addEventListener("click", () => window.print(), { signal });
  widget.querySelector("[data-nr-download]")?.addEventListener("click", () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([markdown], { type: "text/markdown" }));
    link.download = `supervision-prep-${new Date().toISOString().slice(0, 10)}.md`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status.textContent = `Downloaded ${link.download}.`;
  }, { signal });
}

/**
 * Tick again what the reader ticked last time (an option that is not offered now stays unticked).
 * @param {HTMLFormElement} form
 */
function restoreChoices(form) {
  /** @type {any} */
  const saved = loadRecord(PACKET_RECORD);
  for (const name of ["prompt", "include"]) {
    const chosen = saved?.fields?.[name];
    if (!Array.isArray(chosen)) continue;
    for (const input of form.querySelectorAll(`input[name="${name}"]`)) {
      const box = /** @type {HTMLInputElement} */ (input);
      if (!box.disabled) box.checked = chosen.includes(box.value);
    }
  }
}

/**
 * The packet's few Markdown forms as elements, all text set with textContent.
 * The first heading and the closing reminder are already on the page.
 * @param {string} text
 */
function renderMarkdown(text) {
  /** @type {HTMLElement[]} */
  const parts = [];
  /** @type {HTMLElement | null} */
  let list = null;
  /** @type {HTMLElement | null} */
  let quote = null;
  const lines = text.split("\n");
  const end = lines.indexOf("---");
  for (const line of lines.slice(1, end < 0 ? undefined : end)) {
    if (!line.startsWith("- ")) list = null;
    if (!line.startsWith(">")) quote = null;
    if (line.startsWith("### ") || line.startsWith("## ")) {
      const heading = document.createElement(line.startsWith("### ") ? "h5" : "h4");
      heading.textContent = line.replace(/^#+ /, "");
      parts.push(heading);
    } else if (line.startsWith("- ")) {
      if (!list) parts.push(list = document.createElement("ul"));
      const item = document.createElement("li");
      item.textContent = line.slice(2);
      list.append(item);
    } else if (line.startsWith(">")) {
      if (!quote) parts.push(quote = document.createElement("blockquote"));
      const row = document.createElement("p");
      row.textContent = line.replace(/^> ?/, "");
      quote.append(row);
    } else if (line.trim()) {
      const paragraph = document.createElement("p");
      paragraph.textContent = line;
      parts.push(paragraph);
    }
  }
  return parts;
}
