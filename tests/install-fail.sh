#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make install-test must fail when it should. On a copy of the installed
# Debian disk (build/debian/installed-6.12.img), changed with debugfs (no
# mount): the release it expects is another kernel's (as when GRUB starts
# the old one), a unit that fails is enabled (the system does not reach its
# target cleanly), and the tutorial's program is /bin/true (the line never
# reaches the kernel log). One boot from the disk; each of those checks
# must be "not ok", the others still "ok".
# check: full-install -- make install-test fails when it should
. "$(dirname "$0")/lib.sh"
plan 7
DISK=$(mkvar DISK)
scratch
if [ ! -f "$DISK" ]; then
	fail "install-test failures" "need $DISK: run 'make install-test' first"
	done_tests
fi
cp --sparse=always "$DISK" "$T/disk"
printf '6.1.0-old-kernel\n' > "$T/release"
printf '[Unit]\nDescription=fails on purpose\n[Service]\nType=oneshot\nExecStart=/bin/false\n[Install]\nWantedBy=multi-user.target\n' \
	> "$T/broken.service"
debugfs -w -f - "$T/disk?offset=1048576" > "$T/debugfs.log" 2>&1 <<CMDS
rm /root/hello/release
write $T/release /root/hello/release
write $T/broken.service /etc/systemd/system/broken.service
symlink /etc/systemd/system/multi-user.target.wants/broken.service ../broken.service
rm /usr/local/bin/hello_test
symlink /usr/local/bin/hello_test /bin/true
CMDS
"$QRUN" --quiet --accel "${ACCEL:-auto}" --kvm-cache "$B/kvm-fails" --timeout 600 --mem 512 \
	--workdir "$T" --disk "$T/disk" --snapshot --results "$T/tap" >"$T/out" 2>&1
rc=$?
if [ $rc -eq 1 ]; then pass "install-test failures: qrun exits 1"; else
	fail "install-test failures: qrun exits 1" "exit $rc: $(tail -n 5 "$T/out")"; fi
# has NAME PATTERN: the results have a line matching PATTERN
has() {
	if grep -q "$2" "$T/tap"; then pass "install-test failures: $1"; else
		fail "install-test failures: $1" "no line '$2' in: $(cat "$T/tap")"; fi
}
has "another kernel booted: named" "^not ok .* uname -r is .*, not 6.1.0-old-kernel: the boot loader started another kernel"
has "a failed unit: named" "^not ok .* failed units: broken.service"
has "the line missing from dmesg" "^not ok .* dmesg has no 'hello_syscall: Hello world!'"
has "the line missing from the journal" "^not ok .* journalctl -k has no 'hello_syscall: Hello world!'"
has "the program still ran as uid 1000" "^ok .* hello_test as uid 1000"
has "the verdict was reached" "^ok .* boot: verdict reached"
done_tests
