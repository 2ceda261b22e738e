#!/bin/sh
# deps.sh: installs the Debian packages the project needs, if any is missing.
# As root it runs apt-get; otherwise it prints the command and fails.
pkgs="linux-source-6.1 linux-source-6.12 qemu-system-x86 busybox-static
gcc gcc-12-multilib make flex bison bc libelf-dev libssl-dev cpio xz-utils perl
python3 patch diffutils rsync lz4 clang libclang-rt-14-dev file strace procps
gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
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
