#!/usr/bin/env bash
# Compares two .deb files built from the same commit: the same members in
# the same order with the same modes, owners, sizes and times
# (`dpkg-deb --contents`), the same control fields and scripts, and every
# file with the same SHA-256. Prints whether the .deb files are also
# byte-identical.
#
#   tests/dist-repro.sh A.deb B.deb
set -euo pipefail
a=$(realpath "$1")
b=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "dist-repro: FAIL: $*" >&2; exit 1; }

dpkg-deb --contents "$a" >"$work/a.list"
dpkg-deb --contents "$b" >"$work/b.list"
diff "$work/a.list" "$work/b.list" || fail "dpkg-deb --contents differs"
[ -s "$work/a.list" ] || fail "empty package"

for x in a b; do
  dpkg-deb -R "${!x}" "$work/$x"
  (cd "$work/$x" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$work/$x.sums"
done
diff "$work/a.sums" "$work/b.sums" || fail "extracted files differ"
n=$(wc -l <"$work/a.sums")

if cmp -s "$a" "$b"; then
  echo "dist-repro: the two .deb files are byte-identical"
else
  echo "dist-repro: same contents; the .deb containers differ (see docs/INSTALL.md)"
fi
echo "dist-repro: $n files compared: 1 passed, 0 failed"
