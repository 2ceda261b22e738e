#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# stage.sh NAME LOG COMMAND...: runs one step of a build, its output in LOG,
# and prints one line with how long it took; on failure, where to look.
name=$1 log=$2
shift 2
mkdir -p "$(dirname "$log")"
start=$(date +%s.%N)
printf '%-44s ' "$name" >&2
if "$@" >"$log" 2>&1; then
	printf '%6.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)" >&2
else
	rc=$?
	printf 'FAILED after %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)" >&2
	tail -n 20 "$log" | sed 's/^/    /' >&2
	echo "  full log: $log" >&2
	exit $rc
fi
