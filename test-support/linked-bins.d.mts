export interface LinkedBins {
  /** The path of `node_modules/.bin/<name>` in the scratch project. */
  bin(name: string): string;
  remove(): void;
}

export declare function linkBins(packageDir: string, options: { built: boolean }): LinkedBins;
