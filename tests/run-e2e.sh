#!/usr/bin/env bash
# End-to-end tests of the Dateline desktop app, through tauri-driver.
#
#   tests/run-e2e.sh /abs/path/to/dateline-app
#
# Runs the suite in tests/e2e/ twice: once normally, once inside a network
# namespace with no interface but loopback (`unshare -n`), which proves the
# app needs no network. Each pass gets its own D-Bus session, Xvfb display and
# tauri-driver; everything is stopped on exit. Exits non-zero on any failure.
#
# Needs: Xvfb, dbus-run-session, WebKitWebDriver, tauri-driver (~/.cargo/bin),
# node >= 20, soffice, ImageMagick `import`; root (or user namespaces) for the
# offline pass. E2E_SKIP_OFFLINE=1 skips the offline pass; E2E_TESTS=path runs
# only that test file.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
self="$here/$(basename "${BASH_SOURCE[0]}")"
export PATH="$HOME/.cargo/bin:$PATH"

die() { echo "run-e2e: $*" >&2; exit 2; }

# --- one pass: Xvfb + tauri-driver + node --test (runs inside dbus-run-session)
if [[ "${1:-}" == "--pass" ]]; then
  app="$2"
  label="$3"
  work="$(mktemp -d "${TMPDIR:-/tmp}/dateline-e2e-run.XXXXXX")"
  xvfb_pid="" driver_pid=""
  cleanup() {
    local rc=$?
    [[ -n "$driver_pid" ]] && kill "$driver_pid" 2>/dev/null && wait "$driver_pid" 2>/dev/null
    [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
    if [[ $rc -ne 0 ]]; then
      echo "run-e2e [$label]: FAILED (exit $rc); logs and screens kept in $work" >&2
      echo "--- tauri-driver log (tail) ---" >&2
      tail -n 40 "$work/tauri-driver.log" >&2 2>/dev/null || true
    else
      rm -rf "$work"
    fi
    exit $rc
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  # Xvfb picks a free display itself and writes its number to fd 3.
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -ac 3>"$work/display" >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.1; done
  [[ -s "$work/display" ]] || { cat "$work/xvfb.log" >&2; die "Xvfb did not start"; }
  export DISPLAY=":$(head -n1 "$work/display")"

  free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
  port="$(free_port)"
  native_port="$(free_port)"
  while [[ "$native_port" == "$port" ]]; do native_port="$(free_port)"; done

  tauri-driver --port "$port" --native-port "$native_port" --native-driver /usr/bin/WebKitWebDriver \
    >"$work/tauri-driver.log" 2>&1 &
  driver_pid=$!
  ready=""
  for _ in $(seq 100); do
    if node -e "fetch('http://127.0.0.1:$port/status').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null; then
      ready=1
      break
    fi
    kill -0 "$driver_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$ready" ]] || { cat "$work/tauri-driver.log" >&2; die "tauri-driver did not start"; }

  echo "run-e2e [$label]: DISPLAY=$DISPLAY tauri-driver on :$port (native :$native_port)"
  export DATELINE_APP="$app"
  export WEBDRIVER_URL="http://127.0.0.1:$port"
  export E2E_ARTIFACTS="$work/artifacts"
  export E2E_TMP="$work"
  export E2E_PASS="$label"
  cd "$repo"
  # One file at a time: the app is single-instance per D-Bus session.
  node --test --test-concurrency=1 --test-timeout=240000 "${E2E_TESTS:-tests/e2e/}"
  exit 0
fi

# --- entry point
[[ $# -eq 1 ]] || die "usage: tests/run-e2e.sh /abs/path/to/dateline-app"
app="$1"
[[ "$app" == /* ]] || app="$(cd "$(dirname "$app")" && pwd)/$(basename "$app")"
[[ -x "$app" ]] || die "app binary not found or not executable: $app"
for tool in Xvfb dbus-run-session tauri-driver node soffice import; do
  command -v "$tool" >/dev/null || die "missing tool: $tool"
done
[[ -x /usr/bin/WebKitWebDriver ]] || die "missing /usr/bin/WebKitWebDriver (apt install webkit2gtk-driver)"

export NO_AT_BRIDGE=1
start=$SECONDS

echo "run-e2e: pass 1 (normal network)"
dbus-run-session -- bash "$self" --pass "$app" online

if [[ "${E2E_SKIP_OFFLINE:-}" == 1 ]]; then
  echo "run-e2e: offline pass skipped (E2E_SKIP_OFFLINE=1)"
else
  echo "run-e2e: pass 2 (network namespace, loopback only)"
  unshare -n -- bash -c '
    set -e
    ip link set lo up
    if [ -n "$(ip -o link show | grep -v ": lo:")" ]; then echo "unexpected interfaces:"; ip -o link show; exit 2; fi
    exec dbus-run-session -- bash "$0" --pass "$1" offline
  ' "$self" "$app"
fi

echo "run-e2e: all passes OK in $((SECONDS - start)) s"
