#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# stage.sh NAME LOG COMMAND...: runs one step of a build, its output in LOG,
# and prints one line with how long it took; on failure, its first errors
# (compiler and linker lines with file and line, gcc's source lines under
# them, and the make target that failed), or the log's tail where it has
# no such line, then the log's path. With STAGE_SRC (a kernel build's
# tree), the Kconfig options to try for what the build lacks
# (kconfig-hint.sh).
# With STAGE_LOCK (make sets it: build/.lock), one step of a project runs at
# a time: two makes at once (two terminals) would run kbuild twice in one
# object directory, which fails. The second waits, then finds the work done
# (kbuild has nothing to do); the lock goes when this script ends, killed or
# not. The step itself does not hold it (a daemon it left would).
name=$1 log=$2
shift 2
# errors LOG: the first five error lines of LOG and the target that failed;
# fails if LOG has none
errors() {
	awk '
	/^[^ ]+:[0-9]+(:[0-9]+)?: (fatal )?error: |: undefined reference to |^ERROR: |^[^ ]*ld(\.[a-z]+)?: .*error/ {
		if (n < 5) { print; n++; ctx = 2; next }
	}
	ctx > 0 && /^ *[0-9]* \| / { print; ctx--; next }
	{ ctx = 0 }
	/^make(\[[0-9]+\])?: \*\*\* \[/ && !target { target = $0 }
	END { if (n && target) print target; exit n == 0 }' "$1"
}
mkdir -p "$(dirname "$log")"
if [ -n "${STAGE_LOCK-}" ]; then
	mkdir -p "$(dirname "$STAGE_LOCK")"
	exec 9>"$STAGE_LOCK"
	flock -n 9 || { echo "$name: waiting for another make of this project ($STAGE_LOCK)" >&2; flock 9; }
fi
start=$(date +%s.%N)
printf '%-44s ' "$name" >&2
if "$@" 9>&- >"$log" 2>&1; then
	printf '%6.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)" >&2
else
	rc=$?
	printf 'FAILED after %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)" >&2
	{ errors "$log" || tail -n 20 "$log"; } | sed 's/^/    /' >&2
	# a kernel build: the Kconfig option that would give what it lacks
	[ -z "${STAGE_SRC-}" ] || "$(dirname "$0")/kconfig-hint.sh" "$STAGE_SRC" "$log" | sed 's/^/  /' >&2
	echo "  full log: $log" >&2
	exit $rc
fi
