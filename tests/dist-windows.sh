#!/usr/bin/env bash
# Checks the Windows build from `make dist` on this Linux machine:
# - both executables and the installer are 64-bit PE (GUI app, console
#   command line, GUI installer);
# - the command line runs under wine: --version, and every sample exported
#   to DOCX, HTML and text, each file the same as the Linux build's (DOCX:
#   every part the same; the zip headers differ only in the "made by" system);
# - the installer installs silently without admin rights into
#   %LOCALAPPDATA%\Programs\Dateline with its Start-menu entry and HKCU keys,
#   and its uninstaller removes them and keeps %APPDATA%\org.dateline.app.
#
# Debian 12's wine 8.0 lacks ProcessPrng (bcryptprimitives.dll), which Rust
# ≥ 1.78 programs call for random numbers; a stand-in DLL built here from
# RtlGenRandom (tests/wine/prng.c) is put beside a *copy* of the executable in
# a temporary folder.
# It is for this test only and is never shipped.
#
#   tests/dist-windows.sh TARGET_DIR/x86_64-pc-windows-gnu/release dist/Dateline-0.1.0-setup.exe [LINUX_CLI]
set -euo pipefail
win=$(realpath "$1")
setup=$(realpath "$2")
linux_cli=${3:-$(command -v dateline || true)}
here=$(cd "$(dirname "$0")/.." && pwd)
for tool in wine wineserver x86_64-w64-mingw32-gcc unzip file; do
  command -v "$tool" >/dev/null || { echo "dist-windows: $tool is missing (scripts/deps.sh)" >&2; exit 1; }
done
[ -x "$linux_cli" ] || { echo "dist-windows: give the Linux dateline to compare with" >&2; exit 1; }

work=$(mktemp -d)
export WINEPREFIX="$work/wine prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() { wineserver -k 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "dist-windows: FAIL: $*" >&2; exit 1; }
passed=0
ok() { echo "dist-windows: ok: $*"; passed=$((passed + 1)); }

file -b "$win/dateline-app.exe" | grep -q '^PE32+ executable (GUI) x86-64' || fail "dateline-app.exe: $(file -b "$win/dateline-app.exe")"
file -b "$win/dateline.exe" | grep -q '^PE32+ executable (console) x86-64' || fail "dateline.exe: $(file -b "$win/dateline.exe")"
file -b "$setup" | grep -q '^PE32+ executable (GUI) x86-64' || fail "installer: $(file -b "$setup")"
grep -qa 'Nullsoft' "$setup" || fail "the installer is not an NSIS one"
ok "PE32+ app and command line, NSIS installer"

# --- the command line under wine ------------------------------------------
bin="$work/bin"
mkdir -p "$bin"
cp "$win/dateline.exe" "$bin/"
x86_64-w64-mingw32-gcc -shared -O2 -o "$bin/bcryptprimitives.dll" "$here/tests/wine/prng.c" -ladvapi32
wine wineboot -i >/dev/null 2>&1 || true
wineserver -w

version=$(wine "$bin/dateline.exe" --version | tr -d '\r')
[ "$version" = "$("$linux_cli" --version)" ] || fail "wine dateline.exe --version: '$version'"
ok "dateline.exe --version under wine: $version"

