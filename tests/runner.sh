#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The runner's documented exit codes, each in bounded time, on a guest that
# passes, fails, runs no test, ends silently, hangs, panics; its errors for a
# missing kernel or QEMU and bad numbers; its TAP results; its disk boots
# (QEMU's command line, checked through a stand-in); and the fallback
# from a KVM that fails (stand-in QEMUs that abort, exit or hang under
# -accel kvm) to software emulation. Needs the 6.12 kernel image (make kernel).
# check: kernel -- runner exit codes, console (ASan+UBSan)
# shellcheck disable=SC2086 # $R: the runner's options, a word each
. "$(dirname "$0")/lib.sh"
plan 47
KERNEL=${KERNEL_IMAGE:-$(mkvar KIMAGE KERNEL=6.12)}
CPIO=$(mkvar GEN_INIT_CPIO KERNEL=6.12)
scratch
if [ ! -f "$KERNEL" ] || [ ! -x "$CPIO" ]; then
	fail "runner tests" "need $KERNEL and $CPIO: run 'make kernel guest' first"
	done_tests
fi
gcc -static -O2 -Wall -Wextra -Werror -o "$T/init" "$ROOT/tests/guests/fake_init.c" || {
	fail "runner: fake init builds" "gcc failed"; done_tests; }
printf 'dir /dev 0755 0 0\nnod /dev/console 0600 0 0 c 5 1\ndir /proc 0755 0 0\nfile /init %s 0755 0 0\n' \
	"$T/init" > "$T/list"
"$CPIO" "$T/list" > "$T/initrd"

# case NAME WANT-CODE MAX-SECONDS QRUN-ARGS...
case_() {
	name=$1 want=$2 max=$3
	shift 3
	start=$(date +%s)
	"$QRUN" --quiet --accel tcg "$@" >"$T/out" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	if [ $rc -eq "$want" ] && [ $took -le "$max" ]; then
		pass "runner: $name -> exit $want"
	else
		fail "runner: $name -> exit $want" "exit $rc after ${took}s: $(tail -n 2 "$T/out" | tr '\n' ' ')"
	fi
}
R="--kernel $KERNEL --initrd $T/initrd"
case_ "guest passes" 0 30 $R -- fake=pass
case_ "guest test fails" 1 30 $R -- fake=fail
case_ "guest runs no test" 1 30 $R -- fake=none
case_ "guest ends without verdict" 5 30 $R -- fake=silent
case_ "guest hangs" 3 20 $R --timeout 8 -- fake=hang
case_ "kernel panics" 4 30 $R -- fake=panic
# A kernel that halts after its panic (panic=0 here; malta cannot reset):
# qrun ends it a few seconds after the crash line, not at its time limit.
case_ "kernel panics and halts: ended soon after the crash" 4 20 $R --timeout 60 -- fake=panic panic=0
case_ "WARNING in the kernel log, verdict pass" 4 30 $R -- fake=warn
case_ "WARNING: printed by a program (no printk time stamp), verdict pass" 0 30 $R -- fake=userwarn
# A console line longer than the runner's buffer comes out whole (cut in
# two lines, no byte lost).
"$QRUN" --accel tcg --console user $R -- fake=longline >"$T/out" 2>&1
digits=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "%d", i % 10 }')
if tr -d '\n' <"$T/out" | grep -q "$digits"; then
	pass "runner: a console line longer than its buffer loses no byte"
else
	fail "runner: a console line longer than its buffer loses no byte" "$(head -c 300 "$T/out")"
fi
case_ "missing kernel" 2 5 --kernel "$T/nope" --initrd "$T/initrd"
case_ "missing QEMU" 2 5 $R --qemu "$T/no-qemu-here" -- fake=pass
if grep -q "install qemu-system-x86" "$T/out"; then pass "runner: missing QEMU says what to do"; else fail "runner: missing QEMU says what to do" "$(cat "$T/out")"; fi
touch "$T/file"
case_ "unwritable work directory" 2 5 $R --workdir "$T/file/sub" -- fake=pass
if grep -q "give a writable one with --workdir" "$T/out"; then pass "runner: unwritable work directory says what to do"; else fail "runner: unwritable work directory says what to do" "$(cat "$T/out")"; fi
case_ "bad option" 2 5 --bogus
case_ "timeout that is not a number" 2 5 $R --timeout abc -- fake=pass
if grep -q "give a whole number" "$T/out"; then pass "runner: a bad number is named"; else fail "runner: a bad number is named" "$(cat "$T/out")"; fi

