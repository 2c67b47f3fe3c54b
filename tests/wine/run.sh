#!/usr/bin/env bash
# Cargo's runner for x86_64-pc-windows-gnu: runs a Windows test program (and
# whatever it starts, e.g. dateline.exe) under Debian's wine.
#
#   CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=tests/wine/run.sh \
#     cargo test -p dateline-core --target x86_64-pc-windows-gnu   (make wine-test)
#
# It keeps one wine prefix for the tests, DATELINE_WINEPREFIX (default
# $CARGO_TARGET_DIR/wine-prefix), made on first use (about 20 s), with the
# ProcessPrng stand-in (tests/wine/prng.c) in its system32, so that every
# program started inside finds it, not only the one beside which it lies.
# That DLL exists in this test prefix only; the installer never ships it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for tool in wine wineserver x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "wine-runner: $tool is missing (scripts/deps.sh)" >&2; exit 1; }
done
target=${CARGO_TARGET_DIR:-$here/../../target}
export WINEPREFIX=${DATELINE_WINEPREFIX:-$target/wine-prefix}
export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$dll" ] || [ "$here/prng.c" -nt "$dll" ]; then
  mkdir -p "$WINEPREFIX"
  wine wineboot -i >/dev/null 2>&1 || { echo "wine-runner: wineboot failed in $WINEPREFIX" >&2; exit 1; }
  wineserver -w
  x86_64-w64-mingw32-gcc -shared -O2 -o "$dll.tmp" "$here/prng.c" -ladvapi32
  mv "$dll.tmp" "$dll"
fi
exec wine "$@"
