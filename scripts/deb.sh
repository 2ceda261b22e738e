#!/bin/sh
# deb.sh SRC OBJ OUT JOBS: the configured tree in SRC (built in OBJ) as
# Debian packages, with the kernel's own `make bindeb-pkg`; the packages go
# to OUT, with OUT/release holding the kernel's release (uname -r).
# dpkg-buildpackage writes next to the build directory, so OBJ's parent
# gets them first; OUT is replaced only once all is built.
set -eu
src=$1 obj=$2 out=$3 jobs=$4
parent=$(dirname "$obj")
# what dpkg-buildpackage leaves there: linux-image-<release>_<version>_<arch>.deb,
# linux-headers-..., linux-libc-dev_..., linux-upstream_....{buildinfo,changes}
rm -f "$parent"/linux-*.deb "$parent"/linux-upstream_*
make -C "$src" O="$obj" -j"$jobs" bindeb-pkg
release=$(cat "$obj/include/config/kernel.release")
rm -rf "$out.new"
mkdir -p "$out.new"
mv "$parent"/linux-*.deb "$parent"/linux-upstream_* "$out.new"/
ls "$out.new"/linux-image-"$release"_*.deb >/dev/null
echo "$release" > "$out.new/release"
rm -rf "$out"
mv "$out.new" "$out"
ls -l "$out"
