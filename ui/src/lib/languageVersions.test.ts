import { describe, expect, it } from 'vitest';
import { groupLanguageVersions } from './languageVersions';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));
const ids = (r: { id: string }[]) => r.map((x) => x.id);

describe('groupLanguageVersions', () => {
  it('puts each language version right after its source, in listed order', () => {
    const links = new Map([
      ['fr', 'en'],
      ['ar', 'en'],
    ]);
    expect(ids(groupLanguageVersions(rows('ar', 'other', 'en', 'fr'), links))).toEqual(['other', 'en', 'ar', 'fr']);
  });

  it('leaves a version whose source is not listed (a search hit) where it is', () => {
    const links = new Map([['fr', 'en']]);
    expect(ids(groupLanguageVersions(rows('x', 'fr', 'y'), links))).toEqual(['x', 'fr', 'y']);
  });

  it('never drops a row, even with links that loop', () => {
    const links = new Map([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(ids(groupLanguageVersions(rows('a', 'b', 'c'), links)).sort()).toEqual(['a', 'b', 'c']);
  });
});
