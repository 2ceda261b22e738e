#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make lava-local-stop ends the processes its lab started and no other: a
# PID file whose numbers now belong to other processes (a reboot, a reused
# number) leaves those alone and says so.
# check: host-plain -- lava-local.sh stop: only the processes it started, known by their start time
. "$(dirname "$0")/lib.sh"
plan 3
scratch
# start_time PID: this boot's id and the 22nd field of /proc/PID/stat
start_time() {
	echo "$(cat /proc/sys/kernel/random/boot_id):$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f20)"
}
setsid sleep 300 </dev/null >/dev/null 2>&1 &
mine=$!
setsid sleep 300 </dev/null >/dev/null 2>&1 &
other=$!
setsid sleep 300 </dev/null >/dev/null 2>&1 &
old=$!
trap 'kill $mine $other $old 2>/dev/null; rm -rf "$T"' EXIT
sleep 0.2
mkdir "$T/lab"
{
	echo "web $mine $(start_time $mine)"
	echo "scheduler $other 00000000-0000-0000-0000-000000000000:$(sed 's/.*) //' "/proc/$other/stat" | cut -d' ' -f20)"
	echo "publisher $old"
} >"$T/lab/pids"
"$ROOT/scripts/lab/lava-local.sh" stop "$T/lab" >"$T/out" 2>&1
sleep 0.3
gone() { ! kill -0 "$1" 2>/dev/null || grep -q '^State:.*Z' "/proc/$1/status"; }
if gone $mine; then pass "the process it started, same start time: ended"
else fail "the process it started, same start time: ended" "$(cat "$T/out")"; fi
if ! gone $other && grep -q "scheduler's PID $other is now another process's" "$T/out"; then
	pass "a PID of another boot: left alone, and said so"
else
	fail "a PID of another boot: left alone, and said so" "$(cat "$T/out")"
fi
expect "a PID recorded without its start time: left alone" kill -0 $old
done_tests
