/**
 * Renders a JWT template's claims: every string is scanned for shortcodes, objects and arrays are walked.
 * - A string that is exactly one shortcode, `"{{user.public_metadata}}"`, becomes the value itself (any JSON type;
 *   `null` when it does not resolve).
 * - Shortcodes inside text, `"{{user.first_name}} {{user.last_name}}"`, are interpolated (missing values → '').
 * - `{{a || b || 'fallback'}}` takes the first alternative that resolves; literals are quoted strings, numbers,
 *   `true`/`false`/`null`.
 * Paths walk nested objects: `{{user.public_metadata.subscription.tier}}`.
 */
export type ShortcodeData = Readonly<Record<string, unknown>>;

const WHOLE = /^\s*\{\{([^{}]+)\}\}\s*$/;
const ANY = /\{\{([^{}]+)\}\}/g;

export function renderTemplateClaims(
  claims: Readonly<Record<string, unknown>>,
  data: ShortcodeData,
): Record<string, unknown> {
  return renderValue(claims, data) as Record<string, unknown>;
}

function renderValue(value: unknown, data: ShortcodeData): unknown {
  if (typeof value === 'string') return renderString(value, data);
  if (Array.isArray(value)) return value.map((v) => renderValue(v, data));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderValue(v, data);
    return out;
  }
  return value;
}

function renderString(text: string, data: ShortcodeData): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return evaluate(whole[1]!, data) ?? null;
  return text.replace(ANY, (_, expression: string) => {
    const value = evaluate(expression, data);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

function evaluate(expression: string, data: ShortcodeData): unknown {
  for (const raw of expression.split('||')) {
    const value = evaluateOne(raw.trim(), data);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function evaluateOne(term: string, data: ShortcodeData): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(term);
  if (quoted) return quoted[2];
  if (/^-?\d+(\.\d+)?$/.test(term)) return Number(term);
  if (term === 'true') return true;
  if (term === 'false') return false;
  if (term === 'null') return null;
  let current: unknown = data;
  for (const key of term.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Every shortcode path a template uses, for validation. */
export function shortcodesIn(claims: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(ANY)) out.push(m[1]!.trim());
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(claims);
  return out;
}