# A path with a space and non-Latin letters, as Windows users have them.
out="$work/Экспорт файлов"
mkdir -p "$out/win" "$out/linux"
n=0
for sample in "$here"/assets/samples/*.dateline.json; do
  name=$(basename "$sample" .dateline.json)
  for fmt in docx html txt; do
    args=(export --format "$fmt" --author "Test Author" --organization "Test Office")
    wine "$bin/dateline.exe" "${args[@]}" --output "$(winepath -w "$out/win/$name.$fmt")" "$(winepath -w "$sample")" \
      >"$work/wine.log" 2>&1 || { cat "$work/wine.log"; fail "wine dateline.exe export $name.$fmt"; }
    "$linux_cli" "${args[@]}" --output "$out/linux/$name.$fmt" "$sample" >/dev/null
    if [ "$fmt" = docx ]; then
      rm -rf "$work/a" "$work/b"
      unzip -q "$out/win/$name.docx" -d "$work/a" && unzip -q "$out/linux/$name.docx" -d "$work/b"
      diff -r "$work/a" "$work/b" >/dev/null || fail "$name.docx: parts differ between Windows and Linux"
      [ "$(unzip -Z1 "$out/win/$name.docx")" = "$(unzip -Z1 "$out/linux/$name.docx")" ] || fail "$name.docx: part order differs"
    else
      cmp "$out/win/$name.$fmt" "$out/linux/$name.$fmt" || fail "$name.$fmt differs between Windows and Linux"
    fi
    n=$((n + 1))
  done
done
ok "$n exports under wine, the same as Linux's"

# --- the installer ----------------------------------------------------------
wine "$setup" /S
wineserver -w
local_app=$(winepath -u "$(wine cmd /c echo %LOCALAPPDATA% | tr -d '\r')")
roaming=$(winepath -u "$(wine cmd /c echo %APPDATA% | tr -d '\r')")
dest="$local_app/Programs/Dateline"
for f in dateline-app.exe dateline.exe uninstall.exe; do
  [ -f "$dest/$f" ] || fail "the installer did not put $f in $dest"
done
cmp "$dest/dateline.exe" "$win/dateline.exe" || fail "installed dateline.exe differs from the build"
# The spelling dictionaries, where crates/dateline-core/src/install.rs looks.
for stem in en_GB en_US fr es_ES ru_RU ar; do
  for ext in dic aff; do
    cmp "$dest/dictionaries/$stem.$ext" "/usr/share/hunspell/$stem.$ext" || fail "dictionary $stem.$ext not installed as Debian ships it"
  done
done
for pkg in hunspell-en-gb hunspell-en-us hunspell-fr-classical hunspell-es hunspell-ru hunspell-ar; do
  [ -s "$dest/dictionaries/licences/$pkg.txt" ] || fail "no licence text for $pkg"
done
[ ! -e "$dest/bcryptprimitives.dll" ] || fail "the test DLL was shipped"
ls "$roaming/Microsoft/Windows/Start Menu/Programs/Dateline.lnk" >/dev/null || fail "no Start-menu entry"
reg_has() { wine reg query "$1" ${2:+/v "$2"} 2>/dev/null | tr -d '\r' | grep -q "${3:-.}"; }
reg_has 'HKCU\Software\Classes\Dateline.Release\shell\open\command' '' 'dateline-app.exe" "%1"' || fail "no open command for Dateline.Release"
reg_has 'HKCU\Software\Classes\.json\OpenWithProgids' 'Dateline.Release' || fail "not offered for .json files"
reg_has 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Dateline' 'UninstallString' || fail "no Apps & features entry"
ok "silent per-user install: files, dictionaries with their licences, Start-menu entry, file type, uninstall entry"

data="$roaming/org.dateline.app"
mkdir -p "$data"
echo "a release the officer wrote" >"$data/keep.txt"
wine "$dest/uninstall.exe" /S
wineserver -w
for _ in $(seq 60); do [ -e "$dest/dateline-app.exe" ] || break; sleep 0.5; done
for f in dateline-app.exe dateline.exe dictionaries; do [ ! -e "$dest/$f" ] || fail "$f still installed after uninstall"; done
[ ! -e "$roaming/Microsoft/Windows/Start Menu/Programs/Dateline.lnk" ] || fail "Start-menu entry left"
reg_has 'HKCU\Software\Classes\Dateline.Release' && fail "file type left in the registry"
[ -f "$data/keep.txt" ] || fail "the uninstaller removed the user's data"
ok "uninstall removes the program and keeps %APPDATA%\\org.dateline.app"

echo "dist-windows: $passed passed, 0 failed"
