#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kbuild.sh SRC OBJ ARCH CROSS JOBS TARGETS MARK: builds TARGETS (kbuild's
# targets, separated by spaces: an image, dtbs) of the kernel
# in SRC for kbuild's ARCH (CROSS: the cross compiler's prefix, or ""), out
# of tree in OBJ. Old trees meet today's toolchain in their own objtool:
#  - it does not build with GCC 12 (-Werror=use-after-free in tools/lib/subcmd,
#    5.8 and 5.10): built again with that error turned into a warning
#    (remembered in MARK.cflags);
#  - it stops on an object without symbols that binutils 2.40 makes
#    ("thunk_64.o: missing symbol table", 5.8 and 5.10): that object is
#    left out of objtool's checks, with kbuild's own per-object switch
#    OBJECT_FILES_NON_STANDARD_<object>=y (remembered in MARK.nonstd);
#  - it fails otherwise: if the config can do without stack validation,
#    config/no-objtool.config is merged (remembered by creating MARK, which
#    make reads).
# Each step is said in OBJ/.notes, which make prints.
# CC_WRAPPER in the environment (ccache, distcc) goes before the compiler:
# kbuild's own way, CC="ccache gcc" (cross compilers alike).
set -u
src=$1 obj=$2 jobs=$5 targets=$6 mark=$7
export ARCH="$3" CROSS_COMPILE="$4"
frag=$(cd "$(dirname "$0")/../../config" && pwd)/no-objtool.config
log=$obj/.kbuild.log
cflags=
[ -f "$mark.cflags" ] && cflags=-Wno-error=use-after-free
nonstd=$(cat "$mark.nonstd" 2>/dev/null)
kmake() {
	# shellcheck disable=SC2046 # one argument per object
	make -C "$src" O="$obj" ${cflags:+EXTRA_CFLAGS=$cflags} \
		${CC_WRAPPER:+CC="$CC_WRAPPER ${CROSS_COMPILE}gcc"} \
		$(for o in $nonstd; do echo "OBJECT_FILES_NON_STANDARD_$o=y"; done) "$@"
}
build() {
	# shellcheck disable=SC2086 # one argument per target
	kmake -j"$jobs" $targets >"$log" 2>&1
	rc=$?
	cat "$log"
	return $rc
}
note() { echo "note: $src: $*" | tee -a "$obj/.notes"; }
# the compiler and binutils of this build (a cross build's, not the host's)
toolchain="${CROSS_COMPILE}gcc $("${CROSS_COMPILE}gcc" -dumpfullversion 2>/dev/null), binutils $("${CROSS_COMPILE}ld" --version | head -n 1 | sed 's/.* //')"

rm -f "$obj/.notes"
build && exit 0
if [ -z "$cflags" ] && grep -q 'use-after-free' "$log" && grep -qE 'tools/objtool.*\] Error' "$log"; then
	note "its objtool does not build with $toolchain (-Werror=use-after-free); built with EXTRA_CFLAGS=-Wno-error=use-after-free"
	mkdir -p "$(dirname "$mark")"
	touch "$mark.cflags"
	cflags=-Wno-error=use-after-free
	build && exit 0
fi
bare=$(sed -n 's|^\(.*/\)\{0,1\}\([^/: ]*\.o\): warning: objtool: missing symbol table.*|\2|p' "$log" | sort -u | tr '\n' ' ')
bare=${bare% }
if [ -n "$bare" ]; then
	note "binutils makes $bare without a symbol table and its objtool stops there ($toolchain); built with OBJECT_FILES_NON_STANDARD for $bare"
	mkdir -p "$(dirname "$mark")"
	# shellcheck disable=SC2086 # object names, one a word
	nonstd=$(printf '%s\n' $nonstd $bare | sort -u)
	echo "$nonstd" > "$mark.nonstd"
	build && exit 0
fi
grep -qE 'tools/objtool.*\] Error|objtool: .*(missing symbol table|[Ee]rror)' "$log" &&
	grep -q '^CONFIG_STACK_VALIDATION=y' "$obj/.config" || exit 1
"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$frag" >/dev/null &&
	kmake olddefconfig >/dev/null || exit 1
if grep -q '^CONFIG_STACK_VALIDATION=y' "$obj/.config"; then
	echo "kbuild.sh: objtool fails in this tree and its config requires it (CONFIG_STACK_VALIDATION); see $log" >&2
	exit 1
fi
mkdir -p "$(dirname "$mark")"
touch "$mark"
note "its objtool fails with $toolchain; built without it: CONFIG_STACK_VALIDATION=n, CONFIG_UNWINDER_GUESS=y (config/no-objtool.config); see $log"
build
