# SPDX-License-Identifier: GPL-2.0
# make help: the targets, then every variable a user may set, each with its
# value now (its default unless given) and its meaning. A variable is one a
# user may set when a makefile of mk/ gives it with ?=; the line "## NAME:
# meaning" above it is what help prints, the one place it is said
# (tests/help.sh checks that every such variable has one). Nothing is
# compiled or built for it.

HELP_FILES = $(filter mk/%,$(MAKEFILE_LIST))
HELP_VARS  = $(shell sed -n 's/^\(export \)\{0,1\}\([A-Z][A-Z_0-9]*\) *?=.*/\2/p' $(HELP_FILES))
help_value = $(subst ','\'',$($(1)))
# qrun's own defaults, as its source sets them
QRUN_DEFAULTS = $(shell sed -n 's/.*\.timeout = \([0-9]*\), \.mem = \([0-9]*\),.*/--timeout \1 s, --mem \2 MiB/p' tools/qrun/qrun.c)

help:
	@echo "make [TARGET] [VARIABLE=value ...]    (README.md, docs/)"
	@echo
	@echo "targets:"
	@echo "  run             build the kernel with the calls, boot it in QEMU, show the calls' log lines"
	@echo "  selftest        boot the same kernel and run the kselftests, 64- and 32-bit (and x32 on x86_64)"
	@echo "  kselftest       the same suite built and run the upstream way (run_kselftest.sh)"
	@echo "  shell           the same kernel with a busybox shell on the console (exit ends QEMU)"
	@echo "  check           the host tests and three x86_64 kernels; last line 'N passed, N failed, N skipped'"
	@echo "  check-host      the host tests alone"
	@echo "  check-full      every test: ten kernels, three architectures, the install on a disk, LAVA"
	@echo "  matrix          every architecture of ARCHES: build, the numbers in the built kernel, boot, selftest"
	@echo "  patch           the change to a pristine tree: one patch file, a git format-patch series per call"
	@echo "  new-call        a new call from SPEC='long name(type arg, ...)': code, Kconfig, selftest, man page"
	@echo "  remove-call     takes the call NAME= out again"
	@echo "  apply, revert   patch the tree in place / give it its pristine files back"
	@echo "  doctor          your tree's calls written by hand, checked for the usual mistakes (KERNEL_SRC=)"
	@echo "  kernel, guest, headers, tools, deps   one stage only: the kernel image, the guest's archives,"
	@echo "                  the uapi headers, the host programs, the packages"
	@echo "  deb             the patched kernel as Debian packages (build/deb/)"
	@echo "  install-test    those packages installed in a Debian 12 disk image, booted from it, checked"
	@echo "  lava-jobs       LAVA job definitions of the cells in build/lava/"
	@echo "  lava            those jobs on a LAVA lab, judged by their cases"
	@echo "  lava-local, lava-local-stop   a LAVA lab on this machine (127.0.0.1) / ended"
	@echo "  bench           the loop and the calls measured: a table and build/bench/results.json"
	@echo "  fuzz-calls      fuzz the calls (CALLS=) in the debug kernel, from every ABI; FAIL at a kernel report"
	@echo "  fuzz-seeded     fuzz-calls on calls with a bug planted in each: each must be found (tests/fuzz-calls/)"
	@echo "  fuzz            fuzz the table and prototype readers"
	@echo "  man             the manual pages of qrun, the patcher and newcall (build/man/man1/)"
	@echo "  clean           remove build/"
	@echo
	@echo "variables (their value now; VARIABLE=value on the command line changes it):"
	@$(foreach v,$(HELP_VARS),printf '  %-22s %s\n' '$(v)=$(call help_value,$(v))' \
		"$$(sed -n 's/^## $(v): //p' $(HELP_FILES))";)
	@echo
	@echo "KERNEL is one of: $(DEBIAN_KERNELS) (Debian's linux-source packages)"
	@echo "ARCH is one of: $(shell scripts/steps/arches.sh names); built, not booted: $(shell scripts/steps/arches.sh names built)"
	@echo "TIMEOUT and QEMU_MEM, when empty, are qrun's: $(QRUN_DEFAULTS)"
