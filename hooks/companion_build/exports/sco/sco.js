// @ts-check
/**
 * The SCORM package's page: the site's three self-checks, reporting to the LMS that launched it.
 *
 * Grading and what to report are Python's (exercises.scorm_report through the bridge); this
 * module finds the LMS's API, restores the attempt from cmi.suspend_data, mounts the site's
 * widgets, and sets the values Python returns after every graded answer. Only the
 * self-checks' answers are sent. In review or browse mode the last answers are shown
 * read-only and nothing is written. Without an LMS the page works as the site does.
 */
import { readIsland } from "./lib/islands.js";
import { call } from "./python/client.js";
import { keepInMemory, loadRecord, onRecordSaved } from "./storage.js";
import { mountChoiceSet } from "./widgets/choice-set.js";
import { mountFlashcards } from "./widgets/flashcards.js";
import { mountMatch } from "./widgets/match.js";
import { mountPythonStatus } from "./widgets/python-status.js";

/**
 * @typedef {{api: string, initialize: string, get: string, set: string, commit: string,
 *   terminate: string, mode: string, passing: string, exit: string, sessionTime: string,
 *   passingScale: number, duration: (ms: number) => string}} Dialect
 */
/** @type {Record<string, Dialect>} the two versions' names for the same things */
const DIALECTS = {
  2004: {
    api: "API_1484_11", initialize: "Initialize", get: "GetValue", set: "SetValue",
    commit: "Commit", terminate: "Terminate", mode: "cmi.mode",
    passing: "cmi.scaled_passing_score", passingScale: 1, exit: "cmi.exit",
    sessionTime: "cmi.session_time",
    duration: (ms) => `PT${Math.round(ms / 10) / 100}S`,
  },
  "1.2": {
    api: "API", initialize: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue",
    commit: "LMSCommit", terminate: "LMSFinish", mode: "cmi.core.lesson_mode",
    passing: "cmi.student_data.mastery_score", passingScale: 100, exit: "cmi.core.exit",
    sessionTime: "cmi.core.session_time",
    duration: (ms) => {
      const seconds = Math.floor(ms / 1000);
      const pad = (/** @type {number} */ n, /** @type {number} */ width) => String(n).padStart(width, "0");
      return `${pad(Math.floor(seconds / 3600), 4)}:${pad(Math.floor(seconds / 60) % 60, 2)}:`
        + `${pad(seconds % 60, 2)}.00`;
    },
  },
};

const CHECK_RECORD = "attempts:takeaway-check";
const MATCH_RECORD = "attempts:glossary-match";
const CARDS_RECORD = "flashcards:glossary-flashcards";

const config = JSON.parse(document.getElementById("nr-sco-config")?.textContent ?? "{}");
const dialect = DIALECTS[config.scorm];
const lmsStatus = /** @type {HTMLElement} */ (document.querySelector("[data-nr-lms-status]"));
const widgets = {
  check: /** @type {HTMLElement} */ (document.getElementById("takeaway-check")),
  match: /** @type {HTMLElement} */ (document.getElementById("glossary-match")),
  cards: /** @type {HTMLElement} */ (document.getElementById("glossary-flashcards")),
};
const content = {
  items: readIsland(widgets.check).items,
  terms: readIsland(widgets.match).terms,
  cards: readIsland(widgets.cards).cards.map((/** @type {{id: string}} */ card) => card.id),
};
const began = Date.now();

if (matchMedia("(prefers-color-scheme: dark)").matches) {
  document.body.dataset.mdColorScheme = "slate";
}
main();

