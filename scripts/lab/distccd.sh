#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# distccd.sh start DIR N: N of Debian's distccd daemons on 127.0.0.1, each on
# a port of its own that no one else listens on, accepting 127.0.0.1 only;
# their logs (a line per compile, kept from run to run) and PID files in
# DIR. Prints the DISTCC_HOSTS that names them, for make CC_WRAPPER=distcc.
# Those already running from DIR are kept.
# distccd.sh stop DIR: ends the daemons DIR's PID files name, and only those.
set -u
cmd=${1:-} dir=${2:-}
[ -n "$dir" ] || { echo "usage: distccd.sh start DIR N | stop DIR" >&2; exit 2; }
command -v distccd >/dev/null || { echo "distccd.sh: no distccd: apt-get install distcc" >&2; exit 1; }
# absolute: a daemon works from /
dir=$(mkdir -p "$dir" && cd "$dir" && pwd) || exit 1
# alive PID: a distccd that runs (a dead one that no one reaped, as where
# PID 1 is not an init, is a zombie: Z)
alive() {
	case $(cut -d' ' -f2,3 "/proc/$1/stat" 2>/dev/null) in
	"(distccd) S" | "(distccd) R") return 0 ;;
	*) return 1 ;;
	esac
}
# ours PIDFILE: the daemon that PIDFILE names is alive
ours() {
	local pid
	pid=$(cat "$1" 2>/dev/null) && [ -n "$pid" ] && alive "$pid"
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case $cmd in
stop)
	for f in "$dir"/distccd-*.pid; do
		[ -e "$f" ] || continue
		if ours "$f"; then
			# its preforked children outlive it (and it forks new
			# ones while it lives): named first, ended after it
			pid=$(cat "$f")
			kids=$(pgrep -P "$pid")
			kill "$pid" 2>/dev/null
			# shellcheck disable=SC2086 # one argument per PID
			[ -z "$kids" ] || kill $kids 2>/dev/null
			# gone within 2 s, or told so
			for _ in $(seq 20); do
				left=
				for p in $pid $kids; do alive "$p" && left="$left $p"; done
				[ -n "$left" ] || break
				sleep 0.1
			done
			[ -z "$left" ] || echo "distccd.sh: distccd$left still running" >&2
		fi
		rm -f "$f"
	done
	exit 0 ;;
start) ;;
*) echo "usage: distccd.sh start DIR N | stop DIR" >&2; exit 2 ;;
esac
n=${3:-2}
hosts='' port=36320
for _ in $(seq "$n"); do
	# the next port: one of ours still running, or one nobody listens on
	while :; do
		f=$dir/distccd-$port.pid
		ours "$f" && break
		listening "$port" || break
		port=$((port + 1))
	done
	if ! ours "$f"; then
		log=$dir/distccd-$port.log
		touch "$log"
		: > "$f"
		# as root it runs as Debian's distccd user, who writes these
		[ "$(id -u)" -ne 0 ] || chown distccd "$log" "$f" 2>/dev/null || chmod 666 "$log" "$f"
		distccd --daemon --listen 127.0.0.1 --allow 127.0.0.1 --port "$port" \
			--pid-file "$f" --log-file "$log" --log-level info ||
			{ echo "distccd.sh: distccd on port $port did not start: see $log" >&2; exit 1; }
		for _ in $(seq 50); do
			ours "$f" && listening "$port" && break
			sleep 0.1
		done
		if ! ours "$f" || ! listening "$port"; then
			echo "distccd.sh: nothing listens on 127.0.0.1:$port after 5 s: see $log" >&2
			exit 1
		fi
	fi
	hosts="$hosts 127.0.0.1:$port/2"
	port=$((port + 1))
done
echo "${hosts# }"
