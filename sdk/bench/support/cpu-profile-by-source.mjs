// Self time of a V8 `.cpuprofile` by original source file: each sampled frame is mapped through the source map of
// the bundle it ran in (Turbopack's server chunks keep one beside them), so minified bundles read as the SDK's files.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sourceMap from 'source-map-js';

const consumers = new Map();

/** The source map sections of a bundle file, or null when it has none. */
function sectionsOf(url) {
  if (consumers.has(url)) return consumers.get(url);
  let sections = null;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (path.includes('/.next/') && existsSync(`${path}.map`)) {
    const raw = JSON.parse(readFileSync(`${path}.map`, 'utf8'));
    sections = raw.sections?.length
      ? raw.sections.map((s) => ({ offset: s.offset, map: new sourceMap.SourceMapConsumer(s.map) }))
      : [{ offset: { line: 0, column: 0 }, map: new sourceMap.SourceMapConsumer(raw) }];
  }
  consumers.set(url, sections);
  return sections;
}

/** Where a frame's function comes from: `sdk/src/next/auth.ts`, `node:internal/crypto/hash`, `next/dist/…`, `(gc)`. */
export function sourceOf(callFrame) {
  const { url, lineNumber: line, columnNumber: column } = callFrame;
  if (!url) return `(${callFrame.functionName || 'native'})`;
  const sections = sectionsOf(url);
  let section = null;
  for (const s of sections ?? []) {
    if (s.offset.line < line || (s.offset.line === line && s.offset.column <= column)) section = s;
  }
  const source = section
    ? section.map.originalPositionFor({
        line: line - section.offset.line + 1,
        column: line === section.offset.line ? column - section.offset.column : column,
      }).source
    : null;
  return (source ?? url)
    .replace(/^.*\[project\]\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^(\.\.\/)+/, '')
    .replace(/^file:\/\/.*\/\.next\//, '.next/');
}

/**
 * Samples per source file, and their total (idle excluded). A native function (JSON.parse, a hash's update) counts
 * for the source that called it, so each file's figure includes the built-ins it uses.
 */
export function selfTimeBySource(profileFile) {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const bySource = new Map();
  let samples = 0;
  for (const id of profile.samples) {
    const sampled = nodes.get(id);
    if (sampled.callFrame.functionName === '(idle)') continue;
    samples++;
    let caller = sampled;
    while (!caller.callFrame.url && parents.has(caller.id)) caller = nodes.get(parents.get(caller.id));
    const source = sourceOf((caller.callFrame.url ? caller : sampled).callFrame);
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
  }
  return { bySource, samples };
}
