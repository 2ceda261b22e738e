#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench/farm.sh [KERNEL]: beyond one machine, measured on this one: the
# local LAVA lab (make lava-local) from a job's submission to its judged
# verdict (one cell's run job, median of 5), the wall time of the same
# cells as make check's LAVA leg (6.12 run and selftest on x86_64 and
# arm64: 4 jobs) through 1 worker and through 2, and a cold kernel build
# through distcc (two local distccd, scripts/lab/distccd.sh). Adds its keys to
# build/bench/results.json (make bench runs it after bench/bench.sh) and
# prints them. The lab is left as it was found: stopped unless it ran.
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
K=${1:-6.12}
B=$ROOT/build
BB=$B/bench
L=$B/lava-local
N=5
# shellcheck source=bench/lib.sh
. bench/lib.sh
mkdir -p "$BB/farm"
cells="$K:x86_64:vm $K:arm64:trace"
was_running=$(scripts/lab/lava-local.sh status "$L" >/dev/null 2>&1 && echo 1 || echo 0)
lab() { # lab N: the local lab with N workers (restarted if it runs)
	scripts/lab/lava-local.sh stop "$L"
	scripts/lab/lava-local.sh start "$L" "$1" 2>>"$BB/farm/lab.log"
}
run() { # run LIST: its jobs through lava-run.py; fails if a case did
	# shellcheck disable=SC2046 # one job file per line
	/usr/bin/python3 scripts/lab/lava-run.py --timeout "$(make -s print-LAVA_TIMEOUT)" \
		--url "$(cat "$L/url")" --user hello \
		--token-file "$L/token" $(cat "$1") >>"$BB/farm/run.log" 2>&1
}

step "LAVA jobs of the cells (make lava-jobs)"
make -s lava-jobs KERNEL="$K" CELLS="$cells" MODES="run selftest" LAVA_LIST="$BB/farm/cells.list" \
	>"$BB/farm/jobs.log" 2>&1
make -s lava-jobs KERNEL="$K" MODES=run LAVA_LIST="$BB/farm/one.list" >>"$BB/farm/jobs.log" 2>&1
done_ "$(wc -l <"$BB/farm/cells.list") jobs"

step "lab with 1 worker: start"
t=$(now)
lab 1
done_ "$(since "$t") s"
step "one run job, submit to verdict x$N"
times=""
for _ in $(seq $N); do
	t=$(now)
	run "$BB/farm/one.list"
	times="$times $(since "$t")"
done
submit=$(echo "$times" | median)
done_ "$submit s (median of:$times)"
step "4 jobs through 1 worker"
t=$(now)
run "$BB/farm/cells.list"
wall1=$(since "$t")
done_ "$wall1 s"
step "4 jobs through 2 workers"
lab 2
t=$(now)
run "$BB/farm/cells.list"
wall2=$(since "$t")
done_ "$wall2 s"
[ "$was_running" = 1 ] || scripts/lab/lava-local.sh stop "$L"

# distcc: the 6.12 source of make run, configured as make run's kernel,
# configured and built cold in an object directory of its own through 2
# local distccd (bench.sh's cold_build_s is the same without distcc).
step "cold build through distcc (2 distccd)"
SRC=$(make -s print-PSRC KERNEL="$K")
OBJD=$BB/farm/obj-distcc
rm -rf "$OBJD"
hosts=$(scripts/lab/distccd.sh start "$BB/farm/distccd" 2)
t=$(now)
# shellcheck disable=SC2046 # one fragment per word
scripts/steps/config.sh "$SRC" "$OBJD" "$(make -s print-KARCH)" "" $(make -s print-FRAGS KERNEL="$K") \
	>"$BB/farm/config-distcc.log" 2>&1
DISTCC_HOSTS=$hosts make -C "$SRC" O="$OBJD" CC="distcc gcc" -j"$(DISTCC_HOSTS=$hosts distcc -j)" \
	vmlinux >"$BB/farm/build-distcc.log" 2>&1
distcc_s=$(since "$t")
scripts/lab/distccd.sh stop "$BB/farm/distccd"
done_ "$distcc_s s"

rows="lava_submit_to_verdict_s $submit
lava_check_cells_wall_s_1_worker $wall1
lava_check_cells_wall_s_2_workers $wall2
cold_build_distcc_s $distcc_s"
echo "$rows" | awk '{ printf "%-34s %12.3f  s\n", $1, $2 }'
# into results.json, beside bench.sh's keys
add_keys "$BB/results.json" "$rows"
