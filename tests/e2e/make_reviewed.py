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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../../crates/dateline-core/tests/fixtures/review"))

import make_word_fixtures as w  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    original, parts = w.read_package(src)
    for make in (w.tracked, w.format_change, w.comment_threads, w.untracked):
        make(parts)
    tmp = out + ".part"
    w.write_package(tmp, original, parts)
    os.replace(tmp, out)
    print(out)


if __name__ == "__main__":
    main()
