#!/bin/bash
# bench/bench.sh [KERNEL]: the edit-build-boot-test loop and the calls,
# measured on this machine in one run. Prints a table and writes
# build/bench/results.json. Uses its own copy of the source (build/bench/),
# so the figures do not depend on what make run has cached, and leaves the
# project's build alone. About 5 minutes on 2 cores.
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
K=${1:-6.12}
B=$ROOT/build
BB=$B/bench
SRC=$BB/linux-source-$K
OBJ=$BB/obj
BZ=$OBJ/arch/x86/boot/bzImage
INITRD=$B/guest/$K/initramfs.cpio
QRUN_LOUD="$B/tools/qrun --accel tcg --workdir $BB/run"
QRUN="$QRUN_LOUD --quiet"
N=5

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
step() { printf '%-40s' "$1" >&2; }
done_() { printf '%s\n' "$1" >&2; }

[ -f "$INITRD" ] || { echo "bench: $INITRD missing: run 'make guest KERNEL=$K' first" >&2; exit 1; }
ARM_INITRD=$B/guest/$K-arm64/run.cpio
[ -f "$ARM_INITRD" ] || { echo "bench: $ARM_INITRD missing: run 'make guest KERNEL=$K ARCH=arm64' first" >&2; exit 1; }
rm -rf "$BB"
mkdir -p "$BB"

step "unpack linux-source-$K (not timed)"
tar -C "$BB" -xf /usr/src/linux-source-$K.tar.xz
done_ ok

# Cold: pristine unpacked source to bzImage; no compiler cache.
step "cold build (patch, configure, bzImage)"
t=$(now)
"$B/tools/patcher" -q -k kernel apply "$SRC"
scripts/config.sh "$SRC" "$OBJ" x86_64 "" config/vm.config config/x86_64.config config/hello.config >"$BB/config.log" 2>&1
make -C "$SRC" O="$OBJ" ARCH=x86_64 -j"$(nproc)" bzImage >"$BB/build.log" 2>&1
cold=$(since "$t")
done_ "$cold s"

# boot_median QRUN-ARGS...: QEMU start to verdict under TCG, N times; sets
# $median and prints the line.
boot_median() {
	local boots="" t i
	for i in $(seq $N); do
		t=$(now)
		$QRUN "$@" -- hello.mode=run >/dev/null 2>&1
		boots="$boots $(since "$t")"
	done
	median=$(echo "$boots" | median)
	done_ "$median s (median of:$boots)"
}

step "boot to verdict x$N"
boot_median --kernel "$BZ" --initrd "$INITRD"
boot=$median

# Edit to verdict: a one-line change in the call, rebuild, boot and test.
step "edit, rebuild, boot, test x$N"
rebuilds="" loops=""
for i in $(seq $N); do
	t=$(now)
	echo "/* bench edit $i */" >> "$SRC/my_syscalls/my_syscalls.c"
	make -C "$SRC" O="$OBJ" ARCH=x86_64 -j"$(nproc)" bzImage >"$BB/rebuild.log" 2>&1
	rebuilds="$rebuilds $(since "$t")"
	$QRUN --kernel "$BZ" --initrd "$INITRD" -- hello.mode=run >/dev/null 2>&1
	loops="$loops $(since "$t")"
done
rebuild=$(echo "$rebuilds" | median)
loop=$(echo "$loops" | median)
done_ "$loop s (rebuild $rebuild s)"

# Cost of a call, in the guest.
step "calls in the guest"
scripts/exec-initrd.sh "$INITRD" "$B/guest/$K/callbench" "$BB/callbench.cpio"
calls=$($QRUN_LOUD --kernel "$BZ" --initrd "$BB/callbench.cpio" -- hello.mode=run hello.exec=/exec 2>/dev/null |
	tr -d '\r' | sed -n 's/^BENCH //p')
[ -n "$calls" ] || { echo "bench: callbench printed nothing" >&2; exit 1; }
done_ "$calls"

# arm64: the same patched source, its own object directory, cross-built.
step "arm64: cold build (configure, Image)"
OBJ64=$BB/obj-arm64
t=$(now)
scripts/config.sh "$SRC" "$OBJ64" arm64 aarch64-linux-gnu- config/vm.config config/arm64.config \
	config/hello.config >"$BB/config-arm64.log" 2>&1
make -C "$SRC" O="$OBJ64" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- -j"$(nproc)" Image \
	>"$BB/build-arm64.log" 2>&1
arm_cold=$(since "$t")
done_ "$arm_cold s"
step "arm64: boot to verdict x$N"
boot_median --arch arm64 --kernel "$OBJ64/arch/arm64/boot/Image" --initrd "$ARM_INITRD"
arm_boot=$median

# The least memory the guest passes with.
step "least guest memory"
mem=none
for m in 128 96 64 48 40 32 28 24 20; do
	if $QRUN --mem $m --timeout 60 --kernel "$BZ" --initrd "$INITRD" -- hello.mode=run >/dev/null 2>&1; then
		mem=$m
	else
		break
	fi
done
done_ "$mem MB"

bz=$(stat -c %s "$BZ")
ird=$(stat -c %s "$INITRD")
call() { echo "$calls" | sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p"; }
num() { printf '%.3f' "$1"; }
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
# name value unit target: one row of the table, one key of the JSON
rows="cold_build_s $(num $cold) s <=180
rebuild_s $(num $rebuild) s -
boot_to_verdict_s $(num $boot) s <=1.0
edit_to_verdict_s $(num $loop) s <=6
getppid_ns $(call getppid_ns) ns -
hello_ns $(call hello_ns) ns -
hello_arg_ns $(call hello_arg_ns) ns -
hello_ns_logged $(call hello_ns_logged) ns -
hello_ns_per_getppid_ns $(call hello_ns_per_getppid_ns) ratio <=1.2
arm64_cold_build_s $(num $arm_cold) s -
arm64_boot_to_verdict_s $(num $arm_boot) s -
bzimage_bytes $bz bytes -
initramfs_bytes $ird bytes -
guest_mem_mb $mem MB -"
{
	echo "{"
	echo "  \"machine\": \"$machine\","
	echo "  \"kernel\": \"linux-source-$K\","
	echo "  \"accel\": \"tcg\","
	echo "$rows" | awk '{ printf "  \"%s\": %s%s\n", $1, ($2 == "none" ? "null" : $2), (NR < n ? "," : "") }' n="$(echo "$rows" | wc -l)"
	echo "}"
} > "$BB/results.json.new"
mv "$BB/results.json.new" "$BB/results.json"
echo
echo "$machine, linux-source-$K, software emulation (TCG)"
printf '%-26s %12s  %-6s %s\n' figure value unit target
echo "$rows" | awk '{ printf "%-26s %12s  %-6s %s\n", $1, $2, $3, ($4 == "-" ? "" : $4) }'
echo
echo "$BB/results.json"
