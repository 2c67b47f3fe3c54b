#!/usr/bin/env bash
# Installs what `make run` and `make test` need and is not there yet:
# Debian packages (with sudo when not root), npm packages, tauri-driver,
# and the OOXML validator (a pinned PyPI package in its own virtual
# environment, so the system Python is left alone).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
  webkit2gtk-driver xvfb xauth dbus dbus-x11 imagemagick
  libreoffice-writer-nogui python3-uno pandoc poppler-utils chromium default-jre-headless
  fonts-noto-core fonts-noto-cjk python3-venv
  # spelling (crates/dateline-core/src/check/spelling.rs): read at run time.
  hunspell-en-gb hunspell-en-us hunspell-fr hunspell-es hunspell-ru hunspell-ar
  # make dist and its tests: the Windows cross-build and installer, wine to
  # run it, xdotool to find the installed app's window, mmdebstrap for the
  # clean root the .deb is installed into.
  gcc-mingw-w64-x86-64 nsis wine wine64 xdotool desktop-file-utils mmdebstrap
  # Spelling dictionaries: the .deb depends on them, the Windows installer
  # bundles them (from /usr/share/hunspell) with their licences.
  hunspell-en-gb hunspell-en-us hunspell-fr hunspell-es hunspell-ru hunspell-ar
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages: reinstall when the lock file is newer than the install.
for dir in ui tests dist; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "deps: npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund
  fi
done

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "deps: cargo install tauri-driver"
  cargo install tauri-driver --locked
fi

# openxml-audit validates every Word file we write against the OOXML schema
# (crates/dateline-core/tests/schema.rs). Pinned: a new release may add rules.
OPENXML_AUDIT_VERSION=0.8.0
VENV="$HOME/.cache/dateline-venv"
installed=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("openxml-audit"))' 2>/dev/null || true)
if [ "$installed" != "$OPENXML_AUDIT_VERSION" ]; then
  echo "deps: openxml-audit $OPENXML_AUDIT_VERSION into $VENV"
  /usr/bin/python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "openxml-audit==$OPENXML_AUDIT_VERSION"
fi
