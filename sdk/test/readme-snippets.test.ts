/**
 * sdk/README.md (and the root README's usage blocks) stay in step with the code: every TypeScript block either quotes a file of the example app (a first
 * line `// examples/nextjs-app/<file>`; its code must appear in that file, in order, which `next build` compiles) or
 * type-checks against the built package, and every type the README restates under an exported name (`interface
 * HasParams { … }`) is mutually assignable with the real one.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Snippet {
  /** The README and the line its fence opens on, e.g. `sdk/README.md:212`. */
  readonly where: string;
  readonly lang: 'ts' | 'tsx';
  readonly code: string;
  /** The example file it quotes, when its first line names one. */
  readonly quotes: string | null;
}

function snippetsOf(readmePath: string): Snippet[] {
  const readme = readFileSync(`${root}${readmePath}`, 'utf8');
  return [...readme.matchAll(/^```(tsx?)\n([\s\S]*?)^```$/gm)].map((match) => {
    const code = match[2]!;
    return {
      where: `${readmePath}:${readme.slice(0, match.index).split('\n').length}`,
      lang: match[1] as 'ts' | 'tsx',
      code,
      quotes: /^\/\/ (examples\/nextjs-app\/\S+)/.exec(code)?.[1] ?? null,
    };
  });
}

const snippets = snippetsOf('sdk/README.md');
const rootSnippets = snippetsOf('README.md');

/** Identifiers, numbers, string literals and punctuation, comments left out: what a quote must keep. */
function tokens(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[\s;,{}()])\/\/.*$/gm, '$1');
  return withoutComments.match(/[A-Za-z_$][\w$]*|\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s\w]/g) ?? [];
}

/** Whether `quote`'s tokens appear in `source` in order (a shortened quote may leave tokens out, never add them). */
function quotedInOrder(quote: string, source: string): { ok: true } | { ok: false; missing: string; after: string } {
  const wanted = tokens(quote);
  const have = tokens(source);
  let at = 0;
  for (let i = 0; i < wanted.length; i++) {
    const next = have.indexOf(wanted[i]!, at);
    if (next < 0) return { ok: false, missing: wanted[i]!, after: wanted.slice(Math.max(0, i - 8), i).join(' ') };
    at = next + 1;
  }
  return { ok: true };
}

const compilerOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  types: ['node'],
};

// Inside the repository, so `@authlens/nextjs` and `next` resolve from its node_modules as in an app.
const workDir = `${root}sdk/test-artifacts/readme-snippets`;

function compile(files: Record<string, string>): { program: ts.Program; errors: string[] } {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const paths = Object.entries(files).map(([name, text]) => {
    writeFileSync(`${workDir}/${name}`, text);
    return `${workDir}/${name}`;
  });
  const program = ts.createProgram(paths, compilerOptions);
  // Each error names the file, the line and its text (for a restated type: `check_<Name>`).
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    if (!d.file) return ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line;
    const text = d.file.text.split('\n')[line]?.trim();
    const name = d.file.fileName.slice(workDir.length + 1);
    return `${name}:${line + 1} \`${text}\`: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  return { program, errors };
}

/** The names each entry of `@authlens/nextjs` exports, from the built declarations. */
function exportsOfEntries(): Record<'server' | 'backend', Set<string>> {
  const probe =
    "export * as server from '@authlens/nextjs/server';\nexport * as backend from '@authlens/nextjs/backend';\n";
  const { program, errors } = compile({ 'probe.ts': probe });
  expect(errors).toEqual([]);
  const checker = program.getTypeChecker();
  const [server, backend] = program.getSourceFile(`${workDir}/probe.ts`)!.statements.map((statement) => {
    const module = checker.getSymbolAtLocation((statement as ts.ExportDeclaration).moduleSpecifier!)!;
    return new Set(checker.getExportsOfModule(module).map((symbol) => symbol.name));
  });
  return { server: server!, backend: backend! };
}

/** `interface X {` / `type X =` declared by a snippet without type parameters. */
function restatedTypes(code: string): string[] {
  return [...code.matchAll(/^(?:interface|type) (\w+)\s*(?:=|\{)/gm)].map((m) => m[1]!);
}

describe('sdk/README.md', () => {
  it('has TypeScript blocks to check', () => {
    expect(snippets.length).toBeGreaterThan(10);
  });

  it('quotes example files as they are (tokens in order; a shortened quote only leaves some out)', () => {
    const quoted = snippets.filter((s) => s.quotes !== null);
    expect(quoted.length).toBeGreaterThan(3);
    for (const snippet of quoted) {
      const source = readFileSync(`${root}${snippet.quotes}`, 'utf8');
      const body = snippet.code.split('\n').slice(1).join('\n');
      expect(quotedInOrder(body, source), `${snippet.where} quoting ${snippet.quotes}`).toEqual({ ok: true });
    }
  });

  it('type-checks every other block, and the root README ones, against the built packages; restated types equal the exported ones', () => {
    const { server, backend } = exportsOfEntries();
    const files: Record<string, string> = {};
    let restated = 0;
    expect(rootSnippets.length).toBeGreaterThan(1);
    for (const snippet of [...snippets, ...rootSnippets].filter((s) => s.quotes === null)) {
      const entry = /'@authlens\/nextjs\/backend'/.test(snippet.code) ? 'backend' : 'server';
      const exported = entry === 'backend' ? backend : server;
      const checks = restatedTypes(snippet.code)
        .filter((name) => exported.has(name))
        .map((name) => {
          restated++;
          return `export const check_${name}: Same<${name}, Real.${name}> = true;`;
        });
      // Named after the README and the line the block starts on.
      files[`${snippet.where.replace(/[/.:]/g, '-')}.${snippet.lang}`] = [
        snippet.code,
        'export {};',
        `import type * as Real from '@authlens/nextjs/${entry}';`,
        'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
        ...checks,
        '',
      ].join('\n');
    }
    expect(restated).toBeGreaterThan(2);
    const { errors } = compile(files);
    expect(errors).toEqual([]);
  }, 120_000);
});
