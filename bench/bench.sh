#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench/bench.sh [KERNEL]: the edit-build-boot-test loop and the calls,
# measured on this machine in one run. Prints a table and writes
# build/bench/results.json. Uses its own copy of the source (build/bench/),
# so the figures do not depend on what make run has cached, and leaves the
# project's build alone. About 18 minutes on 2 cores, and Debian's archive
# on the network (mmdebstrap).
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
K=${1:-6.12}
B=$ROOT/build
BB=$B/bench
SRC=$BB/linux-source-$K
OBJ=$BB/obj
# make VAR [ARGS...]: the build's layout and the architectures' facts, as
# make has them (config/arches), for this kernel.
mkvar() { v=$1; shift; make -s --no-print-directory -C "$ROOT" "print-$v" KERNEL="$K" "$@"; }
IMAGE=$OBJ/$(mkvar ARCH_IMAGE)		# what make run boots (x86_64: vmlinux, PVH entry)
INITRD=$(mkvar INITRD_RUN)		# make run's archive
FULL_INITRD=$(mkvar INITRD)
KARCH=$(mkvar KARCH)
FRAGS=$(mkvar FRAGS CFG=vm)
QRUN_LOUD="$B/tools/qrun --accel tcg --workdir $BB/run"
QRUN="$QRUN_LOUD --quiet"
N=5

# shellcheck source=bench/lib.sh
. bench/lib.sh

for f in "$INITRD" "$FULL_INITRD"; do
	[ -f "$f" ] || { echo "bench: $f missing: run 'make guest KERNEL=$K' first" >&2; exit 1; }
done
ARM_INITRD=$(mkvar INITRD_RUN ARCH=arm64)
[ -f "$ARM_INITRD" ] || { echo "bench: $ARM_INITRD missing: run 'make guest KERNEL=$K ARCH=arm64' first" >&2; exit 1; }
rm -rf "$BB"
mkdir -p "$BB"

step "unpack linux-source-$K (not timed)"
tar -C "$BB" -xf "$(scripts/steps/srctar.sh "/usr/src/linux-source-$K.tar.xz")"
done_ ok

# Cold: pristine unpacked source to the image make run boots; no compiler cache.
step "cold build (patch, configure, vmlinux)"
t=$(now)
"$B/tools/patcher" -q -k kernel apply "$SRC"
# shellcheck disable=SC2086 # FRAGS: the fragments, a file a word
scripts/steps/config.sh "$SRC" "$OBJ" "$KARCH" "" $FRAGS >"$BB/config.log" 2>&1
make -C "$SRC" O="$OBJ" ARCH="$KARCH" -j"$(nproc)" vmlinux >"$BB/build.log" 2>&1
cold=$(since "$t")
done_ "$cold s"

# The compiler cache, as make run uses it: the same cold build through
# ccache with an empty cache (its own), then the calls-off config of the
# same source (nohello), which should be mostly hits.
export CCACHE_DIR=$BB/ccache CCACHE_MAXSIZE=8G
OBJCC=$BB/obj-cc
step "cold build through ccache (empty cache)"
t=$(now)
# shellcheck disable=SC2086 # FRAGS: the fragments, a file a word
scripts/steps/config.sh "$SRC" "$OBJCC" "$KARCH" "" $FRAGS >"$BB/config-cc.log" 2>&1
make -C "$SRC" O="$OBJCC" ARCH="$KARCH" CC="ccache gcc" -j"$(nproc)" vmlinux >"$BB/build-cc.log" 2>&1
cold_cc=$(since "$t")
done_ "$cold_cc s"
step "second config through ccache (nohello)"
ccache --zero-stats >/dev/null
t=$(now)
# shellcheck disable=SC2046 # the fragments, a file a word
scripts/steps/config.sh "$SRC" "$BB/obj-cc-n" "$KARCH" "" $(mkvar FRAGS CFG=nohello) >"$BB/config-cc-n.log" 2>&1
make -C "$SRC" O="$BB/obj-cc-n" ARCH="$KARCH" CC="ccache gcc" -j"$(nproc)" vmlinux >"$BB/build-cc-n.log" 2>&1
second_cc=$(since "$t")
hit_rate() {
	ccache --print-stats | awk -F'\t' '$1 ~ /^(direct|preprocessed)_cache_hit$/ { h += $2 }
		$1 == "cache_miss" { m = $2 } END { printf "%.3f", (h + m) ? h / (h + m) : 0 }'
}
hits=$(hit_rate)
done_ "$second_cc s (hit rate $hits)"

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
boot_median --kernel "$IMAGE" --initrd "$INITRD"
boot=$median

