/**
 * sdk/README.md, its docs pages (sdk/docs/*.md), the repository's docs/*.md and the root README's usage blocks stay
 * in step with the code (test-support/readme-snippets.mjs):
 * quotes of the example app appear in the quoted file, every other block type-checks against the built package, and a
 * type the README restates under an exported name (`interface HasParams { … }`) equals the exported one.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProblems, quoteProblems, REPO_ROOT, readmeSnippets } from '../../test-support/readme-snippets.mjs';

const markdownIn = (dir: string) =>
  readdirSync(`${REPO_ROOT}${dir}`)
    .filter((name) => name.endsWith('.md'))
    .map((name) => `${dir}/${name}`);
// The SDK's documentation: its README and every page it was split into.
const sdkPages = ['sdk/README.md', ...markdownIn('sdk/docs'), ...markdownIn('docs')];
const sdkReadme = sdkPages.flatMap((page) => readmeSnippets(page));
const rootReadme = readmeSnippets('README.md');

describe('sdk/README.md, sdk/docs/*.md, docs/*.md and README.md', () => {
  it('cover the split pages', () => {
    expect(sdkPages).toEqual(
      expect.arrayContaining(['sdk/docs/api.md', 'sdk/docs/telemetry.md', 'docs/architecture.md']),
    );
  });

  it('quote the example app as it is', () => {
    expect(sdkReadme.filter((s) => s.quotes !== null).length).toBeGreaterThan(3);
    expect(quoteProblems([...sdkReadme, ...rootReadme])).toEqual([]);
  });

  it('type-check against the built package; restated types equal the exported ones', () => {
    expect(sdkReadme.length).toBeGreaterThan(10);
    expect(rootReadme.length).toBeGreaterThan(1);
    const { errors, restated } = compileProblems([...sdkReadme, ...rootReadme], {
      workDir: `${REPO_ROOT}sdk/test-artifacts/readme-snippets`,
      modules: ['@authlens/nextjs/server', '@authlens/nextjs/backend', '@authlens/nextjs/client'],
    });
    expect(errors).toEqual([]);
    expect(restated).toBeGreaterThan(2);
  }, 120_000);
});
