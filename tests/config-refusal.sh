#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# scripts/steps/config.sh on trees built in place: it refuses just what kbuild
# itself would (.config, include/config, arch/<this arch>/include/generated),
# names the path it found and an mrproper with ARCH= that removes it; a
# tree with another architecture's generated headers is configured. A
# fragment's option that no Kconfig of the tree defines (another version's
# name, as CONFIG_X86_X32 before 5.18) is passed over and named; one the
# tree defines but the config could not take still fails. Needs the
# unpacked 6.12 source (make kernel).
# check: full-kernel -- config.sh: trees built in place, refused as kbuild would; options of other versions
. "$(dirname "$0")/lib.sh"
plan 7
SRC=$(mkvar PSRC KERNEL=6.12)
scratch
if [ ! -f "$SRC/Makefile" ]; then
	fail "config.sh refusals" "need $SRC: run 'make kernel' first"
	done_tests
fi
# refused NAME PATH ARCH: a copy of the tree's top with PATH made in it
refused() {
	name=$1 path=$2 arch=$3
	rm -rf "$T/r"
	mkdir -p "$T/r/$(dirname "$path")"
	case $path in */) mkdir -p "$T/r/$path" ;; *) : > "$T/r/$path" ;; esac
	out=$(sh "$ROOT/scripts/steps/config.sh" "$T/r" "$T/obj-r" "$arch" "" 2>&1)
	if [ $? -ne 0 ] && echo "$out" | grep -qF "it has $T/r/${path%/}" &&
		echo "$out" | grep -qF "make -C $T/r ARCH=$arch mrproper"; then
		pass "config.sh: $name: refused, the path and ARCH=$arch named"
	else
		fail "config.sh: $name: refused, the path and ARCH=$arch named" "$out"
	fi
}
refused ".config" .config x86_64
refused "include/config" include/config/ x86_64
refused "arch/x86/include/generated" arch/x86/include/generated/ x86_64
refused "arch/arm64/include/generated, for arm64" arch/arm64/include/generated/ arm64
# The real tree, once built in place for arm64 and now used for x86_64:
# kbuild does not mind, nor may config.sh (hard links: the tree is untouched).
cp -al "$SRC" "$T/src"
mkdir -p "$T/src/arch/arm64/include/generated"
echo CONFIG_HELLO_NO_SUCH_OPTION=y > "$T/other-version.config"
if sh "$ROOT/scripts/steps/config.sh" "$T/src" "$T/obj" x86_64 "" "$ROOT/config/vm.config" \
	"$T/other-version.config" >"$T/out" 2>&1 && grep -q '^CONFIG_PRINTK=y' "$T/obj/.config"; then
	pass "config.sh: another architecture's generated headers do not stop an x86_64 config"
else
	fail "config.sh: another architecture's generated headers do not stop an x86_64 config" "$(tail -n 5 "$T/out")"
fi
if grep -q "other-version.config: this tree has no CONFIG_HELLO_NO_SUCH_OPTION (another version's name): passed over" "$T/out"; then
	pass "config.sh: an option no Kconfig of the tree defines: passed over, and named"
else
	fail "config.sh: an option no Kconfig of the tree defines: passed over, and named" "$(tail -n 5 "$T/out")"
fi
# KALLSYMS_ALL depends on DEBUG_KERNEL, which tinyconfig leaves off
echo CONFIG_KALLSYMS_ALL=y > "$T/dropped.config"
if ! sh "$ROOT/scripts/steps/config.sh" "$T/src" "$T/obj2" x86_64 "" "$ROOT/config/vm.config" \
	"$T/dropped.config" >"$T/out2" 2>&1 &&
	grep -q "dropped.config asks for 'CONFIG_KALLSYMS_ALL=y' but the kernel chose: not set" "$T/out2"; then
	pass "config.sh: an option the tree defines but the config cannot take: a failure that names it"
else
	fail "config.sh: an option the tree defines but the config cannot take: a failure that names it" "$(tail -n 5 "$T/out2")"
fi
done_tests
