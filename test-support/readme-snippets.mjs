// Keeps the READMEs' TypeScript blocks in step with the code, for each package's tests: a block whose first line is
// `// examples/nextjs-app/<file>` quotes that file (its code must appear there, in order); every other block is
// compiled against the built packages, and a type or function it restates under a name the package exports must
// equal the exported one.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The ```ts / ```tsx blocks of a README (path relative to the repository root). */
export function readmeSnippets(readmePath) {
  const readme = readFileSync(`${REPO_ROOT}${readmePath}`, 'utf8');
  return [...readme.matchAll(/^```(tsx?)\n([\s\S]*?)^```$/gm)].map((match) => {
    const code = match[2];
    return {
      where: `${readmePath}:${readme.slice(0, match.index).split('\n').length}`,
      lang: match[1],
      code,
      quotes: /^\/\/ (examples\/nextjs-app\/\S+)/.exec(code)?.[1] ?? null,
    };
  });
}

/** Identifiers, numbers, string literals and punctuation, comments left out: what a quote must keep. */
function tokens(code) {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[\s;,{}()])\/\/.*$/gm, '$1');
  return withoutComments.match(/[A-Za-z_$][\w$]*|\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s\w]/g) ?? [];
}

/** Problems with the quoting blocks: each must appear in its file (tokens in order; a shortened quote leaves some out). */
export function quoteProblems(snippets) {
  const problems = [];
  for (const snippet of snippets) {
    if (snippet.quotes === null) continue;
    const have = tokens(readFileSync(`${REPO_ROOT}${snippet.quotes}`, 'utf8'));
    const wanted = tokens(snippet.code.split('\n').slice(1).join('\n'));
    let at = 0;
    for (let i = 0; i < wanted.length; i++) {
      const next = have.indexOf(wanted[i], at);
      if (next < 0) {
        const after = wanted.slice(Math.max(0, i - 8), i).join(' ');
        problems.push(`${snippet.where}: ${wanted[i]} (after \`${after}\`) is not in ${snippet.quotes}`);
        break;
      }
      at = next + 1;
    }
  }
  return problems;
}

const compilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  types: ['node'],
};

function compile(workDir, files) {
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

/** The names each module exports (from its built declarations). */
function exportsOf(workDir, modules) {
  const probe = modules.map((module, i) => `export * as m${i} from '${module}';\n`).join('');
  const { program, errors } = compile(workDir, { 'probe.ts': probe });
  if (errors.length > 0) throw new Error(`cannot read the exports of ${modules.join(', ')}:\n${errors.join('\n')}`);
  const checker = program.getTypeChecker();
  const names = new Map();
  program.getSourceFile(`${workDir}/probe.ts`).statements.forEach((statement, i) => {
    const module = checker.getSymbolAtLocation(statement.moduleSpecifier);
    names.set(modules[i], new Set(checker.getExportsOfModule(module).map((symbol) => symbol.name)));
  });
  return names;
}

/**
 * Compiles every block that quotes no file, each as a module in `workDir` (inside the repository, so packages resolve
 * from its node_modules as in an app). A block's restated types (`interface X {`, `type X =`, no type parameters)
 * and functions (`declare function X`) are checked equal to the export of the same name of the first module in
 * `modules` the block imports, else of `modules[0]`. Returns the compiler's errors and how many were compared.
 */
export function compileProblems(snippets, { workDir, modules }) {
  const exported = exportsOf(workDir, modules);
  const files = {};
  let restated = 0;
  for (const snippet of snippets) {
    if (snippet.quotes !== null) continue;
    const module = modules.find((m) => snippet.code.includes(`'${m}'`)) ?? modules[0];
    const types = [...snippet.code.matchAll(/^(?:interface|type) (\w+)\s*(?:=|\{)/gm)].map((m) => m[1]);
    const functions = new Set([...snippet.code.matchAll(/^declare function (\w+)\s*[<(]/gm)].map((m) => m[1]));
    const checks = [
      ...types.map((name) => [name, name, `Real.${name}`]),
      // A function's own properties (`auth.protect`) have their own sections: only the call signatures are compared,
      // as TypeScript assigns overloads (each signature of one side needs a match on the other; one overload may cover
      // a change to another).
      ...[...functions].map((name) => [
        name,
        `typeof ${name} & Omit<typeof Real.${name}, keyof typeof ${name}>`,
        `typeof Real.${name}`,
      ]),
    ]
      .filter(([name]) => exported.get(module).has(name))
      .map(([name, stated, real]) => {
        restated++;
        return `export const check_${name}: Same<${stated}, ${real}> = true;`;
      });
    files[`${snippet.where.replace(/[/.:]/g, '-')}.${snippet.lang}`] = [
      snippet.code,
      'export {};',
      `import type * as Real from '${module}';`,
      'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
      ...checks,
      '',
    ].join('\n');
  }
  return { errors: compile(workDir, files).errors, restated };
}
