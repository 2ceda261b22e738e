#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# report.sh RESULTS.json DIR: the page of one make bench run, DIR/REPORT.md
# (each figure once, beside its target, with the machine), and its picture,
# DIR/time.png (where the time of a cold build, the edit loop and a boot
# goes), drawn by gnuplot from the same file. Earlier runs' figures are in
# CHANGELOG.md; this page holds the latest only.
set -eu
[ $# -eq 2 ] || { echo "usage: report.sh RESULTS.json DIR" >&2; exit 2; }
json=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$json" "$tmp" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
out = sys.argv[2]
t = r.get("targets", {})
def met(k):
    if k not in t or r.get(k) is None:
        return ""
    limit = float(t[k].lstrip("<="))
    return "yes" if r[k] <= limit else "**no**"
skip = {"machine", "kernel", "accel", "date", "targets"}
with open(out + "/REPORT.md", "w") as f:
    f.write("# make bench: the latest run\n\n")
    f.write(f"{r['date']}, {r['machine']}, {r['kernel']}, QEMU under {r['accel']}.\n")
    f.write("Written by `make bench` (`bench/report.sh` from `build/bench/results.json`);\n")
    f.write("docs/performance.md says what each figure is, CHANGELOG.md what earlier runs gave.\n\n")
    f.write("![where the time goes](time.png)\n\n")
    f.write("| figure | value | target | met |\n| --- | --- | --- | --- |\n")
    for k, v in r.items():
        if k in skip:
            continue
        f.write(f"| `{k}` | {'-' if v is None else v} | {t.get(k, '')} | {met(k)} |\n")
g = lambda k: r.get(k) or 0
with open(out + "/loop.dat", "w") as f:
    # label, then one column per part (seconds)
    f.write('"rebuild" %s %s 0 0 0\n' % (g("kbuild_noop_s"), max(g("rebuild_s") - g("kbuild_noop_s"), 0)))
    f.write('"boot" 0 0 %s %s %s\n' % (g("boot_kernel_to_init_s"), g("boot_init_to_reboot_s"), g("boot_qemu_firmware_s")))
with open(out + "/build.dat", "w") as f:
    f.write('"cold build" %s\n"new call" %s\n"arm64 cold build" %s\n' % (g("cold_build_s"), g("new_call_to_verdict_s"), g("arm64_cold_build_s")))
PY
gnuplot <<GP
set terminal pngcairo size 900,420 font ",10"
set output "$tmp/time.png"
set multiplot layout 1,2 title "where the time goes (seconds)"
set style data histograms
set style histogram rowstacked
set style fill solid 0.8 border -1
set boxwidth 0.6
set key top right
set yrange [0:*]
set title "the edit loop: a rebuild, a boot"
plot "$tmp/loop.dat" using 2:xtic(1) title "kbuild, nothing to do", \
	'' using 3 title "compile and link", '' using 4 title "kernel to /init", \
	'' using 5 title "/init to reboot", '' using 6 title "QEMU and firmware"
set title "builds: cold, to the kernel; a new call, to its verdict"
set style histogram clustered
unset key
plot "$tmp/build.dat" using 2:xtic(1)
unset multiplot
GP
mkdir -p "$dir"
mv "$tmp/REPORT.md" "$dir/REPORT.md"
mv "$tmp/time.png" "$dir/time.png"