async function main() {
  const api = findApi(dialect.api);
  if (!api || String(api[dialect.initialize]("")) !== "true") {
    say("No learning management system launched this page, so nothing is reported. "
      + "Your answers are kept in this browser, as on the companion site.");
    mountWidgets();
    return;
  }
  const lms = connect(api);
  const mode = lms.get(dialect.mode);
  const review = mode === "review" || mode === "browse";
  const passing = Number.parseFloat(lms.get(dialect.passing));
  const mastery = Number.isFinite(passing) ? passing / dialect.passingScale : config.mastery;
  const saved = lms.get("cmi.suspend_data");

  let restored = { attempts: {}, order: [], match: null, deck: null, problem: null };
  if (saved) {
    say("Restoring your last answers…");
    const reply = await call("scorm_restore", { suspend_data: saved, ...content });
    if (reply.ok) restored = reply.value;
    else restored.problem = reply.error.message;
  }
  keepInMemory({ [CHECK_RECORD]: restored.attempts, [MATCH_RECORD]: restored.match, [CARDS_RECORD]: restored.deck });
  mountWidgets();
  const note = restored.problem ? ` Your earlier answers could not be restored: ${restored.problem}.` : "";
  if (review) {
    lockForReview();
    say(`Review: your last answers, read-only. Nothing is recorded.${note}`);
    addEventListener("pagehide", () => lms.terminate(), { once: true });
    return;
  }
  say("Your course is recording this self-check: your score on the takeaway check goes to "
    + `its gradebook (${Math.round(mastery * 100)} % to pass). Nothing else you do is sent.${note}`);

  let order = restored.order;
  /** @type {Map<string, string>} what the LMS last received for each question */
  const sent = new Map(Object.entries(restored.attempts).map(([id, a]) => [id, a.chosen.join(",")]));
  let reporting = Promise.resolve();
  const report = async () => {
    /** @type {Record<string, {chosen: string[]}>} */
    const attempts = loadRecord(CHECK_RECORD) ?? {};
    const answers = Object.fromEntries(Object.entries(attempts).map(([id, a]) => [id, a.chosen]));
    const changed = Object.keys(answers).filter((id) => sent.get(id) !== answers[id].join(","));
    const match = /** @type {{answers: Record<string, string | null>} | null} */ (loadRecord(MATCH_RECORD));
    const reply = await call("scorm_report", {
      version: config.scorm, items: content.items, cards: content.cards, answers, order, changed,
      mastery, timestamp: new Date().toISOString(), match: match?.answers ?? null,
      deck: loadRecord(CARDS_RECORD),
    });
    if (!reply.ok) {
      say(`Your last answer could not be reported: ${reply.error.message}.`);
      return;
    }
    order = reply.value.order;
    for (const id of changed) sent.set(id, answers[id].join(","));
    for (const [element, value] of reply.value.values) lms.set(element, value);
    lms.commit();
  };
  onRecordSaved(() => {
    reporting = reporting.then(report);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") reporting.then(() => lms.commit());
  });
  addEventListener("pagehide", () => {
    lms.set(dialect.exit, "suspend");
    lms.set(dialect.sessionTime, dialect.duration(Date.now() - began));
    lms.commit();
    lms.terminate();
  }, { once: true });
}

function mountWidgets() {
  const signal = new AbortController().signal;
  for (const [widget, mount] of /** @type {const} */ ([
    [widgets.check, mountChoiceSet],
    [widgets.match, mountMatch],
    [widgets.cards, mountFlashcards],
  ])) {
    mountPythonStatus(widget, signal);
    mount(widget, readIsland(widget), signal);
    widget.dataset.nrMounted = "";
  }
}

/** Review mode: everything stays readable; nothing can be answered again. */
function lockForReview() {
  for (const widget of Object.values(widgets)) {
    for (const control of widget.querySelectorAll("input, select, button")) {
      /** @type {HTMLInputElement} */ (control).disabled = true;
    }
  }
  document.body.dataset.nrReview = "";
}

/** @param {string} text */
function say(text) {
  lmsStatus.textContent = text;
}

/**
 * The LMS's API object in this window, a parent or the opener's (SCORM's usual search).
 * @param {string} name
 * @returns {any}
 */
function findApi(name) {
  for (const start of [window, window.opener]) {
    let current = start;
    for (let depth = 0; current && depth < 10; depth += 1) {
      try {
        if (current[name]) return current[name];
      } catch {
        break; // another origin's window: no API can be reached there
      }
      if (current.parent === current) break;
      current = current.parent;
    }
  }
  return null;
}

/**
 * Calls on the LMS's API in this version's names; a call that fails is logged, not thrown.
 * @param {any} api
 */
function connect(api) {
  let open = true;
  return {
    /** @param {string} element */
    get: (element) => String(api[dialect.get](element) ?? ""),
    /** @param {string} element @param {string} value */
    set: (element, value) => {
      if (open && String(api[dialect.set](element, value)) !== "true") {
        console.warn(`The LMS did not accept ${element} = ${value}.`);
      }
    },
    commit: () => {
      if (open) api[dialect.commit]("");
    },
    terminate: () => {
      if (open) api[dialect.terminate]("");
      open = false;
    },
  };
}
