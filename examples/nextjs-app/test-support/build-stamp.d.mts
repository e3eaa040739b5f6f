export declare const exampleAppDir: string;

/** The app's sources, the built packages it imports and `settings` (build-time environment): a rebuild is due when this changes. */
export declare function exampleSourceHash(settings?: Record<string, string>): string;

/** Whether `distDir` holds a finished build made from sources with this hash. */
export declare function isBuiltFrom(distDir: string, hash: string): boolean;

/** Records that the build in `distDir` was made from sources with this hash (`next build` clears it next time). */
export declare function stampBuild(distDir: string, hash: string): void;
