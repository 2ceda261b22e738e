#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# debian-image.sh OUT.tar: a small Debian 12 (bookworm) system as a tarball,
# made from Debian's archive by mmdebstrap: systemd as init, udev, the boot
# loader (GRUB for BIOS) and Debian's initramfs-tools, so that installing a
# kernel package runs the same hooks as on a reader's machine; a user
# "tester" (uid 1000) for the unprivileged test; initramfs-tools compresses
# with gzip, which every kernel from 5.4 on unpacks. Nothing of the project's
# is in it: make install-test adds that when it makes the disk.
set -eu
out=$1
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
pkgs=systemd-sysv,udev,initramfs-tools,zstd,grub2-common,grub-pc-bin,kmod,e2fsprogs,passwd,util-linux
rm -f "$out.new"
mmdebstrap --format=tar --variant=minbase --include="$pkgs" \
	--customize-hook='echo hello-debian > "$1/etc/hostname"' \
	--customize-hook='echo "/dev/vda1 / ext4 errors=remount-ro 0 1" > "$1/etc/fstab"' \
	--customize-hook='chroot "$1" useradd --create-home --uid 1000 --shell /bin/sh tester' \
	--customize-hook='chroot "$1" systemctl set-default multi-user.target' \
	--customize-hook='sed -i "s/^COMPRESS=.*/COMPRESS=gzip/" "$1/etc/initramfs-tools/initramfs.conf"' \
	--customize-hook='printf "%s\n" "GRUB_DEFAULT=0" "GRUB_TIMEOUT=0" "GRUB_TIMEOUT_STYLE=menu" \
		"GRUB_DISTRIBUTOR=Debian" "GRUB_CMDLINE_LINUX=\"console=ttyS0\"" \
		"GRUB_TERMINAL=serial" "GRUB_SERIAL_COMMAND=\"serial --unit=0 --speed=115200\"" \
		> "$1/etc/default/grub"' \
	bookworm "$out.new" "$mirror"
mv "$out.new" "$out"
