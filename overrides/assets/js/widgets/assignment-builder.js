// @ts-check
/**
 * The assignment builder: filter prompts by takeaway and use, pick and order
 * them, add a title, instructions and a due date. The whole selection lives in
 * the page's URL (?prompts=5.03,5.07&title=…), so the link in the address bar
 * or the "Link to this assignment" box reopens exactly it; no server is told.
 * Text the instructor typed is only ever set as text, never as HTML.
 */
import { readIsland } from "../lib/islands.js";
import { mountCartridgeButton } from "./assignment-cartridge.js";

const PARAMETERS = { prompts: "prompts", title: "title", instructions: "instructions", due: "due" };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** @typedef {{id: string, text: string, takeaway: number, uses: string[], personal: boolean, alternative: string | null}} PromptData */
/** @typedef {{prompts: string[], title: string, instructions: string, due: string}} Assignment */

/**
 * Read an assignment from a URL's query; ids this site does not have are returned apart.
 * @param {URLSearchParams} query
 * @param {Set<string>} known
 * @returns {{assignment: Assignment, unknown: string[], badDate: string}}
 */
export function readAssignment(query, known) {
  const requested = (query.get(PARAMETERS.prompts) ?? "").split(",").map((id) => id.trim()).filter(Boolean);
  const unique = [...new Set(requested)];
  const due = query.get(PARAMETERS.due) ?? "";
  return {
    assignment: {
      prompts: unique.filter((id) => known.has(id)),
      title: query.get(PARAMETERS.title) ?? "",
      instructions: query.get(PARAMETERS.instructions) ?? "",
      due: DATE.test(due) ? due : "",
    },
    unknown: unique.filter((id) => !known.has(id)),
    badDate: due && !DATE.test(due) ? due : "",
  };
}

/**
 * @param {Assignment} assignment
 * @returns {URLSearchParams}
 */
export function writeAssignment(assignment) {
  const query = new URLSearchParams();
  if (assignment.prompts.length) query.set(PARAMETERS.prompts, assignment.prompts.join(","));
  if (assignment.title) query.set(PARAMETERS.title, assignment.title);
  if (assignment.instructions) query.set(PARAMETERS.instructions, assignment.instructions);
  if (assignment.due) query.set(PARAMETERS.due, assignment.due);
  return query;
}

/** @param {string} due */
function describeDate(due) {
  const [year, month, day] = due.split("-").map(Number);
  return new Intl.DateTimeFormat(undefined, { dateStyle: "long" }).format(new Date(year, month - 1, day));
}

/**
 * The handout as Markdown, with each personal prompt's alternative and the note on choosing.
 * @param {Assignment} assignment
 * @param {Map<string, PromptData>} prompts
 * @param {{choiceNote: string, credit: string}} text
 */
