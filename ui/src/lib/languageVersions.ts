// Linked language versions in the release list: each language version is
// shown right after its source when both are listed, so the versions of one
// release stand together. The links come from the core (language_links);
// this only arranges rows that were already sorted and filtered there.
import type { LanguageLink } from './bindings/LanguageLink';

/** Source id by language version id. */
export function linkMap(links: LanguageLink[]): Map<string, string> {
  return new Map(links.map((l) => [l.release_id, l.source_id]));
}

/** The rows with every language version moved to just after its source
 *  (versions of one source in their listed order); a version whose source
 *  is not listed keeps its place. */
export function groupLanguageVersions<T extends { id: string }>(rows: T[], sourceOf: Map<string, string>): T[] {
  const listed = new Set(rows.map((r) => r.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const versions = new Map<string, T[]>();
  for (const r of rows) {
    const src = sourceOf.get(r.id);
    if (src && src !== r.id && listed.has(src)) {
      const list = versions.get(src) ?? [];
      list.push(r);
      versions.set(src, list);
    }
  }
  const out: T[] = [];
  const placed = new Set<string>();
  const place = (r: T) => {
    if (placed.has(r.id)) return;
    placed.add(r.id);
    out.push(r);
    for (const v of versions.get(r.id) ?? []) place(v);
  };
  for (const r of rows) {
    const src = sourceOf.get(r.id);
    // A listed version is placed with its source.
    if (src && src !== r.id && byId.has(src)) continue;
    place(r);
  }
  // A cycle of links (not made by Dateline) must not hide rows.
  for (const r of rows) place(r);
  return out;
}
