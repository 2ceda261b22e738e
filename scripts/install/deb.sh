#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# deb.sh SRC OBJ OUT JOBS MARK ARCH CROSS: the configured tree in SRC (built
# in OBJ, for kbuild's ARCH with the cross compiler's prefix CROSS) as
# Debian packages, with the kernel's own `make bindeb-pkg`, through
# kbuild.sh (its fallbacks for an old tree's objtool, remembered in MARK);
# the packages go to OUT, with OUT/release holding the kernel's release
# (uname -r).
# dpkg-buildpackage writes next to the build directory, so OBJ's parent
# gets them first; OUT is replaced only once all is built.
set -eu
src=$1 obj=$2 out=$3 jobs=$4 mark=$5 arch=$6 cross=$7
parent=$(dirname "$obj")
# what dpkg-buildpackage leaves there: linux-image-<release>_<version>_<arch>.deb,
# linux-headers-..., linux-libc-dev_..., and the source package's .buildinfo
# and .changes (linux-upstream_* from 6.x, linux-<release>_* before)
rm -f "$parent"/*.deb "$parent"/*.buildinfo "$parent"/*.changes
# debian/ in OBJ is made by bindeb-pkg; what an interrupted one left there
# (5.x's builddeb does not start afresh) would make it fail
rm -rf "$obj/debian"
"$(dirname "$0")/../steps/kbuild.sh" "$src" "$obj" "$arch" "$cross" "$jobs" bindeb-pkg "$mark"
release=$(cat "$obj/include/config/kernel.release")
rm -rf "$out.new"
mkdir -p "$out.new"
for f in "$parent"/*.deb "$parent"/*.buildinfo "$parent"/*.changes; do
	if [ -e "$f" ]; then mv "$f" "$out.new"/; fi
done
ls "$out.new/linux-image-${release}"_*.deb >/dev/null
echo "$release" > "$out.new/release"
rm -rf "$out"
mv "$out.new" "$out"
ls -l "$out"
