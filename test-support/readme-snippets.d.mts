export declare const REPO_ROOT: string;

export interface ReadmeSnippet {
  /** The README and the line its fence opens on, e.g. `sdk/README.md:212`. */
  readonly where: string;
  readonly lang: 'ts' | 'tsx';
  readonly code: string;
  /** The example file the block quotes (its first line names it), else null. */
  readonly quotes: string | null;
}

/** The ```ts / ```tsx blocks of a README (path relative to the repository root). */
export declare function readmeSnippets(readmePath: string): ReadmeSnippet[];

/** One line per quoting block whose code is not in its file (tokens in order). */
export declare function quoteProblems(snippets: readonly ReadmeSnippet[]): string[];

/** Compiles the blocks that quote nothing against the built `modules`; restated exported types must be equal. */
export declare function compileProblems(
  snippets: readonly ReadmeSnippet[],
  options: { workDir: string; modules: readonly string[] },
): { errors: string[]; restated: number };
