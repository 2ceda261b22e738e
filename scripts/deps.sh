#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# deps.sh: installs the Debian packages the project needs, if any is missing.
# As root it runs apt-get; otherwise it prints the command and fails.
pkgs="linux-source-6.1 linux-source-6.12 qemu-system-x86 busybox-static
gcc gcc-12-multilib musl-tools make flex bison bc libelf-dev libssl-dev cpio xz-utils perl
python3 patch diffutils rsync lz4 clang libclang-rt-14-dev file strace procps
gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm
dpkg-dev debhelper kmod mmdebstrap fdisk e2fsprogs sparse mandoc git ccache"
# One dpkg-query for all (make run calls this each time): the installed ones.
# shellcheck disable=SC2086 # one argument per package
installed=" $(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $pkgs 2>/dev/null |
	awk '$1 == "ii" { printf "%s ", $2 }')"
missing=
for p in $pkgs; do
	case $installed in *" $p "*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "Missing Debian packages:$missing" >&2
	echo "Install them with:  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null &&
	apt-get install -y -q --no-install-recommends $missing >/dev/null || {
	echo "deps.sh: apt-get install failed; run: apt-get install -y$missing" >&2
	exit 1
}
