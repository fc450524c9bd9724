// @ts-check
/**
 * Passphrase protection for private notes: AES-GCM with a key derived by
 * PBKDF2 (SHA-256) from the reader's passphrase and a random salt. All in
 * this browser with Web Crypto; the passphrase itself is never stored.
 */

const ITERATIONS = 250_000;

/**
 * @typedef {{encrypted: true, kdf: "PBKDF2-SHA-256", iterations: number, salt: string,
 *   iv: string, ciphertext: string}} SealedRecord
 * @typedef {{key: CryptoKey, salt: Uint8Array, iterations: number}} NotesKey
 */

export class WrongPassphrase extends Error {}

/** @param {Uint8Array} bytes */
function toBase64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

/** @param {string} text */
function fromBase64(text) {
  return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
}

/**
 * Derive the AES key for a passphrase; a new random salt unless one is given.
 * @param {string} passphrase
 * @param {Uint8Array<ArrayBuffer>} [salt]
 * @param {number} [iterations]
 * @returns {Promise<NotesKey>}
 */
export async function deriveKey(passphrase, salt = crypto.getRandomValues(new Uint8Array(16)),
  iterations = ITERATIONS) {
  const material = await crypto.subtle.importKey(
    "raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"],
  );
  const key = await crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
  return { key, salt, iterations };
}

/**
 * Seal a value with the key (a fresh IV each time).
 * @param {unknown} value
 * @param {NotesKey} notesKey
 * @returns {Promise<SealedRecord>}
 */
export async function seal(value, notesKey) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, notesKey.key, plain));
  return {
    encrypted: true,
    kdf: "PBKDF2-SHA-256",
    iterations: notesKey.iterations,
    salt: toBase64(notesKey.salt),
    iv: toBase64(iv),
    ciphertext: toBase64(ciphertext),
  };
}

/**
 * Open a sealed record with a passphrase; throws WrongPassphrase when it does not fit.
 * @param {SealedRecord} record
 * @param {string} passphrase
 * @returns {Promise<{value: any, notesKey: NotesKey}>}
 */
export async function unseal(record, passphrase) {
  const notesKey = await deriveKey(passphrase, fromBase64(record.salt), record.iterations);
  let plain;
  try {
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(record.iv) }, notesKey.key, fromBase64(record.ciphertext),
    );
  } catch {
    throw new WrongPassphrase("That passphrase does not unlock these notes.");
  }
  return { value: JSON.parse(new TextDecoder().decode(plain)), notesKey };
}

/**
 * Open a sealed record with a key already derived in this visit (no passphrase
 * needed); throws WrongPassphrase when the record was sealed with another one.
 * @param {SealedRecord} record
 * @param {NotesKey} notesKey
 * @returns {Promise<any>}
 */
export async function openWithKey(record, notesKey) {
  if (record.salt !== toBase64(notesKey.salt) || record.iterations !== notesKey.iterations) {
    throw new WrongPassphrase("These notes were protected again with another passphrase.");
  }
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(record.iv) }, notesKey.key, fromBase64(record.ciphertext),
    );
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    throw new WrongPassphrase("That key does not open these notes.");
  }
}
