/** devtools/README.md's TypeScript blocks type-check against the built package (test-support/readme-snippets.mjs). */
import { expect, it } from 'vitest';
import { compileProblems, REPO_ROOT, readmeSnippets } from '../../test-support/readme-snippets.mjs';

it('devtools/README.md: every TypeScript block type-checks against the built package', () => {
  const snippets = readmeSnippets('devtools/README.md');
  expect(snippets.length).toBeGreaterThan(0);
  const { errors } = compileProblems(snippets, {
    workDir: `${REPO_ROOT}devtools/test-artifacts/readme-snippets`,
    modules: ['@authlens/devtools', '@authlens/devtools/panel'],
  });
  expect(errors).toEqual([]);
}, 120_000);
