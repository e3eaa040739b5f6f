/**
 * The reference's usage examples compile as written, only the import path changed (reference-examples.md): the
 * reference's types are the floor of the package's (`publicMetadata` is `Record<string, any>`, `level` a string,
 * `auth.protect({ token: 'm2m_token' })` accepted…). The example app runs adapted versions of them end to end.
 */
import { describe, expect, it } from 'vitest';
import { compileProblems, REPO_ROOT, readmeSnippets } from '../../test-support/readme-snippets.mjs';

const examples = readmeSnippets('sdk/test/reference-examples.md');

describe("the reference's usage examples", () => {
  it('are all there: 19 usage examples and the middleware, besides the declared app helpers', () => {
    expect(examples.filter((e) => e.code.includes("from '@authlens/nextjs/server'")).length).toBe(20);
    expect(examples.some((e) => e.code.includes('@clerk/'))).toBe(false);
  });

  it('type-check, strict, against the built package', () => {
    const { errors } = compileProblems(examples, {
      workDir: `${REPO_ROOT}sdk/test-artifacts/reference-examples`,
      modules: ['@authlens/nextjs/server'],
    });
    expect(errors).toEqual([]);
  }, 120_000);
});
