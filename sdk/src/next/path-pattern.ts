/**
 * Route patterns as `createRouteMatcher()` takes them: path-to-regexp 6.x
 * syntax, which Clerk's matcher (and Next's `config.matcher`) use — `:name`
 * params with `?`/`*`/`+` modifiers, `(regex)` groups, `{…}` optional groups,
 * `\\` escapes; case-insensitive, anchored at both ends, an optional trailing
 * delimiter allowed.
 */
import { AuthlensError } from '../errors.js';

export class InvalidRoutePatternError extends AuthlensError {
  constructor(pattern: string, problem: string) {
    super('ERR_INVALID_ROUTE_PATTERN', `authlens: invalid route pattern "${pattern}": ${problem}`);
  }
}

type Lexeme =
  | { kind: 'char' | 'escaped' | 'name' | 'regex' | 'modifier' | 'open' | 'close'; value: string; at: number }
  | { kind: 'end'; value: ''; at: number };

const DELIMITERS = '/#?';
const PREFIXES = './';

function escapeRegex(text: string): string {
  return text.replace(/([.+*?=^!:${}()[\]|/\\])/g, '\\$1');
}

function lex(pattern: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '*' || c === '+' || c === '?') {
      out.push({ kind: 'modifier', value: c, at: i++ });
    } else if (c === '\\') {
      out.push({ kind: 'escaped', value: pattern[i + 1] ?? '', at: i });
      i += 2;
    } else if (c === '{' || c === '}') {
      out.push({ kind: c === '{' ? 'open' : 'close', value: c, at: i++ });
    } else if (c === ':') {
      let j = i + 1;
      while (j < pattern.length && /[A-Za-z0-9_]/.test(pattern[j]!)) j++;
      if (j === i + 1) throw new InvalidRoutePatternError(pattern, `missing parameter name at ${i}`);
      out.push({ kind: 'name', value: pattern.slice(i + 1, j), at: i });
      i = j;
    } else if (c === '(') {
      let depth = 1;
      let body = '';
      let j = i + 1;
      if (pattern[j] === '?') throw new InvalidRoutePatternError(pattern, `a group cannot start with "?" at ${j}`);
      while (j < pattern.length) {
        const d = pattern[j]!;
        if (d === '\\') {
          body += d + (pattern[j + 1] ?? '');
          j += 2;
          continue;
        }
        if (d === ')') {
          depth--;
          if (depth === 0) {
            j++;
            break;
          }
        } else if (d === '(') {
          depth++;
          if (pattern[j + 1] !== '?')
            throw new InvalidRoutePatternError(pattern, `capturing groups are not allowed at ${j}`);
        }
        body += d;
        j++;
      }
      if (depth !== 0) throw new InvalidRoutePatternError(pattern, `unbalanced group at ${i}`);
      if (!body) throw new InvalidRoutePatternError(pattern, `empty group at ${i}`);
      out.push({ kind: 'regex', value: body, at: i });
      i = j;
    } else {
      out.push({ kind: 'char', value: c, at: i++ });
    }
  }
  out.push({ kind: 'end', value: '', at: i });
  return out;
}

interface Param {
  prefix: string;
  suffix: string;
  /** '' for a plain `{…}` group with neither name nor regex. */
  regex: string;
  modifier: string;
}

function parse(pattern: string): Array<string | Param> {
  const lexemes = lex(pattern);
  const parts: Array<string | Param> = [];
  let pos = 0;
  let text = '';
  const take = (kind: Lexeme['kind']): string | undefined => {
    const l = lexemes[pos];
    if (l && l.kind === kind) {
      pos++;
      return l.value;
    }
    return undefined;
  };
  const takeText = (): string => {
    let out = '';
    for (let v = take('char') ?? take('escaped'); v !== undefined; v = take('char') ?? take('escaped')) out += v;
    return out;
  };
  // A param without its own regex stops at a delimiter, and at the text before it when that has none.
  const defaultRegex = (prefix: string): string => {
    const last = parts[parts.length - 1];
    const before = prefix || (typeof last === 'string' ? last : '');
    if (last !== undefined && typeof last !== 'string' && !before) {
      throw new InvalidRoutePatternError(pattern, 'two parameters need text between them');
    }
    const anyButDelimiter = `[^${escapeRegex(DELIMITERS)}]`;
    if (!before || [...DELIMITERS].some((d) => before.includes(d))) return `${anyButDelimiter}+?`;
    return `(?:(?!${escapeRegex(before)})${anyButDelimiter})+?`;
  };

  while (pos < lexemes.length) {
    const char = take('char');
    const name = take('name');
    const regex = take('regex');
    if (name !== undefined || regex !== undefined) {
      let prefix = char ?? '';
      if (!PREFIXES.includes(prefix)) {
        text += prefix;
        prefix = '';
      }
      if (text) {
        parts.push(text);
        text = '';
      }
      parts.push({ prefix, suffix: '', regex: regex ?? defaultRegex(prefix), modifier: take('modifier') ?? '' });
      continue;
    }
    const literal = char ?? take('escaped');
    if (literal !== undefined) {
      text += literal;
      continue;
    }
    if (text) {
      parts.push(text);
      text = '';
    }
    if (take('open') !== undefined) {
      const prefix = takeText();
      const groupName = take('name') ?? '';
      const groupRegex = take('regex') ?? '';
      const suffix = takeText();
      if (take('close') === undefined) throw new InvalidRoutePatternError(pattern, 'unclosed "{"');
      parts.push({
        prefix,
        suffix,
        regex: groupName && !groupRegex ? defaultRegex(prefix) : groupRegex,
        modifier: take('modifier') ?? '',
      });
      continue;
    }
    const next = lexemes[pos]!;
    if (next.kind !== 'end') throw new InvalidRoutePatternError(pattern, `unexpected "${next.value}" at ${next.at}`);
    pos++;
  }
  return parts;
}

/** Compiles a path-to-regexp 6.x pattern to a RegExp that matches whole pathnames. */
export function compilePathPattern(pattern: string): RegExp {
  let source = '^';
  for (const part of parse(pattern)) {
    if (typeof part === 'string') {
      source += escapeRegex(part);
      continue;
    }
    const prefix = escapeRegex(part.prefix);
    const suffix = escapeRegex(part.suffix);
    const repeated = part.modifier === '+' || part.modifier === '*';
    if (!part.regex) {
      source += `(?:${prefix}${suffix})${part.modifier}`;
    } else if (prefix || suffix) {
      source += repeated
        ? `(?:${prefix}((?:${part.regex})(?:${suffix}${prefix}(?:${part.regex}))*)${suffix})${part.modifier === '*' ? '?' : ''}`
        : `(?:${prefix}(${part.regex})${suffix})${part.modifier}`;
    } else {
      if (repeated) throw new InvalidRoutePatternError(pattern, 'a repeated parameter needs a prefix or suffix');
      source += `(${part.regex})${part.modifier}`;
    }
  }
  source += `[${escapeRegex(DELIMITERS)}]?$`;
  return new RegExp(source, 'i');
}
