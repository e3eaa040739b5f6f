// Whether a module is the one `node <file>` started, as opposed to imported by another script.
// Compared as paths, not as URL strings: a file URL percent-encodes spaces and other characters (a checkout in
// "My Projects" is file:///…/My%20Projects/…), and node's argv[1] may be a symlink or relative.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function isRunAsScript(moduleUrl) {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(resolve(started));
  } catch {
    return false;
  }
}