# --results: the guest's checks and the boot's own, as TAP with a plan.
"$QRUN" --quiet --accel tcg $R --results "$T/tap" -- fake=fail >/dev/null 2>&1
if [ "$(cat "$T/tap")" = "$(printf 'ok 1 - fake one\nnot ok 2 - fake two: on purpose\nok 3 - boot: verdict reached, no kernel crash\n1..3')" ]; then
	pass "runner: --results writes the guest's checks as TAP"
else
	fail "runner: --results writes the guest's checks as TAP" "$(cat "$T/tap")"
fi
"$QRUN" --quiet --accel tcg $R --timeout 8 --results "$T/tap" -- fake=hang >/dev/null 2>&1
if grep -q '^not ok 1 - boot: no verdict after 8 s' "$T/tap" && grep -qx '1..1' "$T/tap"; then
	pass "runner: --results of a hung guest is a failed check"
else
	fail "runner: --results of a hung guest is a failed check" "$(cat "$T/tap")"
fi

# The console: --console user shows the guest's lines, not the kernel's own
# (told by their printk time stamps); all shows both; a boot that goes wrong
# shows its last lines whatever was asked, and --console-log keeps it all.
stamped='^\[ *[0-9]+\.[0-9]+\] '
"$QRUN" --accel tcg $R --console user --console-log "$T/console" -- fake=pass >"$T/out" 2>&1
if grep -q '^fake init: a line' "$T/out" && ! grep -qE "$stamped" "$T/out" &&
	grep -qE "$stamped" "$T/console"; then
	pass "runner: --console user shows the guest's lines, not the kernel's; --console-log has all"
else
	fail "runner: --console user shows the guest's lines, not the kernel's; --console-log has all" \
		"$(head -n 5 "$T/out")"
fi
"$QRUN" --accel tcg $R --console all -- fake=pass >"$T/out" 2>&1
if grep -q '^fake init: a line' "$T/out" && grep -qE "$stamped" "$T/out"; then
	pass "runner: --console all shows the kernel's lines too"
else
	fail "runner: --console all shows the kernel's lines too" "$(head -n 5 "$T/out")"
fi
"$QRUN" --accel tcg $R --console user -- fake=panic >"$T/out" 2>&1
if grep -q "the console's last" "$T/out" && grep -q 'Kernel panic' "$T/out"; then
	pass "runner: a crash shows the console's last lines"
else
	fail "runner: a crash shows the console's last lines" "$(tail -n 5 "$T/out")"
fi
case_ "bad --console" 2 5 $R --console loud -- fake=pass

# A disk: attached as a virtio drive, on a snapshot if asked; without
# --kernel QEMU boots the disk (SeaBIOS: no -kernel, no qboot).
cat > "$T/qemu-args" <<STUB
#!/bin/sh
echo "\$*" > "$T/args"
exec "$(command -v qemu-system-x86_64)" "\$@"
STUB
chmod +x "$T/qemu-args"
truncate -s 1M "$T/disk"
case_ "disk beside a kernel, snapshot" 0 30 $R --disk "$T/disk" --snapshot --qemu "$T/qemu-args" -- fake=pass
if grep -q -- "-drive file=$T/disk,format=raw,if=virtio,snapshot=on" "$T/args" && grep -q -- "-kernel" "$T/args"; then
	pass "runner: --disk --snapshot gives QEMU a virtio drive on a snapshot"
else
	fail "runner: --disk --snapshot gives QEMU a virtio drive on a snapshot" "$(cat "$T/args")"
fi
case_ "disk alone, nothing bootable on it" 3 20 --disk "$T/disk" --timeout 4 --qemu "$T/qemu-args"
if grep -q -- "-drive file=$T/disk,format=raw,if=virtio " "$T/args" && ! grep -qE -- "-kernel|-bios|-append" "$T/args"; then
	pass "runner: --disk alone boots the disk through SeaBIOS"
else
	fail "runner: --disk alone boots the disk through SeaBIOS" "$(cat "$T/args")"
