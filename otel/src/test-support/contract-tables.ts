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

/** The README's reference tables, generated from the constants so the two can never drift. */
export function contractTables(): string {
  const lines: string[] = [];
  lines.push(`Tracer and meter name: ${code(INSTRUMENTATION_SCOPE)}.`, '');

  lines.push('### Spans', '', row('Span', 'Kind', 'What it covers', 'Attributes'), row('---', '---', '---', '---'));
  for (const [name, spec] of Object.entries(SPAN_CATALOGUE)) {
    lines.push(row(code(name), spec.kind, spec.description, spec.attributes.map(code).join(', ')));
  }

  lines.push('', '### Attributes', '', row('Attribute', 'Type', 'Meaning'), row('---', '---', '---'));
  for (const [name, spec] of Object.entries(ATTRIBUTE_CATALOGUE)) {
    const values = spec.values ? ` Values: ${Object.keys(spec.values).map(code).join(', ')}.` : '';
    lines.push(row(code(name), spec.type, `${spec.description}${values}`));
  }

  lines.push('', '### Attribute values');
  for (const [name, spec] of Object.entries(ATTRIBUTE_CATALOGUE)) {
    if (!spec.values) continue;
    lines.push('', `#### ${code(name)}`, '', row('Value', 'Meaning'), row('---', '---'));
    for (const [value, meaning] of Object.entries(spec.values)) lines.push(row(code(value), meaning));
  }

  lines.push(
    '',
    '### Metrics',
    '',
    row('Metric', 'Instrument', 'Unit', 'Meaning', 'Attributes'),
    row('---', '---', '---', '---', '---'),
  );
  for (const spec of Object.values(Metric)) {
    lines.push(
      row(code(spec.name), spec.instrument, code(spec.unit), spec.description, spec.attributes.map(code).join(', ')),
    );
  }

  lines.push('', '### Decision record', '', row('Field', 'Meaning'), row('---', '---'));
  for (const [field, meaning] of Object.entries(DECISION_RECORD_FIELDS)) lines.push(row(code(field), meaning));

  return [CONTRACT_START, '', ...lines, '', CONTRACT_END].join('\n');
}
