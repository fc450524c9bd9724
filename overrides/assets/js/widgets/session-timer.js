// @ts-check
/**
 * Balint session timer: choose a format (or custom phases and minutes, which
 * Python checks through exercises.sessions), then run a large timer through the
 * phases. Each phase change is announced to screen readers; P pauses and
 * resumes, N moves on, Esc leaves projector view.
 */
import { announcer } from "../lib/announce.js";
import { describeError } from "../lib/ask-python.js";
import { call } from "../python/client.js";

const TICK_MS = 200;
const CUSTOM = "custom";
const WARN_BEFORE_MS = 60_000;

/** @typedef {{phase: string, name: string, seconds: number, starts_at: number}} PlannedPhase */
/** @typedef {{meeting_seconds: number, planned_seconds: number, spare_seconds: number, phases: PlannedPhase[]}} Plan */

/** @param {number} seconds */
export function describeDuration(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (rest || !minutes) parts.push(`${rest} second${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}

/** @param {number} seconds */
function clockText(seconds) {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * @param {HTMLElement} widget
 * @param {any} data the JSON island: {formats: {id, name, minutes, plan}[], phases: {id, name, description}[]}
 * @param {AbortSignal} signal
 */
export function mountSessionTimer(widget, data, signal) {
  const element = (/** @type {string} */ name) => /** @type {HTMLElement} */ (
    widget.querySelector(`[data-nr-${name}]`)
  );
  const setup = /** @type {HTMLFormElement} */ (element("setup"));
  const custom = element("custom");
  const problems = element("problems");
  const summary = element("summary");
  const timer = element("timer");
  const position = element("position");
  const phaseName = element("phase-name");
  const clock = element("clock");
  const description = element("phase-description");
  const next = element("next");
  const announce = announcer(element("announcer"));
  const toggle = /** @type {HTMLButtonElement} */ (element("toggle"));
  const skip = /** @type {HTMLButtonElement} */ (element("skip"));
  const restart = /** @type {HTMLButtonElement} */ (element("restart"));
  const projector = /** @type {HTMLButtonElement} */ (element("projector"));
  const phaseInfo = new Map(data.phases.map((/** @type {any} */ phase) => [phase.id, phase]));
  const formats = new Map(data.formats.map((/** @type {any} */ format) => [format.id, format]));

  /** @type {Plan | null} */
  let plan = null;
  let index = 0;
  let remainingMs = 0;
  let endsAt = 0;
  let running = false;
  let started = false;
  let finished = false;
  let warned = false;
  let interval = 0;

  element("no-script").hidden = true;
  setup.hidden = false;
  signal.addEventListener("abort", () => clearInterval(interval));

  const current = () => /** @type {Plan} */ (plan).phases[index];
  const secondsLeft = () => Math.ceil(remainingMs / 1000);
  const describePhase = () => {
    const total = /** @type {Plan} */ (plan).phases.length;
    return `Phase ${index + 1} of ${total}: ${current().name}, ${describeDuration(current().seconds)}.`;
  };

  const showClock = () => {
    const text = clockText(secondsLeft());
    if (clock.textContent !== text) clock.textContent = text;
  };

  const render = () => {
    if (!plan) return;
    const phases = plan.phases;
    if (finished) {
      position.textContent = `All ${phases.length} phases done`;
      phaseName.textContent = "The session is over";
      description.textContent = "Thank the presenter and close on time.";
      next.textContent = "";
      clock.textContent = "0:00";
      toggle.hidden = true;
      skip.disabled = true;
      return;
    }
    const phase = current();
    position.textContent = `Phase ${index + 1} of ${phases.length}`;
    phaseName.textContent = phase.name;
    description.textContent = phaseInfo.get(phase.phase)?.description ?? "";
    const following = phases[index + 1];
    next.textContent = following
      ? `Next: ${following.name} (${describeDuration(following.seconds)}).`
      : "This is the last phase.";
    toggle.hidden = false;
    skip.disabled = false;
    toggle.textContent = running ? "Pause" : started ? "Resume" : "Start";
    showClock();
  };

  const stopTicking = () => {
    clearInterval(interval);
    interval = 0;
  };

  const finish = () => {
    running = false;
    stopTicking();
    finished = true;
    remainingMs = 0;
    render();
    announce("The session is over. Time to close.");
  };

  const advance = () => {
    if (!plan || finished) return;
    if (index + 1 >= plan.phases.length) {
      finish();
      return;
    }
    index += 1;
    remainingMs = current().seconds * 1000;
    endsAt = performance.now() + remainingMs;
    warned = false;
    render();
    announce(describePhase());
  };

  const tick = () => {
    if (!running) return;
    remainingMs = Math.max(0, endsAt - performance.now());
    if (remainingMs === 0) {
      advance();
      return;
    }
    if (!warned && current().seconds * 1000 > 3 * WARN_BEFORE_MS && remainingMs <= WARN_BEFORE_MS) {
      warned = true;
      announce(`One minute left: ${current().name}.`);
    }
    showClock();
  };

  const run = () => {
    if (!plan || finished || running) return;
    running = true;
    endsAt = performance.now() + remainingMs;
    interval = window.setInterval(tick, TICK_MS);
    announce(started ? `Resumed: ${current().name}, ${clockText(secondsLeft())} left.` : `Started. ${describePhase()}`);
    started = true;
    render();
  };

  const pause = () => {
    if (!running) return;
    remainingMs = Math.max(0, endsAt - performance.now());
    running = false;
    stopTicking();
    render();
    announce(`Paused with ${clockText(secondsLeft())} left in ${current().name}.`);
  };

  const toggleRunning = () => (running ? pause() : run());

  const reset = () => {
    running = false;
    stopTicking();
    started = false;
    finished = false;
    warned = false;
    index = 0;
    remainingMs = plan ? plan.phases[0].seconds * 1000 : 0;
    render();
  };

  /**
   * @param {Plan} chosen
   * @param {string} label
   */
  const usePlan = (chosen, label) => {
    plan = chosen;
    reset();
    problems.replaceChildren();
    const spare = chosen.spare_seconds
      ? `, with ${describeDuration(chosen.spare_seconds)} to spare`
      : "";
    summary.textContent = `Plan ready: ${label}, ${chosen.phases.length} phases in `
      + `${describeDuration(chosen.planned_seconds)}${spare}. Press Start when the group is ready.`;
    timer.hidden = false;
  };

  const showProblems = (/** @type {string[]} */ messages) => {
    const heading = document.createElement("p");
    heading.textContent = "This plan cannot run yet:";
    const list = document.createElement("ul");
    for (const message of messages) {
      const item = document.createElement("li");
      item.textContent = message;
      list.append(item);
    }
    problems.replaceChildren(heading, list);
    summary.textContent = "";
  };

  const chosenFormat = () => {
    const checked = /** @type {HTMLInputElement | null} */ (
      setup.querySelector('input[name="nr-session-format"]:checked')
    );
    return checked?.value ?? "";
  };

  const customPayload = () => {
    const numberIn = (/** @type {HTMLInputElement | null} */ input) =>
      input && input.value.trim() !== "" && Number.isFinite(input.valueAsNumber) ? input.valueAsNumber : null;
    const rows = /** @type {HTMLElement[]} */ ([...custom.querySelectorAll("[data-nr-custom-phase]")]);
    const phases = rows
      .filter((row) => /** @type {HTMLInputElement} */ (row.querySelector('input[type="checkbox"]')).checked)
      .map((row) => {
        const id = row.dataset.nrCustomPhase ?? "";
        return {
          phase: id,
          name: phaseInfo.get(id)?.name ?? id,
          minutes: numberIn(row.querySelector('input[type="number"]')),
        };
      });
    return { meeting_minutes: numberIn(custom.querySelector("#custom-meeting")), phases };
  };

  setup.addEventListener("change", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    if (target.name === "nr-session-format") custom.hidden = target.value !== CUSTOM;
  }, { signal });

  setup.addEventListener("submit", async (event) => {
    event.preventDefault();
    pause();
    const choice = chosenFormat();
    const format = formats.get(choice);
    if (format) {
      usePlan(format.plan, format.name);
      return;
    }
    summary.textContent = "Checking the plan…";
    const reply = await call("plan_session", customPayload());
    if (signal.aborted) return;
    if (!reply.ok) {
      summary.textContent = describeError(reply.error);
      return;
    }
    if (reply.value.problems) showProblems(reply.value.problems);
    else usePlan(reply.value.plan, "custom plan");
  }, { signal });

  toggle.addEventListener("click", toggleRunning, { signal });
  skip.addEventListener("click", advance, { signal });
  restart.addEventListener("click", () => {
    reset();
    announce(`Back to the start. ${describePhase()}`);
  }, { signal });

  const setProjector = (/** @type {boolean} */ on) => {
    timer.classList.toggle("nr-timer--projector", on);
    projector.setAttribute("aria-pressed", String(on));
    document.documentElement.classList.toggle("nr-projecting", on);
  };
  projector.addEventListener("click", () => {
    setProjector(projector.getAttribute("aria-pressed") !== "true");
    projector.focus();
  }, { signal });
  signal.addEventListener("abort", () => setProjector(false));

  timer.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key === "p") toggleRunning();
    else if (key === "n") advance();
    else if (key === "escape") setProjector(false);
    else return;
    // Material's own P and N go to the previous and next page: inside the timer, ours win.
    event.preventDefault();
    event.stopPropagation();
  }, { signal });
}
