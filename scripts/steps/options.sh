#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# options.sh KCONFIG [NAME=VALUE...]: the user's kernel options as one
# config fragment on standard output: the file KCONFIG (if not empty), then
# each word of make's OPTIONS as a config line: MODULES=y gives
# CONFIG_MODULES=y, MODULES=n "# CONFIG_MODULES is not set" (the CONFIG_
# prefix may be given). A word of another form is refused, with what to give.
set -eu
kconfig=$1
shift
if [ -n "$kconfig" ]; then
	[ -r "$kconfig" ] || { echo "KCONFIG=$kconfig: no such file; give a config fragment or a whole .config" >&2; exit 2; }
	cat "$kconfig"
	echo
fi
for w in "$@"; do
	name=${w%%=*} value=${w#*=}
	name=${name#CONFIG_}
	case $w in
	*=*) ;;
	*) echo "OPTIONS: '$w' has no value: give NAME=y, NAME=n, NAME=m, NAME=<number> or NAME=\"text\"" >&2; exit 2 ;;
	esac
	case $name in
	'' | *[!A-Z0-9_]*) echo "OPTIONS: '$w': a kernel option's name is in capitals, digits and _ (MODULES=y)" >&2; exit 2 ;;
	esac
	if [ "$value" = n ]; then
		echo "# CONFIG_$name is not set"
	else
		echo "CONFIG_$name=$value"
	fi
done
