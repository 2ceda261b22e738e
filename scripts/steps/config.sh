#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# config.sh SRC OBJ ARCH CROSS FRAGMENT...: tinyconfig plus the fragments,
# merged with the tree's own merge_config.sh; fails if any requested value
# did not stick. ARCH is kbuild's; CROSS the cross compiler's prefix or "".
# With BASE_CONFIG=file in the environment, that config replaces tinyconfig.
set -eu
src=$1 obj=$2
export ARCH="$3" CROSS_COMPILE="$4"
shift 4
# kbuild builds out of tree only from a source tree that was never built
# in place, and checks just what its top Makefile checks: .config,
# include/config and arch/$SRCARCH/include/generated (another architecture's
# generated headers do not matter). Name what was found, and the command
# that removes it, before kbuild refuses.
srcarch=$("$(dirname "$0")/arches.sh" srcarch "$ARCH")
for f in .config include/config "arch/$srcarch/include/generated"; do
	[ -e "$src/$f" ] || continue
	echo "config.sh: $src was built in place: it has $src/$f" >&2
	echo "  this project builds out of tree (O=$obj), and kbuild then wants a source" >&2
	echo "  tree without it. Save $src/.config if you need it, then run:" >&2
	echo "    make -C $src ARCH=$ARCH mrproper" >&2
	exit 1
done
mkdir -p "$obj"
if [ -n "${BASE_CONFIG:-}" ]; then
	cp "$BASE_CONFIG" "$obj/.config"
	make -C "$src" O="$obj" olddefconfig
else
	make -C "$src" O="$obj" tinyconfig
fi
"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$@"
make -C "$src" O="$obj" olddefconfig
missing=0
for frag in "$@"; do
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*) want=$line ;;
		"# CONFIG_"*" is not set") want=$line ;;
		*) continue ;;
		esac
		sym=${want#\# }
		sym=${sym%%[= ]*}
		if ! grep -qxF "$want" "$obj/.config"; then
			# "not set" may also show as an absent symbol
			case $want in "# "*) grep -q "^$sym=" "$obj/.config" || continue ;; esac
			echo "config.sh: $frag asks for '$want' but the kernel chose: $(grep -E "^$sym=|^# $sym is not set" "$obj/.config" || echo 'nothing (missing dependency?)')" >&2
			missing=1
		fi
	done < "$frag"
done
exit $missing