# Where a boot goes, read off the kernel's own clock in one boot with
# timestamps and info messages on: kernel start to /init, /init to the
# reboot after the verdict; the rest of the median is QEMU and firmware.
step "boot breakdown (kernel log timestamps)"
$QRUN_LOUD --kernel "$IMAGE" --initrd "$INITRD" -- hello.mode=run printk.time=1 loglevel=7 2>/dev/null |
	tr -d '\r' > "$BB/boot-timestamps.log"
stamp() { sed -n "s|^\[ *\([0-9.]*\)\] $1.*|\1|p" "$BB/boot-timestamps.log" | head -n 1; }
to_init=$(stamp "Run /init")
to_end=$(stamp "reboot: ")
[ -n "$to_init" ] && [ -n "$to_end" ] || { echo "bench: no timestamps in $BB/boot-timestamps.log" >&2; exit 1; }
in_init=$(echo "$to_end - $to_init" | bc)
qemu_part=$(echo "$boot - $to_end" | bc)
done_ "kernel $to_init s, /init to reboot $in_init s, QEMU and firmware $qemu_part s"

# What kbuild costs when nothing changed (its tree walk, compiler probes,
# objtool's check): the floor of any rebuild.
step "kbuild with nothing to do x$N"
noops=""
for i in $(seq $N); do
	t=$(now)
	make -C "$SRC" O="$OBJ" ARCH="$KARCH" -j"$(nproc)" vmlinux >"$BB/noop.log" 2>&1
	noops="$noops $(since "$t")"
done
noop=$(echo "$noops" | median)
done_ "$noop s"

# What make pays instead for a Debian tree it unpacked, when nothing
# changed: the look for a change (scripts/steps/tree-stamp.sh); a tree of
# the user's (KERNEL_SRC) pays kbuild_noop_s above at every make run.
step "tree stamp with nothing changed x$N"
scripts/steps/tree-stamp.sh "$BB/tree-stamp" "$SRC" gcc
stamps=""
for i in $(seq $N); do
	t=$(now)
	scripts/steps/tree-stamp.sh "$BB/tree-stamp" "$SRC" gcc
	stamps="$stamps $(since "$t")"
done
tree_stamp=$(echo "$stamps" | median)
done_ "$tree_stamp s"

# Edit to verdict: a one-line change in the call, rebuild, boot and test.
step "edit, rebuild, boot, test x$N"
rebuilds="" loops=""
for i in $(seq $N); do
	t=$(now)
	echo "/* bench edit $i */" >> "$SRC/my_syscalls/my_syscalls.c"
	make -C "$SRC" O="$OBJ" ARCH="$KARCH" -j"$(nproc)" vmlinux >"$BB/rebuild.log" 2>&1
	rebuilds="$rebuilds $(since "$t")"
	$QRUN --kernel "$IMAGE" --initrd "$INITRD" -- hello.mode=run >/dev/null 2>&1
	loops="$loops $(since "$t")"
done
rebuild=$(echo "$rebuilds" | median)
loop=$(echo "$loops" | median)
done_ "$loop s (rebuild $rebuild s)"

