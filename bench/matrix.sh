#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench/matrix.sh [ARCH...]: the wall time of make matrix over ARCH...
# (default: every row of config/arches with a QEMU machine, each on the
# newest Debian kernel that builds for it) with one cell at a time and with
# two (MATRIX_JOBS=2: a cell boots while another builds). Warm: a first,
# untimed make matrix builds what is missing, so the figures are the checks
# of every row (make's look for a change, the numbers read, two boots per
# row), not the cold builds (bench.sh has those). Adds its keys to
# build/bench/results.json and prints them; logs in build/bench/matrix/.
set -eu
cd "$(dirname "$0")/.."
B=$PWD/build
BB=$B/bench
M=$BB/matrix
# shellcheck source=bench/lib.sh
. bench/lib.sh
mkdir -p "$M"
[ $# -gt 0 ] || read -ra arches <<<"$(scripts/steps/arches.sh names booted)"
[ $# -eq 0 ] || arches=("$@")
# matrix JOBS LOG: make matrix with JOBS cells at once; fails (its log
# named) if a check of it did
matrix() {
	MATRIX_KERNELS='' make --no-print-directory matrix ARCHES="${arches[*]}" MATRIX_JOBS="$1" >"$2" 2>&1 ||
		{ done_ "failed: $(tail -1 "$2") (log: $2)"; exit 1; }
}

step "matrix of ${#arches[@]} rows: first pass"
t=$(now)
matrix 2 "$M/first.log"
done_ "$(printf %.1f "$(since "$t")") s, untimed (builds what is missing)"
step "matrix, 1 cell at a time"
t=$(now)
matrix 1 "$M/jobs-1.log"
wall1=$(since "$t")
done_ "$(printf %.1f "$wall1") s"
step "matrix, 2 cells at a time"
t=$(now)
matrix 2 "$M/jobs-2.log"
wall2=$(since "$t")
done_ "$(printf %.1f "$wall2") s"
cp "$B/matrix/table" "$M/table"
booted=$(awk 'NR > 1 && $5 != "-"' "$M/table" | wc -l)

rows="matrix_booted_rows $booted
matrix_warm_wall_s_1_job $wall1
matrix_warm_wall_s_2_jobs $wall2"
echo "$rows" | awk '{ printf "%-26s %10.1f\n", $1, $2 }'
add_keys "$BB/results.json" "$rows"
