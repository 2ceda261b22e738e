#!/bin/sh
# The runner's documented exit codes, each in bounded time, on a guest that
# passes, fails, runs no test, ends silently, hangs, panics; and its errors
# for a missing kernel or QEMU. Needs the 6.12 bzImage (make kernel).
. "$(dirname "$0")/lib.sh"
KERNEL=${KERNEL_IMAGE:-$B/obj/6.12-vm/arch/x86/boot/bzImage}
CPIO=$B/tools/gen_init_cpio-6.12
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
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
case_ "WARNING in the kernel log, verdict pass" 4 30 $R -- fake=warn
case_ "missing kernel" 2 5 --kernel "$T/nope" --initrd "$T/initrd"
case_ "missing QEMU" 2 5 $R --qemu "$T/no-qemu-here" -- fake=pass
if grep -q "install qemu-system-x86" "$T/out"; then pass "runner: missing QEMU says what to do"; else fail "runner: missing QEMU says what to do" "$(cat "$T/out")"; fi
touch "$T/file"
case_ "unwritable work directory" 2 5 $R --workdir "$T/file/sub" -- fake=pass
if grep -q "give a writable one with --workdir" "$T/out"; then pass "runner: unwritable work directory says what to do"; else fail "runner: unwritable work directory says what to do" "$(cat "$T/out")"; fi
case_ "bad option" 2 5 --bogus
done_tests
