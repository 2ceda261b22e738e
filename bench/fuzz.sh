#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench/fuzz.sh: make fuzz-calls measured on this machine, from one run of
# make fuzz-seeded (a copy of the project with a bug planted in each call
# of tests/fuzz-calls/, its 6.12 debug kernel, each call fuzzed alone, then
# the project's calls fuzzed in the same kernel for FUZZ_S seconds): the
# seconds the fuzzer took to find each planted bug, and the calls per
# second each of the project's calls took from each ABI under the fuzzer.
# Adds its keys to build/bench/results.json (make bench runs it after
# bench/farm.sh) and prints them. A planted bug not found is no figure
# (null) and the exit status says so.
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
BB=$ROOT/build/bench
S=$ROOT/build/fuzz-seeded
# shellcheck source=bench/lib.sh
. bench/lib.sh
mkdir -p "$BB"
step "make fuzz-seeded (its debug kernel, then each planted call)"
t=$(now)
rc=0
make -s --no-print-directory fuzz-seeded >"$BB/fuzz-seeded.log" 2>&1 || rc=$?
done_ "$(since "$t") s, exit $rc"

# "ok - fz_oob: found in 0.2 s of fuzzing: ..." for each bug found;
# "callfuzz: 64-bit: hello_syscall: 123 calls (456/s), ..." for each call
rows=$(
	for f in tests/fuzz-calls/fz_*.c; do
		bug=$(basename "$f" .c)
		s=$(sed -n "s/^ok [0-9 ]*- $bug: found in \([0-9.]*\) s of fuzzing.*/\1/p" "$S/tap" 2>/dev/null | head -n 1)
		echo "fuzz_found_${bug}_s ${s:-none}"
	done
	sed -n 's/^callfuzz: \([^:]*\): \([a-z_0-9]*\): [0-9]* calls (\([0-9]*\)\/s).*/\1 \2 \3/p' "$S/own.log" 2>/dev/null |
		while read -r abi call rate; do
			echo "fuzz_${call}_${abi%-bit}_per_s $rate"
		done
)
echo "$rows" | awk '{ printf "%-34s %12s\n", $1, $2 }'
add_keys "$BB/results.json" "$rows"
if [ $rc -ne 0 ] || echo "$rows" | grep -q ' none$'; then
	echo "bench/fuzz.sh: make fuzz-seeded failed or missed a planted bug: see $BB/fuzz-seeded.log and $S/" >&2
	exit 1
fi
