#!/usr/bin/python3
"""Makes one reviewed Word file for the review e2e from a clearance copy the
app exported: several reviewers' Word behaviours at once, reusing the edits
of crates/dateline-core/tests/fixtures/review/make_word_fixtures.py (which
says which Word behaviour each reproduces):

- tracked: Lena Park replaces "opens" with "inaugurates" in the headline;
  Omar Haddad inserts " by text message" and deletes " around the clock";
- format_change: "inaugurated" made italic (w:rPrChange);
- comment_threads: a comment with a reply, and a resolved one;
- untracked: "fourteen" became "sixteen" with Track Changes off.

Usage: make_reviewed.py CLEARANCE_COPY.docx OUT.docx
"""

import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../../crates/dateline-core/tests/fixtures/review"))

import make_word_fixtures as w  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(src) as z:
        original = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts = {k: v.decode("utf-8") for k, v in original.items() if k.endswith((".xml", ".rels"))}
    for make in (w.tracked, w.format_change, w.comment_threads, w.untracked):
        make(parts)
    tmp = out + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in original.items():
            z.writestr(k, parts[k].encode("utf-8") if k in parts else v)
        for k in parts.keys() - original.keys():
            z.writestr(k, parts[k].encode("utf-8"))
    os.replace(tmp, out)
    print(out)


if __name__ == "__main__":
    main()
