#!/usr/bin/env bash
# Repacks the Tauri bundler's .deb so that two builds of one commit give the
# same file: the bundler stamps every member with the time of the build and
# does not read SOURCE_DATE_EPOCH. The package is unpacked, every file's
# time set to SOURCE_DATE_EPOCH (the commit's time, from the Makefile), and
# packed again by dpkg-deb, which sorts the members, owns them by root and
# takes its own archive times from SOURCE_DATE_EPOCH. Nothing else changes.
#
#   SOURCE_DATE_EPOCH=… dist/linux/repack-deb.sh IN.deb OUT.deb
set -euo pipefail
: "${SOURCE_DATE_EPOCH:?set SOURCE_DATE_EPOCH (the Makefile does)}"
in=$(realpath "$1")
out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -R "$in" "$work/root"
find "$work/root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$work/root" "$out" >/dev/null
