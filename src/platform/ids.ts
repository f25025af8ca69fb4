// One parser for ids that arrive from outside (path parameters, form fields), so a value that
// only looks like an id never reaches the database.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id, lower-cased, if the value is a UUID; undefined otherwise. */
export function parseId(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Tokens Tsuen mails out are base64url (src/platform/tokens.ts); anything else is not one. */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/**
 * Path parameters are checked by their name before any handler runs: `id` and `…Id` must be UUIDs,
 * `token` must look like a token. False means the path names nothing (answered 404).
 */
export function pathParamsAreWellFormed(params: unknown): boolean {
  if (!params || typeof params !== 'object') return true;
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    if ((name === 'id' || name.endsWith('Id')) && parseId(value) === undefined) return false;
    if (name === 'token' && !isTokenShaped(value)) return false;
  }
  return true;
}