fi
case_ "kernel parameters for a disk's own boot loader" 2 5 --disk "$T/disk" -- fake=pass
case_ "--snapshot without a disk" 2 5 $R --snapshot -- fake=pass
# --icount (make bench's instruction counts): QEMU's -icount, software
# emulation only.
case_ "--icount: the guest runs" 0 30 $R --icount --qemu "$T/qemu-args" -- fake=pass
if grep -q -- "-accel tcg .*-icount shift=0 " "$T/args"; then
	pass "runner: --icount gives QEMU -icount shift=0 under TCG"
else
	fail "runner: --icount gives QEMU -icount shift=0 under TCG" "$(cat "$T/args")"
fi
case_ "--icount with --accel kvm" 2 5 $R --icount --accel kvm -- fake=pass
# --dtb (armv5's board): QEMU's -dtb with the kernel (x86's QEMU takes it
# and boots as before); a missing file, or a device tree without --kernel,
# refused.
: > "$T/dtb"
case_ "--dtb: the guest runs" 0 30 $R --dtb "$T/dtb" --qemu "$T/qemu-args" -- fake=pass
if grep -q -- "-kernel $KERNEL -append .* -dtb $T/dtb -initrd" "$T/args"; then
	pass "runner: --dtb gives QEMU -dtb after the kernel"
else
	fail "runner: --dtb gives QEMU -dtb after the kernel" "$(cat "$T/args")"
fi
case_ "missing device tree" 2 5 $R --dtb "$T/nope.dtb" -- fake=pass
case_ "--dtb without --kernel" 2 5 --disk "$T/disk" --dtb "$T/dtb"

# Stand-in QEMUs: under -accel kvm one aborts as QEMU does on AMD hosts
# ("failed to set MSR"), one exits with an error, one hangs without a word;
# under -accel tcg each runs the real QEMU. Each call is logged.
real_qemu=$(command -v qemu-system-x86_64)
for kind in abort exit hang; do
	cat > "$T/qemu-$kind" <<STUB
#!/bin/sh
case " \$* " in
*" -accel kvm "*)
	echo kvm >> "$T/calls-$kind"
	case $kind in
	abort) echo "qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69" >&2; kill -ABRT \$\$ ;;
	exit) echo "qemu-system-x86_64: failed to initialize kvm: Permission denied" >&2; exit 1 ;;
	hang) exec sleep 60 ;;
	esac ;;
esac
echo tcg >> "$T/calls-$kind"
exec "$real_qemu" "\$@"
STUB
	chmod +x "$T/qemu-$kind"
	rm -f "$T/cache-$kind"
	case_ "KVM that fails ($kind): falls back to TCG, passes" 0 40 $R --accel auto --assume-kvm \
		--kvm-grace 3 --qemu "$T/qemu-$kind" --kvm-cache "$T/cache-$kind" -- fake=pass
	if [ "$(tr '\n' ' ' <"$T/calls-$kind" 2>/dev/null)" = "kvm tcg " ] &&
		grep -q "KVM failed here" "$T/out" && [ -s "$T/cache-$kind" ]; then
		pass "runner: KVM that fails ($kind): said in one line, remembered"
	else
		fail "runner: KVM that fails ($kind): said in one line, remembered" \
			"calls: $(tr '\n' ' ' <"$T/calls-$kind" 2>/dev/null); $(cat "$T/out")"
	fi
done
# Remembered: the next run does not try KVM again.
: > "$T/calls-abort"
case_ "KVM remembered as failing: straight to TCG" 0 30 $R --accel auto --assume-kvm \
	--qemu "$T/qemu-abort" --kvm-cache "$T/cache-abort" -- fake=pass
if [ "$(cat "$T/calls-abort")" = tcg ]; then pass "runner: a remembered KVM failure is not tried again"; else
	fail "runner: a remembered KVM failure is not tried again" "calls: $(cat "$T/calls-abort")"; fi
# Asked for explicitly, KVM that aborts is an error that says what to do.
case_ "--accel kvm where KVM aborts" 5 20 $R --accel kvm --qemu "$T/qemu-abort" -- fake=pass
if grep -q "ACCEL=auto" "$T/out"; then pass "runner: --accel kvm failing says what to do"; else
	fail "runner: --accel kvm failing says what to do" "$(cat "$T/out")"; fi
done_tests
