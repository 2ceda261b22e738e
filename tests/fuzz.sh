#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/fuzz.sh [SECONDS]: fuzzes the two table readers, the prototype reader and the
# journal reader (the paths of a tree's state files) with libFuzzer, each
# for SECONDS (default 60), starting from tests/fuzz/<target>/. New inputs go
# to build/fuzz/; a crash is saved there and must be copied into
# tests/fuzz/<target>/ once fixed, where 'make check' replays it forever.
# tests/fuzz.sh replay: only runs every kept input once (what make check does).
# check: host replay -- table, prototype and journal readers: kept fuzz inputs
# check: host 5 -- table, prototype and journal readers: fuzzing, 5 s each
. "$(dirname "$0")/lib.sh"
secs=${1:-60}
F=$B/fuzz
mkdir -p "$F"
plan 4
for target in calls ktbl spec journal; do
	# one binary per mode: make check runs replay and fuzzing at once
	bin=$F/fuzz_$target-$secs
	case $target in
	spec) src=$ROOT/tools/newcall/spec.c ;;	# make new-call's prototypes
	journal) src="$ROOT/tools/lib/fileset.c $ROOT/tools/lib/util.c" ;;	# state files' paths
	*) src=$ROOT/tools/lib/tbl.c ;;
	esac
	# shellcheck disable=SC2086 # src: the sources, a file a word
	if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Wall -Wextra -Werror -I "$ROOT/tools/lib" -o "$bin" "$ROOT/tests/fuzz/fuzz_$target.c" $src 2>"$F/build-$target-$secs.log"; then
		fail "fuzz $target: builds with clang -fsanitize=fuzzer" "$(head -3 "$F/build-$target-$secs.log")"
		continue
	fi
	if [ "$secs" = replay ]; then
		if "$bin" -runs=0 "$ROOT/tests/fuzz/$target" >"$F/replay-$target.log" 2>&1; then
			pass "fuzz $target: kept inputs replay cleanly ($(find "$ROOT/tests/fuzz/$target" -type f | wc -l))"
		else
			fail "fuzz $target: kept inputs replay cleanly" "see $F/replay-$target.log"
		fi
		continue
	fi
	mkdir -p "$F/corpus-$target" "$F/crash-$target"
	if "$bin" -max_total_time="$secs" -max_len=4096 -artifact_prefix="$F/crash-$target/" \
		"$F/corpus-$target" "$ROOT/tests/fuzz/$target" >"$F/fuzz-$target.log" 2>&1; then
		pass "fuzz $target: ${secs}s, $(grep -o 'Done [0-9]* runs' "$F/fuzz-$target.log" | tail -1), no crash"
	else
		fail "fuzz $target" "crash saved in $F/crash-$target/; see $F/fuzz-$target.log"
	fi
done
done_tests
