// The SDK's folders form layers: a folder's source imports only from folders below it (and from the shared files at
// sdk/src's root), whether it imports a value or only a type. docs/architecture.md describes the same order. Tests
// and test-support may reach across layers.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Bottom first. */
const LAYERS = ['telemetry', 'authorization', 'backend-api', 'tokens', 'sessions', 'next'] as const;

const src = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Static `import … from`, `export … from` and dynamic `import()` specifiers that leave the file's folder. */
function relativeImports(file: string, text: string): Import[] {
  const found: Import[] = [];
  const pattern =
    /\b(import|export)(\s+type\b)?[^'";]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[3] ?? match[4];
    if (!specifier) continue;
    const target = relative(src, join(file, '..', specifier));
    found.push({ from: relative(src, file), to: target, typeOnly: match[2] !== undefined });
  }
  return found;
}

function layerOf(path: string): number {
  return LAYERS.indexOf(path.split('/')[0] as (typeof LAYERS)[number]);
}

/** Every import, value or type-only, from a layer's source into a layer above it. */
function upwardImports(): string[] {
  const found: string[] = [];
  for (const layer of LAYERS) {
    for (const file of sourceFiles(join(src, layer))) {
      for (const edge of relativeImports(file, readFileSync(file, 'utf8'))) {
        if (layerOf(edge.to) <= layerOf(edge.from)) continue;
        found.push(`${edge.from} -> ${edge.to}${edge.typeOnly ? ' (type only)' : ''}`);
      }
    }
  }
  return found.sort();
}

describe('SDK layers: imports point down only', () => {
  it('no source file imports from a folder above its own, not even a type', () => {
    expect(upwardImports()).toEqual([]);
  });

  it('the layer scan covers every layer folder and finds its source files', () => {
    for (const layer of LAYERS) expect(sourceFiles(join(src, layer)).length, layer).toBeGreaterThan(0);
  });

  it('the import scanner sees value, type-only, re-export and dynamic imports', () => {
    const file = join(src, 'telemetry', 'x.ts');
    const text = [
      "import { a } from '../next/a.js';",
      "import type { B } from '../sessions/b.js';",
      "export { c } from '../tokens/c.js';",
      "const d = await import('../backend-api/d.js');",
      "import { e } from './e.js';",
    ].join('\n');
    expect(relativeImports(file, text)).toEqual([
      { from: 'telemetry/x.ts', to: 'next/a.js', typeOnly: false },
      { from: 'telemetry/x.ts', to: 'sessions/b.js', typeOnly: true },
      { from: 'telemetry/x.ts', to: 'tokens/c.js', typeOnly: false },
      { from: 'telemetry/x.ts', to: 'backend-api/d.js', typeOnly: false },
      { from: 'telemetry/x.ts', to: 'telemetry/e.js', typeOnly: false },
    ]);
  });
});
