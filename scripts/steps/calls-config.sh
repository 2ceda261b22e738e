#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# calls-config.sh KCONFIG y|n: a config fragment that turns every option of
# KCONFIG (kernel/my_syscalls/Kconfig: the calls) on, or off.
set -eu
case $2 in
y) line='CONFIG_\1=y' ;;
n) line='# CONFIG_\1 is not set' ;;
*) echo "usage: calls-config.sh KCONFIG y|n" >&2; exit 2 ;;
esac
sed -n "s/^config \([A-Z0-9_]*\)\$/$line/p" "$1"
