#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# install-disk.sh BASE.tar DEBS HELLO_TEST VERDICT_DEV OUT.img: a raw disk (MBR, one
# ext4 partition from 1 MiB) holding the Debian system of BASE.tar, plus
# what make install-test brings: the kernel packages of DEBS (the output of
# make deb, with its release file), the tutorial's program, and the two
# systemd units of guest/debian (the first boot installs, the next checks),
# and the guest's device for the verdict (config/arches: the second serial
# port), which their scripts read from /root/hello/verdict-device.
# Made without mounting anything: the tarball is unpacked (as root, so that
# owners and device nodes stay) and mke2fs fills the file system from that
# directory. The boot loader is installed by the first boot.
set -eu
base=$1 debs=$2 prog=$3 vdev=$4 out=$5
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$out.work
trap 'rm -rf "$work" "$out.new"' EXIT
rm -rf "$work" "$out.new"
root=$work/root
mkdir -p "$root"
tar -C "$root" --numeric-owner -xpf "$base"
mkdir -p "$root/root/hello/debs"
cp "$debs"/linux-image-*.deb "$root/root/hello/debs/"
cp "$debs/release" "$here/guest/debian/install" "$here/guest/debian/verdict" "$root/root/hello/"
echo "$vdev" > "$root/root/hello/verdict-device"
cp "$prog" "$root/usr/local/bin/hello_test"
cp "$here"/guest/debian/*.service "$root/etc/systemd/system/"
ln -s ../hello-install.service "$root/etc/systemd/system/multi-user.target.wants/"
truncate -s 2G "$out.new"
printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q "$out.new"
mke2fs -q -F -t ext4 -L debian -E offset=1048576 -d "$root" "$out.new" 2096128k
mv "$out.new" "$out"
