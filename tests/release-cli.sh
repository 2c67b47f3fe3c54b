#!/usr/bin/env bash
# The shipped command line (static, release; `make cli`) against the test
# build (dynamic, debug) that the Rust tests drive: every sample release in
# every format must come out byte for byte the same, and bad input must fail
# the same way. This is what lets the Rust CLI tests stand for the binary
# people install.
#
#   tests/release-cli.sh RELEASE_CLI DEBUG_CLI
set -euo pipefail
rel="$1" dbg="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
samples="$here/../assets/samples"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for b in "$rel" "$dbg"; do [[ -x "$b" ]] || { echo "release-cli: no program at $b" >&2; exit 1; }; done
if readelf -d "$rel" | grep -q NEEDED; then echo "release-cli: $rel loads shared libraries; expected a static build" >&2; exit 1; fi
[[ "$("$rel" --version)" == "$("$dbg" --version)" ]] || { echo "release-cli: versions differ" >&2; exit 1; }

n=0
for f in "$samples"/*.dateline.json; do
  name="$(basename "$f" .dateline.json)"
  for fmt in docx html txt; do
    for b in rel dbg; do
      "${!b}" export -f "$fmt" --author "Test Author" --organization "Lakeside Relief" \
        -o "$work/$b-$name.$fmt" "$f" >/dev/null
    done
    cmp "$work/rel-$name.$fmt" "$work/dbg-$name.$fmt" \
      || { echo "release-cli: $name.$fmt differs between the two builds" >&2; exit 1; }
    n=$((n + 1))
  done
done

# A bad file: same one-line error, non-zero exit, nothing written.
printf '{"format": "dateline-release", "format_version": 99}' >"$work/bad.dateline.json"
for b in rel dbg; do
  if "${!b}" export -f txt -o "$work/$b-bad.txt" "$work/bad.dateline.json" 2>"$work/$b-err.txt"; then
    echo "release-cli: $b accepted a bad file" >&2; exit 1
  fi
  [[ ! -e "$work/$b-bad.txt" ]] || { echo "release-cli: $b left a file behind" >&2; exit 1; }
done
cmp "$work/rel-err.txt" "$work/dbg-err.txt" || { echo "release-cli: error messages differ" >&2; exit 1; }
[[ -s "$work/rel-err.txt" ]] || { echo "release-cli: no error message" >&2; exit 1; }

echo "release-cli: $n exports identical, bad input refused the same way ($(head -n 1 "$work/rel-err.txt"))"
