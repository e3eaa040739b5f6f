import { describe, expect, it } from 'vitest';
import { percentDecode, splitKeyValueList } from './key-value-list.js';

describe('splitKeyValueList', () => {
  it('splits at commas and at the first "=", trimming both sides and skipping blank entries', () => {
    expect(splitKeyValueList(' a = 1 ,, b=x=y ,\tc=')).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: 'x=y' },
      { key: 'c', value: '' },
    ]);
  });

  it('an entry without "=" has a null value; an empty or blank list has no entries', () => {
    expect(splitKeyValueList('lonely,=v')).toEqual([
      { key: 'lonely', value: null },
      { key: '', value: 'v' },
    ]);
    expect(splitKeyValueList('')).toEqual([]);
    expect(splitKeyValueList(' , ')).toEqual([]);
  });

  it('decodes nothing: percent-encoding is left for the caller', () => {
    expect(splitKeyValueList('k%3D=v%2C')).toEqual([{ key: 'k%3D', value: 'v%2C' }]);
  });
});

describe('percentDecode', () => {
  it('decodes UTF-8 percent-encoding and leaves "+" alone', () => {
    expect(percentDecode('a%20b%2Cc%3D%C3%A9+')).toBe('a b,c=é+');
  });

  it('invalid percent-encoding is undefined, not an exception', () => {
    expect(percentDecode('%E0%A4%A')).toBeUndefined();
    expect(percentDecode('100%')).toBeUndefined();
  });
});
