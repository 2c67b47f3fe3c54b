#!/usr/bin/env bash
# Runs tests/dist-deb.sh in a clean Debian 12 root instead of this machine:
# a minimal bookworm made by mmdebstrap from the Debian registry, with only
# the test's own tools added (Xvfb, xdotool, ImageMagick's import...). apt
# then has to find every library and font the app needs through the .deb's
# dependencies alone: nothing this development machine has installed helps.
#
#   tests/dist-deb-clean.sh dist/Dateline_0.1.0_amd64.deb
#
# As root (it mounts /proc, /sys and /dev into the root). The base root is
# made once (a 456 MB tarball, with ImageMagick for the screenshot) and kept in
# $DATELINE_CLEAN_ROOT (default $CARGO_TARGET_DIR/clean-root); each run
# unpacks a fresh copy and deletes it afterwards.
set -euo pipefail
deb=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "dist-deb-clean: must run as root (chroot, mounts)" >&2; exit 1; }
command -v mmdebstrap >/dev/null || { echo "dist-deb-clean: mmdebstrap is missing (scripts/deps.sh)" >&2; exit 1; }

cache=${DATELINE_CLEAN_ROOT:-${CARGO_TARGET_DIR:-$here/target}/clean-root}
# The test's tools, not the app's dependencies: those must come from the .deb.
tools=xvfb,xauth,x11-utils,xdotool,dbus,dbus-x11,imagemagick,desktop-file-utils
base="$cache/bookworm-$(echo "$tools" | md5sum | cut -c1-8).tar"
mkdir -p "$cache"
if [ ! -f "$base" ]; then
  echo "dist-deb-clean: making a clean bookworm root (once) in $base"
  mmdebstrap --quiet --variant=apt --format=tar --include="$tools" bookworm "$base.part" \
    || { rm -f "$base.part"; echo "dist-deb-clean: mmdebstrap failed" >&2; exit 1; }
  mv "$base.part" "$base"
fi

root=$(mktemp -d "$cache/root.XXXXXX")
mounted=()
cleanup() {
  # Processes the test left in the root (WebKit helpers, a D-Bus daemon)
  # keep its mounts busy: end them first, found by their root folder.
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  sleep 1
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null || true
  done
  rm -rf --one-file-system "$root" || echo "dist-deb-clean: could not remove $root" >&2
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
for m in proc sys dev dev/pts; do
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    dev) mount --bind /dev "$root/dev" ;;
    dev/pts) mount --bind /dev/pts "$root/dev/pts" ;;
  esac
  mounted+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A booted system has a machine id; D-Bus warns without one.
chroot "$root" dbus-uuidgen --ensure=/etc/machine-id

# Nothing of Dateline's is in the root before the test.
for f in usr/bin/dateline usr/bin/dateline-app usr/share/hunspell/en_GB.dic; do
  [ ! -e "$root/$f" ] || { echo "dist-deb-clean: FAIL: /$f exists in the clean root" >&2; exit 1; }
done

mkdir -p "$root/test/tests" "$root/test/assets"
cp "$deb" "$root/test/"
cp "$here/tests/dist-deb.sh" "$root/test/tests/"
cp -r "$here/assets/samples" "$root/test/assets/"
chroot "$root" apt-get update -qq
chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  /test/tests/dist-deb.sh "/test/$(basename "$deb")"
echo "dist-deb-clean: the .deb installed, ran and uninstalled in a clean Debian 12 root"
