/**
 * sdk/README.md and the root README's usage blocks stay in step with the code (test-support/readme-snippets.mjs):
 * quotes of the example app appear in the quoted file, every other block type-checks against the built package, and a
 * type the README restates under an exported name (`interface HasParams { … }`) equals the exported one.
 */
import { describe, expect, it } from 'vitest';
import { compileProblems, quoteProblems, REPO_ROOT, readmeSnippets } from '../../test-support/readme-snippets.mjs';

const sdkReadme = readmeSnippets('sdk/README.md');
const rootReadme = readmeSnippets('README.md');

describe('sdk/README.md and README.md', () => {
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
