#!/usr/bin/env bash
# Installs the .deb that `make dist` built, as an office would (apt, as
# root), and checks it from the installed files only: the files and their
# registration (desktop entry, MIME type, icons, the command line on the
# PATH), the installed app's window under Xvfb, a .dateline.json opened
# through the desktop entry's Exec line (once starting the app, once handed
# to the running app), and `apt-get remove` leaving the user's data.
# The user's data is a temporary DATELINE_DATA_DIR: a real one is never touched.
#
#   tests/dist-deb.sh dist/Dateline_0.1.0_amd64.deb
set -euo pipefail
deb=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "dist-deb: must run as root (it installs a package)" >&2; exit 1; }
for tool in Xvfb xdotool dbus-launch import desktop-file-validate; do
  command -v "$tool" >/dev/null || { echo "dist-deb: $tool is missing (scripts/deps.sh)" >&2; exit 1; }
done

pkg=$(dpkg-deb -f "$deb" Package)
work=$(mktemp -d)
export DATELINE_DATA_DIR="$work/data with spaces"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${DBUS_SESSION_BUS_PID:-}" ] && kill "$DBUS_SESSION_BUS_PID" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "dist-deb: FAIL: $*" >&2; exit 1; }
passed=0
ok() { echo "dist-deb: ok: $*"; passed=$((passed + 1)); }

# Waits up to 60 s for a condition (a command), polling: a wait, not a timing.
wait_for() {
  for _ in $(seq 120); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  return 1
}

# --- install --------------------------------------------------------------
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
  apt-get remove -y -qq "$pkg" >/dev/null
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log"; fail "apt-get install $deb"; }
ok "apt-get install $(basename "$deb")"

for f in /usr/bin/dateline-app /usr/bin/dateline; do
  [ -x "$f" ] || fail "$f is not installed"
done
desktop=/usr/share/applications/Dateline.desktop
[ -f "$desktop" ] || fail "no desktop entry at $desktop"
desktop-file-validate "$desktop" || fail "desktop entry is not valid"
grep -qx 'MimeType=application/x-dateline+json;' "$desktop" || fail "desktop entry declares no .dateline.json type"
for size in 32x32 128x128 256x256; do
  ls /usr/share/icons/hicolor/$size/apps/dateline-app.png >/dev/null 2>&1 || fail "no $size icon"
done
ok "files: app, command line, desktop entry, icons"

# dpkg's triggers registered the type and the handler.
grep -q 'application/x-dateline+json:\*\.dateline\.json' /usr/share/mime/globs2 \
  || fail "*.dateline.json is not in the MIME database"
grep -q '^application/x-dateline+json=.*Dateline.desktop' /usr/share/applications/mimeinfo.cache \
  || fail "Dateline is not the registered handler of application/x-dateline+json"
for dep in fonts-noto-core fonts-liberation hunspell-en-gb hunspell-en-us hunspell-fr hunspell-es hunspell-ru hunspell-ar; do
  dpkg-deb -f "$deb" Depends | grep -q "$dep" || fail "Depends lacks $dep"
done
# The spelling check reads these (crates/dateline-core/src/install.rs).
for stem in en_GB en_US fr es_ES ru_RU ar; do
  [ -s "/usr/share/hunspell/$stem.dic" ] && [ -s "/usr/share/hunspell/$stem.aff" ] \
    || fail "no $stem dictionary in /usr/share/hunspell after install"
done
ok "MIME type registered, handler registered, font and dictionary dependencies declared and installed"

[ "$(dateline --version)" = "dateline $(dpkg-deb -f "$deb" Version)" ] || fail "dateline --version: $(dateline --version)"
ok "dateline on the PATH: $(dateline --version)"

# --- the installed app under Xvfb -----------------------------------------
display=""
for n in $(seq 140 199); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || fail "no free X display"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$display
wait_for xdpyinfo >/dev/null 2>&1 || fail "Xvfb did not start"
# One session bus for both starts: the single-instance hand-over goes through it.
eval "$(dbus-launch --sh-syntax)"

# The desktop entry's command, as a file manager runs it on a double-click.
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
launch() { # FILE: runs the Exec line with %f replaced by FILE
  local cmd=${exec_line//%f/\"$1\"}
  (cd "$work" && eval "exec $cmd") >>"$work/app.log" 2>&1 &
  echo $!
}
mkdir -p "$work/Пресс-релизы"
cp "$here/assets/samples/fr.dateline.json" "$work/Пресс-релизы/Communiqué forêts.dateline.json"
cp "$here/assets/samples/ru.dateline.json" "$work/second.dateline.json"
listed() { dateline list 2>/dev/null | grep -q "$1"; }

app=$(launch "$work/Пресс-релизы/Communiqué forêts.dateline.json")
pids+=("$app")
wait_for xdotool search --onlyvisible --name 'Dateline$' >/dev/null \
  || { cat "$work/app.log"; fail "the installed app showed no window"; }
ok "the installed app opened its window"
wait_for listed "Val Serein" || { cat "$work/app.log"; fail "the file given at start-up was not imported"; }
ok "a .dateline.json given to the desktop entry's command was imported at start"
sleep 2 # let the list paint before the screenshot
import -window root "${DIST_SCREENSHOT:-$work/shot.png}"

second=$(launch "$work/second.dateline.json")
wait_for listed "Комиссия" || { cat "$work/app.log"; fail "the file handed to the running app was not imported"; }
wait_for bash -c "! kill -0 $second 2>/dev/null" || fail "the second start did not hand over and exit"
# The title is "Dateline", or "<headline> — Dateline" once a release is open.
[ "$(xdotool search --onlyvisible --name 'Dateline$' | wc -l)" -eq 1 ] || fail "a second window opened"
ok "a .dateline.json opened while the app runs went to the running app"

kill "$app"
wait "$app" 2>/dev/null || true
db="$DATELINE_DATA_DIR/dateline.sqlite3"
[ -s "$db" ] || fail "no database at $db"
before=$(dateline list | wc -l)
[ "$before" -eq 3 ] || fail "expected the sample and two imported releases, found $before"

# --- remove ---------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$pkg" >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log"; fail "apt-get remove $pkg"; }
for f in /usr/bin/dateline-app /usr/bin/dateline "$desktop" /usr/share/mime/packages/dateline.xml; do
  [ ! -e "$f" ] || fail "$f is still there after apt-get remove"
done
grep -q 'dateline' /usr/share/mime/globs2 && fail "*.dateline.json still in the MIME database"
[ -s "$db" ] || fail "apt-get remove took the user's database"
ok "apt-get remove: program gone, the user's $before releases kept"

echo "dist-deb: $passed passed, 0 failed"
