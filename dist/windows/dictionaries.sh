#!/usr/bin/env bash
# Copies the Hunspell dictionaries the Windows installer bundles from
# Debian's packages (/usr/share/hunspell, installed by scripts/deps.sh) into
# OUT, with each package's copyright file as its licence text in
# OUT/licences. The installer puts them in <install folder>\dictionaries,
# where crates/dateline-core/src/install.rs looks for them.
#
#   dist/windows/dictionaries.sh dist/build/windows/dictionaries
set -euo pipefail
out=$1
src=/usr/share/hunspell
# The dictionaries the spelling check uses: British and American English,
# French, Spanish, Russian, Arabic (file stems as the check names them).
stems=(en_GB en_US fr es_ES ru_RU ar)
rm -rf "$out"
mkdir -p "$out/licences"
for stem in "${stems[@]}"; do
  for ext in dic aff; do
    f=$(realpath "$src/$stem.$ext" 2>/dev/null) && [ -f "$f" ] \
      || { echo "dictionaries: $src/$stem.$ext is missing (scripts/deps.sh installs hunspell-*)" >&2; exit 1; }
    cp "$f" "$out/$stem.$ext"
  done
  pkg=$(dpkg -S "$(realpath "$src/$stem.dic")" | cut -d: -f1)
  cp "/usr/share/doc/$pkg/copyright" "$out/licences/$pkg.txt"
done
cat >"$out/licences/README.txt" <<'TXT'
Spelling dictionaries bundled with Dateline, taken unchanged from Debian's
packages. Each package's copyright and licence text is in <package>.txt:
en_GB hunspell-en-gb, en_US hunspell-en-us, fr hunspell-fr-classical,
es_ES hunspell-es, ru_RU hunspell-ru, ar hunspell-ar.
TXT
