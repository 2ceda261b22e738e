#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lava-local.sh start DIR [N] | stop DIR | status DIR: a LAVA lab on this
# machine, from Debian's packages (scripts/steps/deps.sh lava), on 127.0.0.1
# only: PostgreSQL (if it is not running already), lava-server's web app
# (gunicorn), its scheduler and publisher, and N workers (default 2), each
# with one device of the stock "qemu" type that runs without KVM.
# DIR keeps what this lab is: the PIDs it started, each with its start time
# (stop ends those and no other, not even a process that got one of their
# numbers after a reboot), the URL (DIR/url) and the API token of its user "hello"
# (DIR/token). What LAVA's daemons read and write once they are user
# lavaserver (their logs, the device dictionaries) is in RUN
# (/var/lib/lava-server/hello-lab): DIR may be where that user cannot go.
# start finds a running lab and leaves it be; the users, workers and
# devices it made stay in LAVA's database for the next start, which is
# then a matter of seconds.
# There is no systemd here: each daemon is started from the command of its
# unit file (/lib/systemd/system/lava-*.service).
set -eu
cmd=${1:-} dir=${2:-}
[ -n "$dir" ] || { echo "usage: lava-local.sh start DIR [N] | stop DIR | status DIR" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pids=$dir/pids
user=hello
run=${LAVA_RUN_DIR:-/var/lib/lava-server/hello-lab}

# alive PID: the process runs (a zombie does not: PID 1 here may not reap).
alive() {
	s=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
	case $s in '' | Z* | X*) return 1 ;; esac
}
# started PID: when the process started: this boot's id and the start time
# of /proc/PID/stat (its 22nd field, clock ticks after boot)
started() {
	s=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
	# shellcheck disable=SC2086 # words: the fields after the name
	set -- $s
	echo "$(cat /proc/sys/kernel/random/boot_id):${20}"
}
# ours PID STARTED: the process alive and the one DIR/pids recorded, not
# another that got its number since (after a reboot, say)
ours() {
	alive "$1" && [ -n "$2" ] && [ "$(started "$1")" = "$2" ]
}
# record NAME PID: a daemon of this lab, in DIR/pids
record() {
	echo "$1 $2 $(started "$2")" >> "$pids"
}
# running: every daemon of DIR/pids is alive, and ours
running() {
	[ -s "$pids" ] || return 1
	while read -r _ pid t; do ours "$pid" "$t" || return 1; done < "$pids"
}
free_port() { # free_port FROM: the first port from FROM nobody listens on
	p=$1
	while ss -Hltn "sport = :$p" | grep -q .; do p=$((p + 1)); done
	echo "$p"
}
# stop: ends the daemons of DIR/pids that are still the ones it started;
# a PID now someone else's is named and left alone
stop() {
	[ -f "$pids" ] || return 0
	while read -r name pid t; do
		if alive "$pid" && ! ours "$pid" "$t"; then
			echo "lava-local: $name's PID $pid is now another process's: left alone" >&2
		fi
	done < "$pids"
	# all but PostgreSQL at once (the workers' QEMUs go with their group),
	# then PostgreSQL; each has 10 s before it is killed
	while read -r name pid t; do
		[ "$name" = postgres ] || ! ours "$pid" "$t" || kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
	done < "$pids"
	ended postgres -v
	while read -r name pid t; do
		[ "$name" != postgres ] || ! ours "$pid" "$t" || kill -INT "$pid"	# fast shutdown
	done < "$pids"
	ended postgres
	rm -f "$pids"
}
# ended NAME [-v]: waits for the daemons named NAME (-v: all but those) to end
ended() {
	list=$(awk -v n="$1" -v inv="${2:-}" '($1 == n) != (inv == "-v") { print $2 ":" $3 }' "$pids")
	i=0
	for pt in $list; do
		pid=${pt%%:*} t=${pt#*:}
		while ours "$pid" "$t" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		if ours "$pid" "$t"; then
			echo "lava-local: $pid still runs after 10 s: killed" >&2
			kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
		fi
	done
}
# Where the daemons and lava-server manage read their settings: LAVA takes
# LAVA_SETTINGS_* from the environment (lava_server/settings/prod.py).
settings() {
	export LAVA_SETTINGS_DEVICES_PATH="$run/devices"
	export LAVA_YAML_SETTINGS_EVENT_NOTIFICATION=true
	LAVA_SETTINGS_EVENT_SOCKET="tcp://127.0.0.1:$(cat "$dir/event-port")"
	export LAVA_SETTINGS_EVENT_SOCKET
}
manage() { lava-server manage "$@"; }
# daemon NAME COMMAND...: started in a session of its own (stop ends the
# whole group), its output in DIR/NAME.out, its PID in DIR/pids
daemon() {
	name=$1
	shift
	setsid "$@" > "$dir/$name.out" 2>&1 < /dev/null &
	record "$name" $!
}
# wait_for WHAT SECONDS COMMAND...: until COMMAND succeeds
wait_for() {
	what=$1 secs=$2
	shift 2
	tries=0
	until "$@" >/dev/null 2>&1; do
		tries=$((tries + 1))
		if [ $tries -gt $((secs * 5)) ]; then
			echo "lava-local: $what did not come up in $secs s; logs in $dir and $run" >&2
			stop
			exit 1
		fi
		sleep 0.2
	done
}
web_up() {
	curl -sf "$(cat "$dir/url")api/v0.2/system/version/"
}

start() {
	n=${1:-2}
	case $n in '' | *[!0-9]* | 0) echo "LAVA_WORKERS=$n: give a number from 1" >&2; exit 2 ;; esac
	if running; then
		echo "lava-local: running at $(cat "$dir/url") (make lava-local-stop ends it)" >&2
		return 0
	fi
	stop	# what is left of a lab half up
	"$(dirname "$0")/../steps/deps.sh" lava
	t0=$(date +%s)
	echo "lava-local: starting a LAVA lab on 127.0.0.1 with $n workers" >&2

	# PostgreSQL: the cluster lava-server's install set up, unless it runs
	cluster=$(pg_lsclusters -h | awk '{ print $1, $2, $4, $6; exit }')
	# shellcheck disable=SC2086 # words: version, name, state, folder
	set -- $cluster
	if [ "$3" != online ]; then
		pg_ctlcluster "$1" "$2" start -- -o "-c listen_addresses=127.0.0.1"
		record postgres "$(head -1 "$4/postmaster.pid")"
	fi

	[ -s "$dir/event-port" ] || free_port 5500 > "$dir/event-port"
	if [ ! -s "$dir/url" ]; then
		echo "http://127.0.0.1:$(free_port 8000)/" > "$dir/url"
		free_port 8101 > "$dir/publisher-port"
	fi
	settings
	url=$(cat "$dir/url")
	port=${url##*:}
	port=${port%/}
	mkdir -p "$run/devices"
	chown -R lavaserver:lavaserver "$run"

	# The web app, 2 workers (the unit's 4 take 350 MB); then the others.
	daemon web gunicorn3 lava_server.wsgi --log-level INFO --log-file "$run/web.log" \
		-u lavaserver -g lavaserver --worker-class eventlet --workers 2 \
		--bind "127.0.0.1:$port"
	daemon publisher lava-server manage lava-publisher --level INFO \
		--log-file "$run/publisher.log" --host 127.0.0.1 --port "$(cat "$dir/publisher-port")"
	daemon scheduler lava-server manage lava-scheduler --level INFO \
		--log-file "$run/scheduler.log" --event-url "$LAVA_SETTINGS_EVENT_SOCKET"

	# What the jobs need in the database: once per machine.
	# (each listing read whole: grep -q would leave it a broken pipe)
	case $(manage device-types list) in *qemu*) ;; *) manage device-types add qemu ;; esac
	case " $(manage users list | tr '\n' ' ') " in
	*" $user "*) ;;
	*) manage users add --superuser --staff "$user" >/dev/null ;;
	esac
	if [ ! -s "$dir/token" ] || ! manage tokens list --user "$user" --csv | grep -F "$(cat "$dir/token")" >/dev/null; then
		tok=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
		manage tokens add --user "$user" --secret "$tok" --description "lava-local.sh" >/dev/null
		(umask 077 && echo "$tok" > "$dir/token")
	fi
	wait_for "the web app ($url)" 60 web_up

	devices=$(manage devices list --all --csv)
	i=1
	while [ $i -le "$n" ]; do
		w=hello-worker-$i d=hello-qemu-$i
		# no KVM (QEMU aborts under it on some hosts); the job adds -no-reboot
		printf "{%% extends 'qemu.jinja2' %%}\n{%% set no_kvm = True %%}\n{%% set mac_addr = '52:54:00:12:34:%02x' %%}\n" \
			$((0x60 + i)) > "$run/devices/$d.jinja2"
		mkdir -p "/var/lib/lava/dispatcher/$w"
		daemon "$w" lava-worker --name "$w" --url "$url" --ping-interval 2 \
			--worker-dir "/var/lib/lava/dispatcher/$w" --log-file "$run/$w.log" --level INFO
		# a new worker registers itself (its token goes in its folder)
		wait_for "worker $w" 60 test -s "/var/lib/lava/dispatcher/$w/token"
		echo "$devices" | grep -q "^$d," ||
			manage devices add --device-type qemu --worker "$w" "$d"
		manage devices update --health UNKNOWN "$d" >/dev/null
		i=$((i + 1))
	done
	# a device of a worker not started this time takes no job
	echo "$devices" | cut -d, -f1 | grep '^hello-qemu-' | while read -r d; do
		[ "${d#hello-qemu-}" -le "$n" ] || manage devices update --health MAINTENANCE "$d" >/dev/null
	done
	running || { echo "lava-local: a daemon ended at once; logs in $dir and $run" >&2; stop; exit 1; }
	echo "lava-local: up at $url in $(($(date +%s) - t0)) s; user $user, token in $dir/token" >&2
}

case $cmd in
start) shift 2; start "$@" ;;
stop) stop ;;
status)
	if running; then echo "running at $(cat "$dir/url")"; else echo "not running"; exit 1; fi ;;
*) echo "usage: lava-local.sh start DIR [N] | stop DIR | status DIR" >&2; exit 2 ;;
esac
