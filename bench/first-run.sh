#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench/first-run.sh: the time from `git clone` to the first verdict of
# `make run` on a fresh Debian 12 machine, the packages it installs
# included. The fresh machine is a root file system made by Debian's
# mmdebstrap (variant apt, plus make and git: what the README's first two
# steps need), entered with unshare and chroot; the clone is of this
# repository's HEAD, from a bare copy inside it (a clone over the network
# adds its own seconds). Prints each stage's time and writes
# build/bench/first-run.json. Needs root and Debian's archive on the
# network; making the root file system (about a minute) is not timed.
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
FR=$ROOT/build/bench/first-run
[ "$(id -u)" -eq 0 ] || { echo "first-run.sh: needs root (mmdebstrap, unshare, chroot)" >&2; exit 1; }
command -v mmdebstrap >/dev/null || { echo "first-run.sh: needs mmdebstrap: make deps-deb" >&2; exit 1; }
rm -rf "$FR"
mkdir -p "$FR"
echo "a fresh Debian 12 root file system (mmdebstrap; not timed) ..." >&2
mmdebstrap --variant=apt --include=make,git,ca-certificates bookworm "$FR/root" >"$FR/mmdebstrap.log" 2>&1 ||
	{ echo "first-run.sh: mmdebstrap failed: see $FR/mmdebstrap.log" >&2; exit 1; }
cp /etc/resolv.conf "$FR/root/etc/resolv.conf"
git clone -q --bare "$ROOT" "$FR/root/srv/hello_syscall.git"

# Inside: each step timed; make run's own output shows its stages' times.
cat > "$FR/root/srv/first-run" <<'EOF'
#!/bin/bash
set -u
t() { date +%s.%N; }
s0=$(t)
git clone -q /srv/hello_syscall.git /root/hello_syscall || exit 1
s1=$(t)
cd /root/hello_syscall
scripts/steps/deps.sh run x86_64 linux-source-6.12 || exit 1
s2=$(t)
make run
rc=$?
s3=$(t)
printf 'clone_s %.1f\npackages_s %.1f\nmake_run_s %.1f\nfirst_run_s %.1f\n' \
	"$(echo "$s1 - $s0" | bc)" "$(echo "$s2 - $s1" | bc)" "$(echo "$s3 - $s2" | bc)" "$(echo "$s3 - $s0" | bc)"
exit $rc
EOF
chmod +x "$FR/root/srv/first-run"
echo "git clone, then make run, in it (timed) ..." >&2
rc=0
set -o pipefail
unshare --mount --pid --fork /bin/sh -c '
	r=$1
	mount --rbind /dev "$r/dev" && mount -t proc proc "$r/proc" && mount -t sysfs sys "$r/sys" &&
	exec chroot "$r" /srv/first-run' sh "$FR/root" 2>&1 | tee "$FR/log" || rc=1
grep -q '^\[init\] 3 passed, 0 failed' "$FR/log" || rc=1
{
	echo "{"
	echo "  \"machine\": \"$(nproc) cores, $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n 1)\","
	grep -E '^(clone|packages|make_run|first_run)_s ' "$FR/log" | awk '{ printf "  \"%s\": %s,\n", $1, $2 }'
	echo "  \"verdict\": \"$([ $rc -eq 0 ] && echo pass || echo fail)\""
	echo "}"
} > "$FR.json"
rm -rf "$FR/root"
echo "$FR.json"
exit $rc
