import { describe, expect, it } from 'vitest';
import { SeenIds } from '../src/io/seen-ids.js';

describe('SeenIds (the --sorted check that a person is not split)', () => {
  it('knows every id it was given and no other, across many table growths', () => {
    const seen = new SeenIds();
    const ids = Array.from({ length: 300_000 }, (_, i) => (i % 3 === 0 ? `P${i}` : i % 3 === 1 ? `${i}-ü-${i}` : `case/${i * 7919}`));
    expect(ids.filter((id) => seen.seenBefore(id))).toEqual([]);
    expect(ids.filter((_, i) => i % 997 === 0).every((id) => seen.seenBefore(id))).toBe(true);
    expect(seen.seenBefore('never-seen')).toBe(false);
  });
});
