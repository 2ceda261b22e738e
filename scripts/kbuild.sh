#!/bin/sh
# kbuild.sh SRC OBJ ARCH CROSS JOBS TARGET MARK: builds TARGET of the kernel
# in SRC for kbuild's ARCH (CROSS: the cross compiler's prefix, or ""), out
# of tree in OBJ. If what fails is the tree's own objtool (old trees
# with today's GCC or binutils: 5.8's does not build with GCC 12) and the
# config asks for stack validation, merges config/no-objtool.config, builds
# again, and says so: in OBJ/.notes (make prints it) and by creating MARK,
# so that later configurations of this tree start without objtool.
set -u
src=$1 obj=$2 jobs=$5 target=$6 mark=$7
export ARCH=$3 CROSS_COMPILE=$4
frag=$(cd "$(dirname "$0")/../config" && pwd)/no-objtool.config
kmake() { make -C "$src" O="$obj" "$@"; }
rm -f "$obj/.notes"
kmake -j"$jobs" "$target" >"$obj/.kbuild.log" 2>&1
rc=$?
cat "$obj/.kbuild.log"
[ $rc -eq 0 ] && exit 0
grep -qE 'tools/objtool\] Error|objtool: .*(missing symbol table|[Ee]rror)' "$obj/.kbuild.log" &&
	grep -q '^CONFIG_STACK_VALIDATION=y' "$obj/.config" || exit $rc
echo "kbuild.sh: objtool fails in this tree; again without stack validation ($frag)"
"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$frag" &&
	kmake olddefconfig || exit 1
if grep -q '^CONFIG_STACK_VALIDATION=y' "$obj/.config" || ! grep -q '^CONFIG_UNWINDER_GUESS=y' "$obj/.config"; then
	echo "kbuild.sh: the config kept CONFIG_STACK_VALIDATION; cannot build without objtool" >&2
	exit 1
fi
mkdir -p "$(dirname "$mark")"
touch "$mark"
echo "note: $src: its objtool fails with $(gcc -dumpfullversion 2>/dev/null | sed 's/^/GCC /') and $(ld --version | head -n 1 | sed 's/.* //;s/^/binutils /'); built without it: CONFIG_STACK_VALIDATION=n, CONFIG_UNWINDER_GUESS=y (config/no-objtool.config); see $obj/.kbuild.log" > "$obj/.notes"
kmake -j"$jobs" "$target"
