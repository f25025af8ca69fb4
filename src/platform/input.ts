// Everything a request carries in its body and query string is cleaned here, once, before any
// handler sees it. What is removed can never be meant: NUL (PostgreSQL refuses it in text), the
// other control characters but tab and line breaks, and lone surrogates (not text at all; they
// become U+FFFD). Nothing else changes: names keep their exact characters, variation selectors
// included, and are never NFC/NFKC-normalised.

// C0 controls but \t \n \r, DEL and C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(value: string): string {
  return value.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * Strings are cleaned; arrays keep their cleaned strings. Anything else (nested objects that a
 * query parser may build) is dropped, since no form here sends one.
 */
/** A body or query string once cleaned: strings, or lists of strings for repeated names. */
export type CleanFields = Record<string, string | string[]>;

export function cleanFields(input: unknown): CleanFields {
  const out: CleanFields = {};
  if (!input || typeof input !== 'object') return out;
  for (const [rawKey, value] of Object.entries(input as Record<string, unknown>)) {
    const key = cleanText(rawKey);
    if (typeof value === 'string') out[key] = cleanText(value);
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string').map(cleanText);
  }
  return out;
}

/** A form or query as one string per name: a repeated name counts by its last value. */
export function lastValues(fields: CleanFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') out[key] = value;
    else if (value.length > 0) out[key] = value[value.length - 1]!;
  }
  return out;
}

/** Every value of a repeated name (checkbox groups), whether it came once or many times. */
export function allValues(fields: CleanFields, name: string): string[] {
  const value = fields[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const BASE = 'http://tsuen.invalid';

/**
 * A same-site path to send someone to, from a value that arrived in a request (`next`, `back`).
 * Refused (fallback): anything not starting with a single '/', backslashes, whitespace and control
 * characters (browsers drop tabs and line breaks, turning '/\t/evil' into '//evil'), and anything
 * a URL parser would resolve off the site. The result is percent-encoded, so it is always a valid
 * header value.
 */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || /[\\\s\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(path) ? path : fallback;
}
