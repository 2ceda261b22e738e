#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# deps.sh [ARCH...]: installs the Debian packages the project needs for
# these architectures (default x86_64), if any is missing: the common ones
# below, and each architecture's own (its compilers and QEMU, config/arches).
# As root it runs apt-get; otherwise it prints the command and fails.
[ $# -gt 0 ] || set -- x86_64
arch_pkgs=$("$(dirname "$0")/arches.sh" deps "$@") || exit 2
pkgs="linux-source-6.1 linux-source-6.12
gcc make flex bison bc libelf-dev libssl-dev cpio xz-utils perl
python3 patch diffutils rsync lz4 clang libclang-rt-14-dev file strace procps
dpkg-dev debhelper kmod mmdebstrap fdisk e2fsprogs sparse mandoc git ccache
$arch_pkgs"
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
