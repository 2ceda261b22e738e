#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# config.sh SRC OBJ ARCH CROSS FRAGMENT...: tinyconfig plus the fragments,
# merged with the tree's own merge_config.sh; fails if any requested value
# did not stick. ARCH is kbuild's; CROSS the cross compiler's prefix or "".
# With BASE_CONFIG=file in the environment, that config replaces tinyconfig.
# With USER_FRAG=file, the user's options (scripts/steps/options.sh) are
# merged last; one that did not stick is a warning that names what it
# depends on (the config entry's "depends on" lines), not a failure.
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
rm -f "$obj/.dropped"
if [ -n "${BASE_CONFIG:-}" ]; then
	cp "$BASE_CONFIG" "$obj/.config"
	make -C "$src" O="$obj" olddefconfig
else
	make -C "$src" O="$obj" tinyconfig
fi
"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$@" ${USER_FRAG:+"$USER_FRAG"}
make -C "$src" O="$obj" olddefconfig
# depends SYM: where the tree's Kconfig files define SYM, and its "depends on"
depends() {
	find "$src" -name 'Kconfig*' -not -path '*/Documentation/*' -print0 |
		xargs -0 awk -v s="$1" '
		$0 ~ "^[ \t]*(menu)?config " s "$" { on = 1; printf "%s:%d", FILENAME, FNR; next }
		on && /^[ \t]*depends on / { sub(/^[ \t]*/, ""); printf "; %s", $0; next }
		on && /^[ \t]*((menu)?config|endmenu|choice|endchoice|if|endif|menu|source) / { on = 0; print "" }
		END { if (on) print "" }' | head -n 3
}
# misses FRAG: each line of FRAG that the kernel's config did not keep, as
# WANT<tab>SYM<tab>GOT (GOT: what the config has for SYM, or "not set")
tab=$(printf '\t')
misses() {
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*) want=$line ;;
		"# CONFIG_"*" is not set") want=$line ;;
		*) continue ;;
		esac
		sym=${want#\# }
		sym=${sym%%[= ]*}
		grep -qxF "$want" "$obj/.config" && continue
		# "not set" may also show as an absent symbol
		case $want in "# "*) grep -q "^$sym=" "$obj/.config" || continue ;; esac
		echo "$want$tab$sym$tab$(grep -E "^$sym=|^# $sym is not set" "$obj/.config" || echo 'not set')"
	done < "$1"
}
if [ -n "${USER_FRAG:-}" ]; then
	misses "$USER_FRAG" | while IFS="$tab" read -r want sym got; do
		where=$(depends "${sym#CONFIG_}")
		echo "warning: kconfig dropped your option '$want' (the kernel has: $got): ${where:-this tree has no such option}"
	done | tee "$obj/.dropped" >&2
fi
# A fragment's option that no Kconfig of this tree defines is another
# version's name of it (CONFIG_X86_X32 before 5.18): passed over, and said.
missing=0
for frag in "$@"; do
	misses "$frag" >"$obj/.missed"
	while IFS="$tab" read -r want sym got; do
		if [ "$got" = "not set" ] && [ -z "$(depends "${sym#CONFIG_}")" ]; then
			echo "config.sh: $frag: this tree has no $sym (another version's name): passed over" >&2
			continue
		fi
		echo "config.sh: $frag asks for '$want' but the kernel chose: $got (a missing dependency?)" >&2
		missing=1
	done <"$obj/.missed"
done
rm -f "$obj/.missed"
exit $missing
