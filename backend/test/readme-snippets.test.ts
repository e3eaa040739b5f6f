/** backend/README.md's TypeScript blocks type-check against the built package (test-support/readme-snippets.mjs). */
import { expect, it } from 'vitest';
import { compileProblems, REPO_ROOT, readmeSnippets } from '../../test-support/readme-snippets.mjs';

it('backend/README.md: every TypeScript block type-checks against the built package', () => {
  const snippets = readmeSnippets('backend/README.md');
  expect(snippets.length).toBeGreaterThan(0);
  const { errors } = compileProblems(snippets, {
    workDir: `${REPO_ROOT}backend/test-artifacts/readme-snippets`,
    modules: ['@authlens/backend'],
  });
  expect(errors).toEqual([]);
}, 120_000);