export function assignmentMarkdown(assignment, prompts, text) {
  const escape = (/** @type {string} */ value) => value.replace(/([\\`*_{}[\]<>#|])/g, "\\$1");
  const lines = [`# ${escape(assignment.title || "Discussion prompts")}`, ""];
  if (assignment.due) lines.push(`**Due:** ${describeDate(assignment.due)}`, "");
  if (assignment.instructions) lines.push(escape(assignment.instructions), "");
  assignment.prompts.forEach((id, index) => {
    const prompt = /** @type {PromptData} */ (prompts.get(id));
    lines.push(`${index + 1}. ${escape(prompt.text)} (prompt ${id})`, "");
    if (prompt.personal && prompt.alternative) {
      lines.push(`   *Or, without personal disclosure:* ${escape(prompt.alternative)}`, "");
      lines.push(`   *${escape(text.choiceNote)}*`, "");
    }
  });
  lines.push(`---`, "", escape(text.credit), "");
  return lines.join("\n");
}

/**
 * @param {Document} root
 * @param {AbortSignal} signal
 */
export function mountAssignmentBuilder(root, signal) {
  const builder = /** @type {HTMLElement | null} */ (root.querySelector("[data-nr-assignment-builder]"));
  const data = readIsland(builder, "data-nr-builder-data");
  if (!builder || !data) return;
  const element = (/** @type {string} */ name) => /** @type {HTMLElement} */ (
    builder.querySelector(`[data-nr-${name}]`)
  );
  /** @type {Map<string, PromptData>} */
  const prompts = new Map(data.prompts.map((/** @type {PromptData} */ prompt) => [prompt.id, prompt]));
  const takeawayFilter = /** @type {HTMLSelectElement} */ (builder.querySelector("#builder-takeaway"));
  const useFilter = /** @type {HTMLSelectElement} */ (builder.querySelector("#builder-use"));
  const title = /** @type {HTMLInputElement} */ (builder.querySelector("#builder-title"));
  const instructions = /** @type {HTMLTextAreaElement} */ (builder.querySelector("#builder-instructions"));
  const due = /** @type {HTMLInputElement} */ (builder.querySelector("#builder-due"));
  const link = /** @type {HTMLInputElement} */ (element("link"));
  const selected = element("selected");
  const status = element("builder-status");
  const choices = /** @type {HTMLElement[]} */ ([...builder.querySelectorAll("[data-nr-choice]")]);
  const checkbox = (/** @type {string} */ id) => /** @type {HTMLInputElement | undefined} */ (
    choices.find((choice) => choice.dataset.nrChoice === id)?.querySelector("input")
  );

  const { assignment: initial, unknown, badDate } = readAssignment(new URL(location.href).searchParams, new Set(prompts.keys()));
  /** @type {string[]} */
  let order = initial.prompts;
  title.value = initial.title;
  instructions.value = initial.instructions;
  due.value = initial.due;
  for (const id of order) {
    const box = checkbox(id);
    if (box) box.checked = true;
  }
  const notes = [];
  if (unknown.length) {
    const kept = order.length;
    notes.push(
      `This link names ${unknown.length === 1 ? "a prompt" : "prompts"} this site does not have: `
      + `${unknown.join(", ")}. ${unknown.length === 1 ? "It was" : "They were"} left out; `
      + `the other ${kept} ${kept === 1 ? "prompt is" : "prompts are"} kept.`,
    );
  }
  if (badDate) notes.push(`The link's due date "${badDate}" is not a date (YYYY-MM-DD), so it was left out.`);
  element("link-status").textContent = notes.join(" ");

  element("no-script").hidden = true;
  element("builder-controls").hidden = false;

  const current = () => ({ prompts: order, title: title.value.trim(), instructions: instructions.value.trim(), due: DATE.test(due.value) ? due.value : "" });

  const announce = (/** @type {string} */ message) => { status.textContent = message; };

  const filter = () => {
    const takeaway = takeawayFilter.value;
    const use = useFilter.value;
    let shown = 0;
    for (const choice of choices) {
      const prompt = /** @type {PromptData} */ (prompts.get(choice.dataset.nrChoice ?? ""));
      const visible = (!takeaway || String(prompt.takeaway) === takeaway) && (!use || prompt.uses.includes(use));
      choice.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    element("find-status").textContent = `Showing ${shown} of ${choices.length} prompts.`;
  };

  const renderSelected = () => {
    element("empty").hidden = order.length > 0;
    const items = order.map((id, index) => {
      const prompt = /** @type {PromptData} */ (prompts.get(id));
      const item = document.createElement("li");
      item.dataset.nrSelected = id;
      const text = document.createElement("span");
      text.textContent = `${id} ${prompt.text}`;
      const buttons = document.createElement("span");
      buttons.className = "nr-builder__move";
      const button = (/** @type {string} */ label, /** @type {string} */ action, /** @type {boolean} */ disabled) => {
        const control = document.createElement("button");
        control.type = "button";
        control.className = "md-button";
        control.textContent = label;
        control.dataset.action = action;
        control.dataset.prompt = id;
        control.disabled = disabled;
        const hidden = document.createElement("span");
        hidden.className = "nr-visually-hidden";
        hidden.textContent = ` prompt ${id}`;
        control.append(hidden);
        return control;
      };
      buttons.append(
        button("Move up", "up", index === 0),
        button("Move down", "down", index === order.length - 1),
        button("Remove", "remove", false),
      );
      item.append(text, buttons);
      return item;
    });
    selected.replaceChildren(...items);
  };

  const renderHandout = () => {
    const assignment = current();
    const handout = element("handout");
    handout.hidden = assignment.prompts.length === 0;
    element("handout-title").textContent = assignment.title || "Discussion prompts";
    element("handout-due").textContent = assignment.due ? `Due ${describeDate(assignment.due)}` : "";
    element("handout-instructions").textContent = assignment.instructions;
    const items = assignment.prompts.map((id) => {
      const prompt = /** @type {PromptData} */ (prompts.get(id));
      const item = document.createElement("li");
      const text = document.createElement("p");
      text.className = "nr-handout__prompt";
      text.textContent = `${prompt.text} `;
      const number = document.createElement("span");
      number.className = "nr-muted";
      number.textContent = `(prompt ${id})`;
      text.append(number);
      item.append(text);
      if (prompt.personal && prompt.alternative) {
        const box = document.createElement("div");
        box.className = "nr-handout__alternative";
        const alternative = document.createElement("p");
        const label = document.createElement("strong");
        label.textContent = "Or, without personal disclosure: ";
        alternative.append(label, prompt.alternative);
        const note = document.createElement("p");
        note.className = "nr-handout__note";
        note.textContent = data.choiceNote;
        box.append(alternative, note);
        item.append(box);
      }
      const space = document.createElement("div");
      space.className = "nr-handout__space";
      space.setAttribute("aria-hidden", "true");
      item.append(space);
      return item;
    });
    element("handout-prompts").replaceChildren(...items);
  };

  const update = () => {
    const query = writeAssignment(current());
    const next = new URL(location.href);
    next.search = query.toString();
    next.hash = "";
    history.replaceState(history.state, "", next);
    link.value = next.href;
    renderSelected();
    renderHandout();
  };

  builder.querySelector("[data-nr-find]")?.addEventListener("change", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    if (target === /** @type {unknown} */ (takeawayFilter) || target === /** @type {unknown} */ (useFilter)) {
      filter();
      return;
    }
    if (target.type !== "checkbox") return;
    if (target.checked && !order.includes(target.value)) order = [...order, target.value];
    if (!target.checked) order = order.filter((id) => id !== target.value);
    announce(`${target.checked ? "Added" : "Removed"} prompt ${target.value}. ${order.length} chosen.`);
    update();
  }, { signal });
  builder.querySelector("[data-nr-find]")?.addEventListener("submit", (event) => event.preventDefault(), { signal });
  builder.querySelector("[data-nr-details]")?.addEventListener("input", update, { signal });
  builder.querySelector("[data-nr-details]")?.addEventListener("submit", (event) => event.preventDefault(), { signal });

  selected.addEventListener("click", (event) => {
    const control = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!control) return;
    const id = control.dataset.prompt ?? "";
    const from = order.indexOf(id);
    const action = control.dataset.action;
    if (action === "remove") {
      order = order.filter((other) => other !== id);
      const box = checkbox(id);
      if (box) box.checked = false;
      announce(`Removed prompt ${id}. ${order.length} chosen.`);
      update();
      /** @type {HTMLElement | null} */ (selected.querySelector("button:not([disabled])") ?? link)?.focus();
      return;
    }
    const to = action === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return;
    order = [...order];
    [order[from], order[to]] = [order[to], order[from]];
    announce(`Moved prompt ${id} to position ${to + 1} of ${order.length}.`);
    update();
    // Keep the reader's place: focus the same button on the moved prompt, or its neighbour.
    const moved = selected.querySelector(`button[data-prompt="${CSS.escape(id)}"][data-action="${action}"]:not([disabled])`)
      ?? selected.querySelector(`button[data-prompt="${CSS.escape(id)}"]:not([disabled])`);
    /** @type {HTMLElement | null} */ (moved)?.focus();
  }, { signal });

  element("copy-assignment").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(link.value);
      announce("Link copied.");
    } catch {
      link.select();
      announce("Could not copy. The link is selected in its box: copy it from there.");
    }
  }, { signal });

  element("print").addEventListener("click", () => {
    if (!order.length) {
      announce("Choose at least one prompt first.");
      return;
    }
    window.print();
  }, { signal });

  element("markdown").addEventListener("click", () => {
    if (!order.length) {
      announce("Choose at least one prompt first.");
      return;
    }
    const assignment = current();
    const text = assignmentMarkdown(assignment, prompts, data);
    const file = new Blob([text], { type: "text/markdown;charset=utf-8" });
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(file);
    const slug = (assignment.title || "discussion-prompts").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    anchor.download = `${slug || "assignment"}.md`;
    anchor.hidden = true;
    builder.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
    announce(`Downloaded ${anchor.download}.`);
  }, { signal });

  mountCartridgeButton(element("markdown"), data.cartridge, current, announce, signal);
  document.documentElement.classList.add("nr-has-handout");
  signal.addEventListener("abort", () => document.documentElement.classList.remove("nr-has-handout"));
  filter();
  update();
}
