/**
 * `@authlens/nextjs/client` is safe in Client Components: the built entry starts with 'use client' and, through all
 * its imports, reaches no package but React (no `next/headers`, no server entry, no telemetry SDK).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)) {
      if (specifier!.startsWith('.')) visit(join(dirname(file), specifier!));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('@authlens/nextjs/client', () => {
  it("is a 'use client' module that imports only React", () => {
    const entry = join(dist, 'client.js');
    expect(readFileSync(entry, 'utf8').startsWith("'use client';")).toBe(true);
    const { files, packages } = importGraph(entry);
    expect([...packages]).toEqual(['react']);
    expect([...files].some((f) => f.endsWith('server.js') || f.includes('/next/'))).toBe(false);
  });

  it('loads in plain Node and exports the helpers', async () => {
    const client = await import('@authlens/nextjs/client');
    expect(typeof client.useReverification).toBe('function');
    expect(typeof client.readReverificationHint).toBe('function');
    expect(new client.ReverificationCancelledError().code).toBe('ERR_REVERIFICATION_CANCELLED');
  });
});
