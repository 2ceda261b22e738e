# SPDX-License-Identifier: GPL-2.0
# The tests (make check, check-host), make matrix, make bench, make fuzz.

# One make check of a project at a time: a second would share build/check
# and the kernels under test. The lock is the flock process's (-o): not
# inherited by the daemons make check starts (a LAVA lab, distccd).
# make check: the host tests and three x86_64 6.12 kernels (the project's,
# a copy with a call of every kind make new-call makes, a user's tree);
# make check-host: the host tests alone (the tools, the patcher, the
# generator, the scripts; no kernel is built); make check-full: every test,
# ten kernels: 6.1, arm64 and arm, nohello, the stock kernel, the Debian
# packages on a disk, LAVA (tests/check.sh says which).
CHECK_DIR := $(B)/check
.PHONY: check check-host check-full
check check-host check-full:
	@mkdir -p $(CHECK_DIR)
	@CHECK_DIR=$(CHECK_DIR) flock -n -o -E 75 $(CHECK_DIR)/.lock tests/check.sh $(patsubst check-%,%,$(filter check-%,$@)) || { rc=$$?; [ $$rc -ne 75 ] || \
		echo "make check: another make check of this project is running ($(CHECK_DIR)/.lock); wait for it to end" >&2; \
		exit $$rc; }

# Every architecture of ARCHES (default: all of config/arches): built, its
# calls' numbers read from the built table, booted and selftested where
# QEMU has its machine; a table of the results.
## ARCHES: make matrix, make lava: these architectures; make bench: its matrix's (default there: every booted row)
ARCHES ?= $(shell scripts/steps/arches.sh names)
## MATRIX_KERNELS: make matrix: these kernels, each Debian's version (6.12) or a tree's path (none: KERNEL or KERNEL_SRC)
MATRIX_KERNELS ?=
## MATRIX_JOBS: make matrix: cells at once (2: a cell boots while another builds)
MATRIX_JOBS ?= 1
# One make matrix of a project at a time: a second would share build/matrix.
.PHONY: matrix
matrix:
	@mkdir -p $(B)/matrix
	@MATRIX_KERNELS="$(MATRIX_KERNELS)" MATRIX_JOBS="$(MATRIX_JOBS)" flock -n -o -E 75 $(B)/matrix/.lock \
		scripts/matrix/matrix.sh $(ARCHES) || { rc=$$?; [ $$rc -ne 75 ] || \
		echo "make matrix: another make matrix of this project is running ($(B)/matrix/.lock); wait for it to end" >&2; \
		exit $$rc; }

bench: deps-bench tools guest $(GUEST)/callbench $(B)/config/calls-y.config $(B)/config/calls-n.config
	@$(MAKE) --no-print-directory guest ARCH=arm64 KERNEL=$(KERNEL)
	@bench/bench.sh $(KERNEL)
	@bench/farm.sh $(KERNEL)
	@bench/matrix.sh $(if $(filter command line,$(origin ARCHES)),$(ARCHES))
	@rc=0; bench/fuzz.sh || rc=$$?; \
	bench/report.sh $(B)/bench/results.json bench && \
	echo "bench/REPORT.md, bench/time.png: the page of this run"; exit $$rc

# make fuzz-calls proved on calls with a bug planted in each (tests/fuzz-calls/):
# each must be found by its report; BUGS= only these (tests/fuzz-seeded.sh).
## BUGS: make fuzz-seeded: only these planted calls of tests/fuzz-calls/ ("fz_oob"; default: all)
BUGS ?=
.PHONY: fuzz-seeded
fuzz-seeded: tools
	@mkdir -p $(B)/fuzz-seeded
	@sh tests/fuzz-seeded.sh $(BUGS) > $(B)/fuzz-seeded/tap; \
	perl tests/tap.pl "make fuzz-seeded" $(B)/fuzz-seeded/tap $$?

# Fuzz the table readers for FUZZ_SECONDS each (libFuzzer); see tests/fuzz.sh.
## FUZZ_SECONDS: make fuzz: seconds of fuzzing for each reader
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/steps/deps.sh fuzz
	@sh tests/fuzz.sh $(FUZZ_SECONDS)
