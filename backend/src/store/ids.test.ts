import { describe, expect, it } from 'vitest';
import { newId, randomBase62 } from './ids.js';

describe('ids', () => {
  it('are the prefix and 27 base62 characters, like Clerk’s', () => {
    expect(newId('user_')).toMatch(/^user_[0-9A-Za-z]{27}$/);
    expect(randomBase62(100)).toMatch(/^[0-9A-Za-z]{100}$/);
  });

  it('do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('sess_')));
    expect(ids.size).toBe(1000);
  });
});
