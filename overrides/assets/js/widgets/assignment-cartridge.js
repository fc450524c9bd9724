// @ts-check
/**
 * The assignment builder's "Download for Moodle or Canvas" button: the chosen prompts as a
 * small Common Cartridge (.imscc) of discussion topics, made by Python in this browser
 * (exercises.cartridge, through the bridge); nothing is sent anywhere.
 */
import { call } from "../python/client.js";
import { describeError, setBusy } from "./python-status.js";

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
  let making = false;

  button.addEventListener("click", async () => {
    const assignment = current();
    if (!assignment.prompts.length) {
      announce("Choose at least one prompt first.");
      return;
    }
    if (making) return;
    making = true;
    setBusy(button, true);
    announce("Making the cartridge (Python starts in your browser the first time: a few seconds)…");
    const reply = await call("assignment_cartridge", {
      title: assignment.title,
      instructions: assignment.instructions,
      due: assignment.due,
      prompts: assignment.prompts.map((id) => byId.get(id)),
      takeaways: content.takeaways,
    });
    making = false;
    setBusy(button, false);
    if (signal.aborted) return;
    if (!reply.ok) {
      announce(`The cartridge could not be made: ${describeError(reply.error)}`);
      return;
    }
    const bytes = Uint8Array.from(atob(reply.value.base64), (character) => character.charCodeAt(0));
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(new Blob([bytes], { type: "application/zip" }));
    anchor.download = reply.value.filename;
    anchor.hidden = true;
    after.parentElement?.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
    announce(`Downloaded ${anchor.download}: ${reply.value.topics} discussion topics. `
      + "Moodle: Restore; Canvas: Import course content → Common Cartridge 1.x Package.");
  }, { signal });
}
