// @ts-check
/**
 * Read QR codes from the device camera for the group pulse, only when the
 * facilitator presses Scan. The browser's BarcodeDetector is used where it
 * reads QR codes; elsewhere jsQR (self-hosted, loaded on first use) reads frames.
 */

const JSQR = new URL("../../vendor/jsQR.js", import.meta.url).href;
const FRAME_INTERVAL_MS = 120;

/**
 * @typedef {{ok: true, reader: string, stop: () => void} | {ok: false, message: string, stop?: () => void}} Scanner
 */

/**
 * Start the camera in `video` and call `found` with each new text a QR code holds.
 * @param {HTMLVideoElement} video
 * @param {(text: string) => void} found
 * @returns {Promise<Scanner>}
 */
export async function startScanner(video, found) {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { ok: false, message: "This browser offers no camera to this page. Type the codes instead: they do everything a scan does." };
  }
  /** @type {MediaStream} */
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  } catch (error) {
    return { ok: false, message: cameraRefusal(/** @type {Error} */ (error)) };
  }
  const stopTracks = () => { for (const track of stream.getTracks()) track.stop(); };
  let read;
  try {
    read = await qrReader();
  } catch (error) {
    stopTracks();
    console.error("Could not load a QR reader:", error);
    return { ok: false, message: "The QR reader could not be loaded. Type the codes instead." };
  }
  video.srcObject = stream;
  video.hidden = false;
  try {
    await video.play();
  } catch {
    // Muted inline video plays without a gesture; if it still refuses, frames are read anyway.
  }
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const seen = new Set();
  let running = true;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const tick = async () => {
    if (!running) return;
    if (video.readyState >= 2 && context && video.videoWidth) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      try {
        const text = await read.read(canvas, context);
        // One message per code while it stays in view; Python counts repeats once anyway.
        if (running && text && !seen.has(text)) {
          seen.add(text);
          found(text);
        }
      } catch (error) {
        console.error("Could not read a frame:", error);
      }
    }
    if (running) timer = setTimeout(tick, FRAME_INTERVAL_MS);
  };
  tick();
  return {
    ok: true,
    reader: read.name,
    stop: () => {
      running = false;
      clearTimeout(timer);
      stopTracks();
      video.srcObject = null;
    },
  };
}

/** @param {Error} error */
function cameraRefusal(error) {
  if (error.name === "NotAllowedError" || error.name === "SecurityError") {
    return "The camera was refused. To scan, allow the camera for this site in the browser's "
      + "settings and press Scan again; or type the codes instead.";
  }
  if (error.name === "NotFoundError" || error.name === "OverconstrainedError") {
    return "No camera was found on this device. Type the codes instead.";
  }
  return `The camera could not start (${error.name}). Type the codes instead.`;
}

/**
 * @returns {Promise<{name: string, read: (canvas: HTMLCanvasElement, context: CanvasRenderingContext2D) => Promise<string | null>}>}
 */
async function qrReader() {
  const Detector = /** @type {any} */ (window).BarcodeDetector;
  if (Detector && (await Detector.getSupportedFormats()).includes("qr_code")) {
    const detector = new Detector({ formats: ["qr_code"] });
    return {
      name: "the browser's barcode detector",
      read: async (canvas) => (await detector.detect(canvas))[0]?.rawValue ?? null,
    };
  }
  await import(JSQR);
  const jsQR = /** @type {any} */ (self).jsQR;
  if (typeof jsQR !== "function") throw new Error("jsQR did not load");
  return {
    name: "jsQR",
    read: async (canvas, context) => {
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" })?.data ?? null;
    },
  };
}
