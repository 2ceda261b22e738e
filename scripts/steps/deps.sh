#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# deps.sh [WHAT...] [ARCH...]: installs the Debian packages the project
# needs for these uses and architectures, if any is missing: a first
# make run installs what make run needs and nothing else; another target
# adds its own on first use. WHAT: run (build and boot a kernel: the
# default), deb (make deb, install-test), patch (make patch), fuzz, bench,
# man, check (everything make check uses but the kernel sources, which it
# names), lava (a LAVA lab on this machine: make lava-local), or a package
# linux-source-X (the kernel source make unpacks). ARCH: a row of
# config/arches (its compilers and QEMU); x86_64 by default.
# As root it runs apt-get; otherwise it prints the command and fails.
run="gcc make flex bison bc libelf-dev libssl-dev cpio xz-utils perl rsync lz4 diffutils"
deb="dpkg-dev debhelper kmod mmdebstrap fdisk e2fsprogs"
patch="git patch perl python3 mandoc"
fuzz="clang libclang-rt-14-dev"
bench="ccache gnuplot-nox"
man="help2man mandoc man-db groff-base"
lava="postgresql lava-server lava-dispatcher lavacli curl iproute2"
check="$run $deb $patch $fuzz $bench $man $lava file strace procps sparse distcc shellcheck"
pkgs='' arches=''
for w in "$@"; do
	case $w in
	run) pkgs="$pkgs $run" ;;
	deb) pkgs="$pkgs $run $deb" ;;
	patch) pkgs="$pkgs $patch" ;;
	fuzz) pkgs="$pkgs $fuzz" ;;
	lava) pkgs="$pkgs $lava" ;;
	bench) pkgs="$pkgs $run $bench" ;;
	man) pkgs="$pkgs $man" ;;
	check) pkgs="$pkgs $check" ;;
	linux-source-*) pkgs="$pkgs $w" ;;
	*) arches="$arches $w" ;;
	esac
done
[ -n "$pkgs" ] || pkgs=$run
# shellcheck disable=SC2086 # one argument per name
arch_pkgs=$("$(dirname "$0")/arches.sh" deps ${arches:-x86_64}) || exit 2
# shellcheck disable=SC2086 # one word per package
pkgs=$(echo $pkgs $arch_pkgs | tr ' ' '\n' | sort -u | tr '\n' ' ')
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
# Another apt-get or dpkg at work (a second make, the machine's own
# updates): wait for its lock up to 20 minutes rather than fail at once.
lock="-o DPkg::Lock::Timeout=1200"
install() {
	holder=$(lslocks -n -o PID,PATH 2>/dev/null | awk '$2 == "/var/lib/dpkg/lock-frontend" { print $1; exit }')
	[ -z "$holder" ] || echo "deps.sh: waiting for process $holder, which holds dpkg's lock" >&2
	# shellcheck disable=SC2086 # lock: the option and its value, two words
	apt-get $lock install -y -q --no-install-recommends "$@" >/dev/null || {
		echo "deps.sh: apt-get install failed; run: apt-get install -y $*" >&2
		exit 1
	}
}
# shellcheck disable=SC2086 # lock: two words
apt-get $lock update -q >/dev/null || { echo "deps.sh: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086 # one argument per package
case $missing in
*" lava-server"*)
	# lava-server's install makes its database: PostgreSQL must run then
	# (nothing starts services on install here); stopped again after.
	echo "installing LAVA: about 200 packages, minutes the first time" >&2
	install postgresql
	# shellcheck disable=SC2046,SC2086 # words: version, name, state, folder
	set -- $(pg_lsclusters -h | awk '{ print $1, $2, $4, $6; exit }')
	[ "$3" = online ] || pg_ctlcluster "$1" "$2" start
	install $missing
	[ "$3" = online ] || pg_ctlcluster "$1" "$2" stop
	;;
*) install $missing ;;
esac