# Cost of a call, in the guest.
step "calls in the guest x$N, and counted"
scripts/steps/exec-initrd.sh "$FULL_INITRD" "$(mkvar GUEST)/callbench" "$BB/callbench.cpio" x86_64
# callbench [QRUN-OPTIONS]: its one line of JSON
callbench() {
	$QRUN_LOUD "$@" --timeout 600 --kernel "$IMAGE" --initrd "$BB/callbench.cpio" -- \
		hello.mode=run hello.exec=/exec 2>/dev/null | tr -d '\r' | sed -n 's/^BENCH //p'
}
# field NAME JSON: one number of callbench's line
field() { echo "$2" | sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p"; }
ratios=
for i in $(seq $N); do
	c=$(callbench)
	[ -n "$c" ] || { echo "bench: callbench printed nothing" >&2; exit 1; }
	ratios="$ratios $(field hello_ns_per_getppid_ns "$c")"
	# the run whose ratio is the median is the one reported
	runs="${runs:-}$c
"
done
ratio=$(echo "$ratios" | median)
calls=$(echo "$runs" | grep -m1 "\"hello_ns_per_getppid_ns\": $ratio}")
ratio_min=$(echo "$ratios" | tr ' ' '\n' | grep . | sort -g | head -n 1)
ratio_max=$(echo "$ratios" | tr ' ' '\n' | grep . | sort -g | tail -n 1)
# QEMU's -icount shift=0: the guest's clock counts instructions, so its
# "ns" per call are instructions per call (the loop's few included); the
# same on every run.
counted=$(callbench --icount)
[ -n "$counted" ] || { echo "bench: callbench --icount printed nothing" >&2; exit 1; }
done_ "ratio $ratio ($ratio_min-$ratio_max); instructions: $counted"

# arm64: the same patched source, its own object directory, cross-built.
step "arm64: cold build (configure, Image)"
OBJ64=$BB/obj-arm64
t=$(now)
A=arm64
# shellcheck disable=SC2046 # the fragments, a file a word
scripts/steps/config.sh "$SRC" "$OBJ64" "$(mkvar KARCH ARCH=$A)" "$(mkvar CROSS ARCH=$A)" \
	$(mkvar FRAGS CFG=vm ARCH=$A) >"$BB/config-arm64.log" 2>&1
make -C "$SRC" O="$OBJ64" ARCH="$(mkvar KARCH ARCH=$A)" CROSS_COMPILE="$(mkvar CROSS ARCH=$A)" \
	-j"$(nproc)" "$(basename "$(mkvar ARCH_IMAGE ARCH=$A)")" >"$BB/build-arm64.log" 2>&1
arm_cold=$(since "$t")
done_ "$arm_cold s"
step "arm64: boot to verdict x$N"
boot_median --arch $A --kernel "$OBJ64/$(mkvar ARCH_IMAGE ARCH=$A)" --initrd "$ARM_INITRD"
arm_boot=$median

# The tutorial's install and reboot (make deb, make install-test), from the
# same patched source: the packages, the Debian system and its disk, the
# first boot that installs them, then boots from the disk to the verdict.
step "deb: configure, make bindeb-pkg"
OBJDEB=$BB/obj-deb
t=$(now)
# shellcheck disable=SC2086 # FRAGS: the fragments, a file a word
scripts/steps/config.sh "$SRC" "$OBJDEB" "$KARCH" "" $FRAGS config/deb.config >"$BB/config-deb.log" 2>&1
scripts/install/deb.sh "$SRC" "$OBJDEB" "$BB/deb" "$(nproc)" "$BB/stamp/no-objtool" "$KARCH" "" >"$BB/deb.log" 2>&1
deb=$(since "$t")
done_ "$deb s"
step "image: mmdebstrap, disk"
t=$(now)
scripts/install/debian-image.sh "$BB/bookworm.tar" >"$BB/image.log" 2>&1
scripts/install/install-disk.sh "$BB/bookworm.tar" "$BB/deb" "$(mkvar GUEST)/hello_test" "$(mkvar ARCH_VDEV)" "$BB/disk.img" >>"$BB/image.log" 2>&1
image_s=$(since "$t")
done_ "$image_s s"
step "first boot: grub-install, dpkg -i"
t=$(now)
$QRUN --timeout 1200 --mem 512 --bios default --disk "$BB/disk.img" \
	--kernel "$OBJDEB/arch/x86/boot/bzImage" -- root=/dev/vda1 rw >"$BB/first-boot.log" 2>&1
first=$(since "$t")
done_ "$first s"
step "boot from the disk to verdict x$N"
boots=""
for i in $(seq $N); do
	t=$(now)
	$QRUN --timeout 1200 --mem 512 --disk "$BB/disk.img" --snapshot >/dev/null 2>&1
	boots="$boots $(since "$t")"
done
install_boot=$(echo "$boots" | median)
done_ "$install_boot s (median of:$boots)"

# The least memory the guest passes with.
step "least guest memory"
mem=none
for m in 128 96 64 48 40 32 28 24 20; do
	if $QRUN --mem $m --timeout 60 --kernel "$IMAGE" --initrd "$INITRD" -- hello.mode=run >/dev/null 2>&1; then
		mem=$m
	else
		break
	fi
done
done_ "$mem MB"

# A new call, from make new-call in this warm tree to the verdict, as make
# run does it (no compiler cache unless CC_WRAPPER= says, the uapi headers
# from the kernel's build directory): the generator and the patcher, the
# configuration (a new Kconfig option), kbuild, the headers, a boot; each
# stage's time too. Last, as it changes the tree for good.
step "new call: make new-call to verdict"
PROJ=$BB/proj
mkdir -p "$PROJ"
cp -r kernel man "$PROJ/"
# make run's uapi headers are warm: warm these too (not timed)
scripts/steps/headers.sh "make -j$(nproc) -C $SRC O=$OBJ ARCH=$KARCH" "$BB/hdr" >"$BB/headers.log" 2>&1
t=$(now)
"$B/tools/newcall" -k "$PROJ/kernel" -m "$PROJ/man" \
	add 'long bench_greet(const char __user *name, size_t len, unsigned int flags)' >"$BB/new-call.log"
# -f: the edit loop above changed my_syscalls.c by hand
"$B/tools/patcher" -q -f -k "$PROJ/kernel" apply "$SRC"
nc_patch=$(since "$t")
t1=$(now)
scripts/steps/calls-config.sh "$PROJ/kernel/my_syscalls/Kconfig" y > "$BB/calls-y.config"
# shellcheck disable=SC2046,SC2001 # the fragments, a file a word; sed on a list
scripts/steps/config.sh "$SRC" "$OBJ" "$KARCH" "" $(echo "$FRAGS" | sed "s|[^ ]*/calls-y.config|$BB/calls-y.config|") \
	>"$BB/config-new-call.log" 2>&1
nc_config=$(since "$t1")
t1=$(now)
make -C "$SRC" O="$OBJ" ARCH="$KARCH" -j"$(nproc)" vmlinux >"$BB/build-new-call.log" 2>&1
nc_build=$(since "$t1")
t1=$(now)
scripts/steps/headers.sh "make -j$(nproc) -C $SRC O=$OBJ ARCH=$KARCH" "$BB/hdr" >"$BB/headers-new-call.log" 2>&1
nc_headers=$(since "$t1")
$QRUN --kernel "$IMAGE" --initrd "$INITRD" -- hello.mode=run >/dev/null 2>&1
new_call=$(since "$t")
recompiled=$(grep -c '^  CC ' "$BB/build-new-call.log" || true)
done_ "$new_call s ($recompiled files compiled; patch $nc_patch, config $nc_config, kbuild $nc_build, headers $nc_headers s)"

image=$(stat -c %s "$IMAGE")
ird=$(stat -c %s "$INITRD")
full_ird=$(stat -c %s "$FULL_INITRD")
call() { field "$1" "$calls"; }
num() { printf '%.3f' "$1"; }
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
# name value unit target: one row of the table, one key of the JSON
rows="cold_build_s $(num "$cold") s <=180
rebuild_s $(num "$rebuild") s <=2.5
kbuild_noop_s $(num "$noop") s -
tree_stamp_s $(num "$tree_stamp") s -
boot_to_verdict_s $(num "$boot") s <=0.5
boot_kernel_to_init_s $(num "$to_init") s -
boot_init_to_reboot_s $(num "$in_init") s -
boot_qemu_firmware_s $(num "$qemu_part") s -
edit_to_verdict_s $(num "$loop") s <=3.0
new_call_to_verdict_s $(num "$new_call") s <=45
new_call_files_compiled $recompiled files -
new_call_patch_s $(num "$nc_patch") s -
new_call_config_s $(num "$nc_config") s -
new_call_kbuild_s $(num "$nc_build") s -
new_call_headers_s $(num "$nc_headers") s -
cold_build_ccache_s $(num "$cold_cc") s -
ccache_second_config_s $(num "$second_cc") s -
ccache_hit_rate $hits ratio -
getppid_ns $(call getppid_ns) ns -
hello_ns $(call hello_ns) ns -
hello_arg_ns $(call hello_arg_ns) ns -
hello_ns_logged $(call hello_ns_logged) ns -
hello_ns_per_getppid_ns $(call hello_ns_per_getppid_ns) ratio <=1.10
hello_ratio_min $ratio_min ratio -
hello_ratio_max $ratio_max ratio -
getppid_insns $(field getppid_ns "$counted") insns -
hello_insns $(field hello_ns "$counted") insns -
hello_arg_insns $(field hello_arg_ns "$counted") insns -
hello_insns_logged $(field hello_ns_logged "$counted") insns -
deb_build_s $(num "$deb") s -
image_build_s $(num "$image_s") s -
install_first_boot_s $(num "$first") s -
install_boot_to_verdict_s $(num "$install_boot") s -
arm64_cold_build_s $(num "$arm_cold") s -
arm64_boot_to_verdict_s $(num "$arm_boot") s -
vmlinux_bytes $image bytes -
initramfs_bytes $ird bytes <=1000000
initramfs_selftest_bytes $full_ird bytes -
guest_mem_mb $mem MB -"
{
	echo "{"
	echo "  \"machine\": \"$machine\","
	echo "  \"kernel\": \"linux-source-$K\","
	echo "  \"accel\": \"tcg\","
	echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\","
	echo "  \"targets\": {$(echo "$rows" | awk '$4 != "-" { printf "%s\"%s\": \"%s\"", (n++ ? ", " : ""), $1, $4 }')},"
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
