// @ts-check
/**
 * The assignment builder's "Download for Moodle or Canvas" button: the chosen prompts as a
 * small Common Cartridge (.imscc) of discussion topics, made by Python in this browser
 * (exercises.cartridge, through the bridge); nothing is sent anywhere.
 */
import { askPython } from "../lib/ask-python.js";

/**
 * Add the button after `after` and make the cartridge of `current()` when it is pressed.
 * @param {HTMLElement} after the button it follows
 * @param {{prompts: any[], takeaways: any[]}} content the prompts and takeaways as in the content file
 * @param {() => {prompts: string[], title: string, instructions: string, due: string}} current
 * @param {(message: string) => void} announce
 * @param {AbortSignal} signal
 */
export function mountCartridgeButton(after, content, current, announce, signal) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.dataset.nrCartridge = "";
  button.textContent = "Download for Moodle or Canvas (.imscc)";
  after.after(" ", button);
  signal.addEventListener("abort", () => button.remove());
  const byId = new Map(content.prompts.map((prompt) => [prompt.id, prompt]));

  button.addEventListener("click", async () => {
    const assignment = current();
    if (!assignment.prompts.length) {
      announce("Choose at least one prompt first.");
      return;
    }
    const answer = await askPython("assignment_cartridge", {
      title: assignment.title,
      instructions: assignment.instructions,
      due: assignment.due,
      prompts: assignment.prompts.map((id) => byId.get(id)),
      takeaways: content.takeaways,
    }, {
      controls: button,
      signal,
      say: announce,
      working: "Making the cartridge (Python starts in your browser the first time: a few seconds)…",
      failed: (/** @type {string} */ message) => `The cartridge could not be made: ${message}`,
    });
    if (!answer) return;
    const bytes = Uint8Array.from(atob(answer.value.base64), (character) => character.charCodeAt(0));
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(new Blob([bytes], { type: "application/zip" }));
    anchor.download = answer.value.filename;
    anchor.hidden = true;
    after.parentElement?.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
    announce(`Downloaded ${anchor.download}: ${answer.value.topics} discussion topics. `
      + "Moodle: Restore; Canvas: Import course content → Common Cartridge 1.x Package.");
  }, { signal });
}
