import { ATTRIBUTE_CATALOGUE } from '../attribute-catalogue.js';
import { DECISION_RECORD_FIELDS } from '../decision-record.js';
import { INSTRUMENTATION_SCOPE } from '../instrumentation-scope.js';
import { Metric } from '../metrics.js';
import { SPAN_CATALOGUE } from '../span-catalogue.js';

export const CONTRACT_START = '<!-- contract:start (generated from the constants by src/contract.test.ts) -->';
export const CONTRACT_END = '<!-- contract:end -->';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const code = (text: string) => `\`${text}\``;
const row = (...cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;

/** `text` wrapped at `width` columns, continuation lines indented by `indent` (a list item's). */
function wrap(text: string, width = 118, indent = '  '): string {
  const words = text.replaceAll('\n', ' ').split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const prefix = lines.length === 0 ? '' : indent;
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push((lines.length === 0 ? '' : indent) + line);
  return lines.join('\n');
}

/**
 * The README's reference, generated from the constants so the two can never drift. Spans, attributes and metrics are
 * lists (their descriptions are sentences, too long for a readable table cell); the short value lists stay tables.
 */
export function contractTables(): string {
  const lines: string[] = [];
  lines.push(`Tracer and meter name: ${code(INSTRUMENTATION_SCOPE)}.`, '');

  lines.push('### Spans', '');
  for (const [name, spec] of Object.entries(SPAN_CATALOGUE)) {
    lines.push(wrap(`- ${code(name)} (${spec.kind}): ${spec.description}`));
    lines.push(`  ${wrap(`Attributes: ${spec.attributes.map(code).join(', ')}.`, 116, '  ')}`);
  }

  lines.push('', '### Attributes', '');
  for (const [name, spec] of Object.entries(ATTRIBUTE_CATALOGUE)) {
    const values = spec.values ? ' Values: see below.' : '';
    lines.push(wrap(`- ${code(name)} (${spec.type}): ${spec.description}${values}`));
  }

  lines.push('', '### Attribute values');
  for (const [name, spec] of Object.entries(ATTRIBUTE_CATALOGUE)) {
    if (!spec.values) continue;
    lines.push('', `#### ${code(name)}`, '', row('Value', 'Meaning'), row('---', '---'));
    for (const [value, meaning] of Object.entries(spec.values)) lines.push(row(code(value), meaning));
  }

  lines.push('', '### Metrics', '');
  for (const spec of Object.values(Metric)) {
    lines.push(wrap(`- ${code(spec.name)} (${spec.instrument}, ${code(spec.unit)}): ${spec.description}`));
    lines.push(`  ${wrap(`Attributes: ${spec.attributes.map(code).join(', ')}.`, 116, '  ')}`);
  }

  lines.push('', '### Decision record', '');
  for (const [field, meaning] of Object.entries(DECISION_RECORD_FIELDS))
    lines.push(wrap(`- ${code(field)}: ${meaning}`));

  return [CONTRACT_START, '', ...lines, '', CONTRACT_END].join('\n');
}
