#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kconfig-hint.sh SRC LOG: for a kernel build that failed (its output in
# LOG) on a type or a symbol that the tree SRC has only with a Kconfig
# option, which option to try. Read from LOG's first errors:
#   invalid use of undefined type 'struct X', incomplete type 'struct X'
#     -> the header of SRC/include that defines struct X;
#   'X' undeclared, implicit declaration of function 'X'
#     -> the header line of SRC/include that defines or declares X;
#   undefined reference to `X'
#     -> the C file that defines X, and its folder's obj-$(CONFIG_...) line;
# then the #if/#ifdef conditions around that line that name CONFIG_
# options. One line a name: where it is, under what, and the OPTIONS= to
# try. Prints nothing when it finds nothing to say.
[ $# -eq 2 ] || { echo "usage: kconfig-hint.sh SRC LOG" >&2; exit 2; }
src=$1 log=$2
[ -d "$src/include" ] && [ -f "$log" ] || exit 0

# conds FILE LINE: the CONFIG_ conditions of the #if blocks around LINE of
# FILE, outermost first, one a line ("!(...)" for an #else branch)
conds() {
	awk -v at="$2" '
	NR >= at { exit }
	/^[ \t]*#[ \t]*if(n?def)?[ \t(]/ {
		c = $0; sub(/^[ \t]*#[ \t]*/, "", c)
		if (c ~ /^ifdef/) { sub(/^ifdef[ \t]+/, "", c); sub(/[ \t].*/, "", c) }
		else if (c ~ /^ifndef/) { sub(/^ifndef[ \t]+/, "", c); sub(/[ \t].*/, "", c); c = "!" c }
		else { sub(/^if[ \t]*/, "", c); sub(/[ \t]*\/\*.*/, "", c) }
		s[++n] = c; next
	}
	/^[ \t]*#[ \t]*elif[ \t(]/ { c = $0; sub(/^[ \t]*#[ \t]*elif[ \t]*/, "", c); s[n] = c; next }
	/^[ \t]*#[ \t]*else/ { if (s[n] ~ /^![A-Za-z0-9_]+$/) s[n] = substr(s[n], 2); else s[n] = "!(" s[n] ")"; next }
	/^[ \t]*#[ \t]*endif/ { if (n) n--; next }
	END { for (i = 1; i <= n; i++) if (s[i] ~ /CONFIG_/) print s[i] }' "$1"
}
# options CONDS: OPTIONS= words for the conditions that an option being on meets
options() {
	grep -v '^!' | grep -oE '(defined\(|IS_ENABLED\(|^)CONFIG_[A-Z0-9_]+' |
		sed 's/.*CONFIG_//; s/$/=y/' | sort -u | paste -sd' ' -
}
# say NAME FILE LINE [MAKEFILE-OPTION]: the hint for NAME found at FILE:LINE
say() {
	c=$(conds "$src/$2" "$3")
	[ -z "${4:-}" ] || c=$(printf '%s\n%s\n' "CONFIG_$4" "$c")
	[ -n "$c" ] || return 0
	o=$(echo "$c" | options)
	echo "hint: $1 is in $2:$3 under $(echo "$c" | paste -sd'&' - | sed 's/&/ \&\& /g')${o:+: try OPTIONS=\"$o\" (or KCONFIG=)}"
}

# built_by FILE: the option of the obj-$(CONFIG_...) line that builds FILE,
# or its folder, or the folder above it... (none: every config builds it)
built_by() {
	d=${1%/*} o=${1##*/}
	o=${o%.c}.o
	while :; do
		opt=$(awk -v o="$o" '/^obj-\$\(CONFIG_[A-Z0-9_]+\)[ \t]*[:+]?=/ {
			for (i = 2; i <= NF; i++) if ($i == o) { sub(/^obj-\$\(CONFIG_/, ""); sub(/\).*/, ""); print; exit } }' \
			"$src/$d/Makefile" 2>/dev/null)
		[ -n "$opt" ] && { echo "$opt"; return; }
		case $d in */*) ;; *) return ;; esac
		o=${d##*/}/ d=${d%/*}
	done
}

# the names the first errors ask for: "struct X", "sym X", "link X" (gcc
# quotes with ‘’ in a UTF-8 locale)
sed "s/‘/'/g; s/’/'/g" "$log" | sed -n "s/.*error: .*\\(undefined\\|incomplete\\) type '\\(struct [A-Za-z_0-9]*\\)'.*/\\2/p
	s/.*error: '\\([A-Za-z_0-9]*\\)' undeclared.*/sym \\1/p
	s/.*error: implicit declaration of function '\\([A-Za-z_0-9]*\\)'.*/sym \\1/p
	s/.*undefined reference to \`\\([A-Za-z_0-9]*\\)'.*/link \\1/p" |
	awk '!seen[$0]++' | head -n 5 |
while read -r kind name; do
	case $kind in
	struct)
		hit=$(cd "$src" && grep -rnE -m 1 "^struct ${name}[[:space:]]*\{" include | head -n 1)
		[ -n "$hit" ] && say "'struct $name'" "${hit%%:*}" "$(echo "$hit" | cut -d: -f2)" ;;
	sym)
		hit=$(cd "$src" && grep -rnE -m 1 "^#[[:space:]]*define[[:space:]]+$name\\>|^[A-Za-z_].*[[:space:]*]$name\\(|^extern .*[[:space:]*]$name(\\[.*\\])?;" include |
			head -n 1)
		[ -n "$hit" ] && say "'$name'" "${hit%%:*}" "$(echo "$hit" | cut -d: -f2)" ;;
	link)
		hit=$(cd "$src" && grep -rnE -m 1 --include='*.c' "^[A-Za-z_].*[[:space:]*]$name\\([^;]*$" \
			kernel mm fs lib init ipc security block net drivers/base 2>/dev/null | head -n 1)
		[ -n "$hit" ] || continue
		f=${hit%%:*}
		say "'$name'" "$f" "$(echo "$hit" | cut -d: -f2)" "$(built_by "$f")" ;;
	esac
done
