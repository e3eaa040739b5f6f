/**
 * The call to retry once the user is back from the re-verify page: the page is left for a full navigation, so the
 * arguments wait in `sessionStorage` (this tab only), keyed by the action and the page's path.
 */
export type PendingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'authlens:reverification:';

/** Plain JSON data only: a Date, a FormData or a class instance would come back as something else. */
function isJsonData(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonData(item, depth + 1));
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((item) => isJsonData(item, depth + 1));
}

/**
 * Remembers `args` for `key` on `path`. False when they cannot be kept (not JSON, or no storage): the user then
 * repeats the action by hand after re-verifying.
 */
export function savePendingReverification(
  storage: PendingStorage | null,
  key: string,
  path: string,
  args: readonly unknown[],
): boolean {
  if (!storage) return false;
  if (!isJsonData(args)) return false;
  try {
    storage.setItem(PREFIX + key, JSON.stringify({ path, args }));
    return true;
  } catch {
    return false;
  }
}

/** The arguments saved for `key` on `path`, removed as they are read (a retry happens once); null when none. */
export function takePendingReverification(storage: PendingStorage | null, key: string, path: string): unknown[] | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(PREFIX + key);
    if (raw === null) return null;
    storage.removeItem(PREFIX + key);
    const saved = JSON.parse(raw) as { path?: unknown; args?: unknown };
    return saved.path === path && Array.isArray(saved.args) ? saved.args : null;
  } catch {
    return null;
  }
}
