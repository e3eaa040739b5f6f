// Test-only: fast-check arbitraries for strings a decoder or a parser meets, and for single edits of a signed token
// (the fuzz tests' inputs).
import fc from 'fast-check';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** One character of each class a token could be edited with. */
export const anyCharacter: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ALPHABET), // another alphabet character
  fc.constantFrom('+', '/', '=', '.', ' ', '\t', '\n', '%', '"', '\0'), // standard alphabet, padding, separators
  fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), // latin1, not ASCII
  fc.constantFrom(...ALPHABET).map((c) => String.fromCharCode(0x100 | c.charCodeAt(0))), // same low byte
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), // a lone surrogate
  fc.constantFrom('é', '€', '😀'),
);

/** A base64url-ish string, a string of anything, or a mix: what a decoder may be handed. */
export const anyInput: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(anyCharacter, { maxLength: 40 }).map((chars) => chars.join('')),
);

export type Edit =
  | { kind: 'substitute'; at: number; with: string }
  | { kind: 'insert'; at: number; with: string }
  | { kind: 'remove'; at: number }
  | { kind: 'append'; with: string }
  | { kind: 'flip-case'; at: number }
  | { kind: 'spare-bit'; segment: number };

/** Every single-edit class: substitution by any character class, insertion, removal, appending, case flip. */
export const anyEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('substitute' as const), at: fc.nat(), with: anyCharacter }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), with: anyCharacter }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), with: fc.oneof(anyCharacter, fc.constant('AAAA')) }),
  fc.record({ kind: fc.constant('flip-case' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('spare-bit' as const), segment: fc.integer({ min: 0, max: 2 }) }),
);

/** `token` with `edit` applied (positions wrap around its length). */
export function applyEdit(token: string, edit: Edit): string {
  const at = 'at' in edit ? edit.at % token.length : 0;
  switch (edit.kind) {
    case 'substitute':
      return `${token.slice(0, at)}${edit.with}${token.slice(at + 1)}`;
    case 'insert':
      return `${token.slice(0, at)}${edit.with}${token.slice(at)}`;
    case 'remove':
      return `${token.slice(0, at)}${token.slice(at + 1)}`;
    case 'append':
      return `${token}${edit.with}`;
    case 'flip-case': {
      const c = token[at]!;
      const flipped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
      return `${token.slice(0, at)}${flipped}${token.slice(at + 1)}`;
    }
    case 'spare-bit': {
      const segments = token.split('.');
      const segment = segments[edit.segment % segments.length]!;
      const rest = segment.length % 4;
      if (rest < 2) return token;
      const value = ALPHABET.indexOf(segment.at(-1)!);
      segments[edit.segment % segments.length] = `${segment.slice(0, -1)}${ALPHABET[value ^ 1]}`;
      return segments.join('.');
    }
  }
}
