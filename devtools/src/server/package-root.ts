/**
 * The devtools package's root folder (the one holding `package.json`, `proto/` and `ui/`). This file sits at
 * `src/server/` in the sources and at `dist/server/` once built, so the root is two folders up in both.
 */
export const packageRoot: URL = new URL('../../', import.meta.url);
