# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by bench/bench.sh and bench/farm.sh: clocks and progress lines.
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
step() { printf '%-40s' "$1" >&2; }
done_() { printf '%s\n' "$1" >&2; }
