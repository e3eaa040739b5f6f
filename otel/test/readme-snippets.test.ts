/** otel/README.md's TypeScript blocks type-check against the built package (test-support/readme-snippets.mjs). */
import { expect, it } from 'vitest';
import { compileProblems, REPO_ROOT, readmeSnippets } from '../../test-support/readme-snippets.mjs';

it('otel/README.md: every TypeScript block type-checks against the built package', () => {
  const snippets = readmeSnippets('otel/README.md');
  expect(snippets.length).toBeGreaterThan(2);
  const { errors } = compileProblems(snippets, {
    workDir: `${REPO_ROOT}otel/test-artifacts/readme-snippets`,
    modules: ['@authlens/otel', '@authlens/otel/register', '@authlens/otel/register/edge'],
  });
  expect(errors).toEqual([]);
}, 120_000);
