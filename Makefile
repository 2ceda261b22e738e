# SPDX-License-Identifier: GPL-2.0
# hello_syscall: a new Linux system call, from source tree to a booted
# verdict. README.md explains; `make help` lists targets and variables.

KERNEL     ?= 6.12
CFG        ?= vm
KERNEL_SRC ?=
EXEC       ?=
EXEC_USER  ?= 0
# qrun's own defaults (build/tools/qrun --help) unless these are given
TIMEOUT    ?=
QEMU_MEM   ?=
ACCEL      ?= auto
RESULTS    ?=
ARCH       ?= x86_64

# What differs per architecture: one row of config/arches each, read by
# make (ARCH_* below, through this generated file) and by qrun (its C table).
# Build outputs of another architecture than x86_64 go beside its ones.
ARCH_MK := build/gen/arch-$(ARCH).mk
include $(ARCH_MK)
$(ARCH_MK): config/arches scripts/arches.sh
	@mkdir -p $(@D)
	@scripts/arches.sh make $(ARCH) > $@.$$$$.new && mv $@.$$$$.new $@
KARCH  := $(ARCH_KARCH)
# kbuild has an ARCH of its own (riscv for riscv64, parisc for hppa): ours,
# given on the command line, must not reach the kernel's make by MAKEFLAGS.
MAKEOVERRIDES := $(filter-out ARCH=%,$(MAKEOVERRIDES))
CROSS  := $(ARCH_CROSS)
ASFX   := $(if $(filter x86_64,$(ARCH)),,-$(ARCH))
# The test VM's config: config/vm.config, then the architecture's fragments.
ARCH_FRAGS := config/vm.config $(patsubst %,config/%.config,$(ARCH_CONFIGS))

SHELL  := /bin/bash

# CC_WRAPPER=ccache: kernel builds through Debian's ccache (a dependency),
# its cache in build/ccache, at most CCACHE_MAXSIZE. A second config of one
# source (nohello beside vm) is then mostly hits: a file whose preprocessed
# text did not change is not compiled again (99% here, 66 s instead of
# 119). Off by default: a build with a cold cache took 36% longer here (161
# s instead of 119; make bench), and make run and make check build mostly
# first configs. CC_WRAPPER=distcc with DISTCC_HOSTS=
# spreads the compiles to those hosts' distccd, as many at once as their
# slots (distcc -j) unless KJOBS= says; scripts/distccd.sh starts local
# ones (make check builds its nohello kernel through two).
CC_WRAPPER ?=
export CC_WRAPPER
export CCACHE_DIR ?= $(CURDIR)/build/ccache
export CCACHE_MAXSIZE ?= 8G
# Paths below the project hash as relative ones (kbuild compiles in the
# object directory): a copy of the project's tree (build/newcall/proj)
# shares the cache with the project's own.
export CCACHE_BASEDIR ?= $(CURDIR)
B      := $(CURDIR)/build
NPROC  := $(shell nproc)
KJOBS  ?= $(or $(if $(filter distcc,$(CC_WRAPPER)),$(shell DISTCC_HOSTS='$(DISTCC_HOSTS)' distcc -j 2>/dev/null)),$(NPROC))
STAGE  := $(CURDIR)/scripts/stage.sh
export STAGE_LOCK := $(B)/.lock

# The patched tree (P*) gives the headers and guest programs; UNPATCHED=1
# builds a pristine copy of the same Debian source, without the patch.
UNPATCHED ?=
OVERWRITE ?=
ifeq ($(origin FORCE),command line)
$(error FORCE= is kbuild's name for a rule of its own, and would reach it: say OVERWRITE=1)
endif
ifeq ($(CFG),stock)
$(error CFG=stock is now UNPATCHED=1 (with any CFG))
endif
# CFG=debug+trace: several configs of config/ merged, in that order.
CFGS      := $(subst +, ,$(CFG))
CFG_FRAGS := $(patsubst %,config/%.config,$(filter-out vm,$(CFGS)))
ifeq ($(UNPATCHED)$(if $(KERNEL_SRC),own),1own)
$(error UNPATCHED=1 builds Debian's pristine linux-source-$(KERNEL); for your tree: make revert KERNEL_SRC=...)
endif
ifneq ($(KERNEL_SRC),)
PSRC      := $(abspath $(KERNEL_SRC))
# A tree is known by its path: /a/linux and /b/linux are two trees.
PTAG      := own-$(notdir $(PSRC))-$(shell printf '%s' '$(PSRC)' | md5sum | cut -c1-8)
PUNPACKED :=
else
PSRC      := $(B)/src/$(KERNEL)
PTAG      := $(KERNEL)
PUNPACKED := $(PSRC)/.unpacked
endif
PATCHED_STAMP := $(B)/stamp/$(PTAG)/patched

ifeq ($(UNPATCHED),1)
SRC      := $(B)/src/$(KERNEL)-stock
TAG      := $(KERNEL)-stock
UNPACKED := $(SRC)/.unpacked
PATCHED  :=
FRAGS    := $(ARCH_FRAGS) $(CFG_FRAGS)
else
SRC      := $(PSRC)
TAG      := $(PTAG)
UNPACKED := $(PUNPACKED)
PATCHED  := $(PATCHED_STAMP)
FRAGS    := $(ARCH_FRAGS) \
	    $(B)/config/calls-$(if $(filter nohello,$(CFGS)),n,y).config $(CFG_FRAGS)
endif

# A tree whose objtool failed once (scripts/kbuild.sh) is configured
# without stack validation from then on.
NO_OBJTOOL := $(B)/stamp/$(TAG)/no-objtool
FRAGS += $(if $(wildcard $(NO_OBJTOOL)),config/no-objtool.config)

ifneq ($(filter-out $(wildcard $(CFG_FRAGS)),$(CFG_FRAGS)),)
$(error CFG=$(CFG): no $(filter-out $(wildcard $(CFG_FRAGS)),$(CFG_FRAGS)); use vm, nohello, debug or trace, or several joined by +)
endif

OBJ     := $(B)/obj/$(TAG)-$(CFG)$(ASFX)
KIMAGE := $(OBJ)/$(ARCH_IMAGE)
HDR     := $(B)/hdr/$(PTAG)$(ASFX)
GUEST   := $(B)/guest/$(PTAG)$(ASFX)
HEADERS := $(B)/stamp/$(PTAG)/headers$(ASFX)
INITRD_RUN := $(GUEST)/run.cpio
GEN_INIT_CPIO := $(B)/tools/gen_init_cpio-$(PTAG)
INITRD  := $(GUEST)/initramfs.cpio

HOSTCFLAGS  ?= -O2 -g
HOST_WARN   := -Wall -Wextra -Werror
GUEST_CC     := $(CROSS)gcc
RUN_CC       := $(ARCH_RUNCC)
GUEST_WARN   := -O2 -Wall -Wextra -Werror -static
GUEST_CFLAGS := $(GUEST_WARN) -isystem $(HDR)/include
PATCHER := $(B)/tools/patcher
QRUN    := $(B)/tools/qrun
NEWCALL := $(B)/tools/newcall

# The calls made by 'make new-call': one folder each under kernel/selftests/;
# the project's files that go into a kernel tree.
MADE_CALLS := $(filter-out hello_syscall,$(notdir $(wildcard kernel/selftests/*)))
PROJECT_KERNEL_FILES := kernel/syscalls.tbl $(wildcard kernel/my_syscalls/* kernel/selftests/*/* \
	kernel/uapi/*)

.PHONY: all help deps run selftest kselftest bench shell check patch apply revert kernel guest tools \
	fuzz clean new-call remove-call
.DELETE_ON_ERROR:

all: run

help: $(QRUN)
	@echo "make run        build the kernel with the calls, boot it in QEMU, show the log lines"
	@echo "make selftest   boot the same kernel and run the kselftest (64- and 32-bit)"
	@echo "make kselftest  the same suite built and run the upstream way (run_kselftest.sh)"
	@echo "make shell      the same kernel with a busybox shell on the console (exit ends QEMU)"
	@echo "make check      every test; last line 'N passed, N failed'"
	@echo "make matrix     every architecture (ARCHES=\"arm riscv64\"): build, number in the built kernel, boot, selftest"
	@echo "make patch      the change to a pristine tree: one patch file, a git format-patch series per call"
	@echo "make new-call SPEC='long name(type arg, ...)'  a new call: code, Kconfig, selftest, man page"
	@echo "make remove-call NAME=name                    takes such a call out again"
	@echo "make apply      patch KERNEL_SRC (or the default tree) in place; make revert undoes it"
	@echo "make kernel     only build the kernel image; make tools: host programs; make deps: packages"
	@echo "make deb        the patched kernel as Debian packages (build/deb/); KCONFIG=file for your config"
	@echo "make install-test  those packages installed in a Debian 12 disk image, booted from it, checked"
	@echo "make lava-jobs  LAVA job definitions of the cells (CELLS=check, ARCHES=, MODES=) in build/lava/"
	@echo "make lava       those jobs on a LAVA lab (LAVA_URL=, LAVA_TOKEN=; default: make lava-local's), judged by their cases"
	@echo "make lava-local a LAVA lab on this machine, 127.0.0.1 only; make lava-local-stop ends it"
	@echo "make bench      the loop and the calls measured: table + build/bench/results.json"
	@echo "make fuzz       fuzz the table readers, FUZZ_SECONDS each (default 60)"
	@echo "make clean      remove build/"
	@echo
	@echo "KERNEL=6.12|6.1 Debian kernel source to use (default 6.12)"
	@echo "KERNEL_SRC=dir  your own tree instead (patched in place, 'make revert' undoes it)"
	@echo "EXEC=prog       also run this static program in the guest; exit with its status"
	@echo "EXEC_USER=uid   run EXEC as this user (default 0)"
	@echo "CFG=vm|nohello|debug|trace  the test VM, calls compiled out, KASAN+UBSAN+lockdep,"
	@echo "                syscall tracepoints; several at once joined by + (debug+trace)"
	@d() { $(QRUN) --help | sed -n "s/.*--$$1 .*(default \([0-9]*\)).*/\1/p"; }; \
	echo "TIMEOUT=s       limit for one boot (default $$(d timeout)); QEMU_MEM=MiB (default $$(d mem))"
	@echo "ACCEL=auto|kvm|tcg  how QEMU runs (default auto: KVM if it works here, else TCG)"
	@echo "ARCH=$(shell scripts/arches.sh names | tr ' ' '|')"
	@echo "                the guest's architecture (config/arches; default x86_64); built, not booted: $(shell scripts/arches.sh names built)"
	@echo "RESULTS=file    also write the guest's checks there as TAP"
	@echo "V=1             show the kernel's own console lines too (they are always in build/log/console-*.log)"
	@echo "UNPATCHED=1     the same Debian source without the patch (hello_test then gets ENOSYS)"
	@echo "OVERWRITE=1     make apply|revert|run: drop changes made by hand to the files the patcher wrote"
	@echo "KCONFIG=file    make deb|install-test: start from this config instead of the small one"

# Packages, installed on first use: make run's only, then each other
# target's own (scripts/deps.sh).
DEBIAN_SRC_PKG := $(if $(KERNEL_SRC),,$(if $(filter 6.1 6.12,$(KERNEL)),linux-source-$(KERNEL)))
.PHONY: deps-deb deps-bench
deps:
	@scripts/deps.sh run $(ARCH) $(DEBIAN_SRC_PKG)
deps-deb:
	@scripts/deps.sh deb $(ARCH) $(DEBIAN_SRC_PKG)
deps-bench:
	@scripts/deps.sh bench x86_64 arm64 $(DEBIAN_SRC_PKG)

# ---- host programs --------------------------------------------------------

# SANITIZE=1: the same programs under AddressSanitizer and UBSan, in
# build/asan/ (the host tests run those).
ifeq ($(SANITIZE),1)
TOOLS_DIR   := $(B)/asan
TOOL_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
else
TOOLS_DIR   := $(B)/tools
TOOL_CFLAGS := $(HOSTCFLAGS)
endif
TOOL_CFLAGS += $(HOST_WARN) -D_GNU_SOURCE -I tools/lib -I guest -I $(B)/gen
LIB_SRC     := $(wildcard tools/lib/*.c)
LIB_HDR     := $(wildcard tools/lib/*.h)

# One folder a program: tools/NAME/*.c, linked with tools/lib/.
TOOLS := patcher qrun newcall
define tool_rule
$(TOOLS_DIR)/$(1): $(wildcard tools/$(1)/*.c tools/$(1)/*.h) $(LIB_SRC) $(LIB_HDR) guest/crash_marks.h guest/verdict.h \
		$(B)/gen/arches.h
	@mkdir -p $$(@D)
	$$(CC) $$(TOOL_CFLAGS) -o $$@ $(wildcard tools/$(1)/*.c) $(LIB_SRC)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

tools: $(addprefix $(TOOLS_DIR)/,$(TOOLS))

# qrun's table of the architectures, from config/arches.
$(B)/gen/arches.h: config/arches scripts/arches.sh
	@mkdir -p $(@D)
	@scripts/arches.sh c > $@.$$$$.new && mv $@.$$$$.new $@

# ---- new calls ------------------------------------------------------------

# SPEC reaches the recipe through the environment (make exports what the
# command line sets), so no quoting in it can break the shell's.
# The names and structs the kernel has are read from a tree, unpacked
# first if need be (a fresh clone has none yet): KERNEL_SRC, or Debian's.
new-call: $(NEWCALL) $(PATCHER) | $(PUNPACKED)
	@test -n "$$SPEC" || { echo "make new-call SPEC='long name(type arg, ...)'" >&2; exit 2; }
	@$(NEWCALL) -k kernel -m man -P $(PATCHER) -t $(PSRC) add "$$SPEC"

remove-call: $(NEWCALL)
	@test -n "$$NAME" || { echo "make remove-call NAME=name" >&2; exit 2; }
	@$(NEWCALL) -k kernel -m man remove "$$NAME"

# The calls' Kconfig options, all on (or all off for CFG=nohello).
$(B)/config/calls-%.config: kernel/my_syscalls/Kconfig scripts/calls-config.sh
	@mkdir -p $(@D)
	scripts/calls-config.sh $< $* > $@.$$$$.new && mv $@.$$$$.new $@

# ---- kernel tree ----------------------------------------------------------

# build/src/6.12 and build/src/6.12-stock both come from linux-source-6.12.
tarball = /usr/src/linux-source-$(firstword $(subst -, ,$(1))).tar.xz

$(B)/src/%/.unpacked:
	@scripts/deps.sh run $(ARCH) $(filter linux-source-6.1 linux-source-6.12,linux-source-$(firstword $(subst -, ,$*)))
	@test -f $(call tarball,$*) || { \
		echo "no $(call tarball,$*): Debian ships 6.1 and 6.12;" \
		     "for another kernel give its tree with KERNEL_SRC=/path/to/linux" >&2; exit 1; }
	@rm -rf $(B)/src/.unpack-$* $(B)/src/$*
	@mkdir -p $(B)/src/.unpack-$*
	@$(STAGE) "unpack $(notdir $(call tarball,$*))" $(B)/log/unpack-$*.log \
		tar -C $(B)/src/.unpack-$* -xf $(call tarball,$*)
	@mv $(B)/src/.unpack-$*/$(basename $(basename $(notdir $(call tarball,$*)))) $(B)/src/$*
	@rmdir $(B)/src/.unpack-$*
	@touch $@

# The stamp's folder is made only once the patcher said yes: a tree it
# refuses leaves nothing under build/stamp.
$(PATCHED_STAMP): $(PUNPACKED) $(PATCHER) $(PROJECT_KERNEL_FILES)
	@$(STAGE) "patch $(PSRC)" $(B)/log/patch-$(PTAG).log $(PATCHER) $(if $(OVERWRITE),-f) -k kernel apply $(PSRC)
	@mkdir -p $(@D) && touch $@

# A tree the patcher finds up to date is not patched again, and says so.
apply: $(PATCHER) | $(PUNPACKED)
	@if [ -f $(PATCHED_STAMP) ] && $(PATCHER) -q -k kernel check $(PSRC); then \
		echo "$(PSRC): already patched, nothing to do"; \
	else \
		rm -f $(PATCHED_STAMP); \
		$(MAKE) --no-print-directory $(PATCHED_STAMP) && cat $(B)/log/patch-$(PTAG).log; \
	fi

revert: $(PATCHER)
	@$(PATCHER) $(if $(OVERWRITE),-f) -k kernel revert $(PSRC)
	@rm -f $(PATCHED_STAMP); rmdir $(dir $(PATCHED_STAMP)) 2>/dev/null || true

# The config depends on the Kconfig, not on the .c: editing the call must not
# reconfigure.
$(OBJ)/.config: $(FRAGS) kernel/my_syscalls/Kconfig scripts/config.sh | $(UNPACKED) $(PATCHED)
	@$(STAGE) "configure $(TAG)-$(CFG)$(ASFX) (tinyconfig + $(notdir $(FRAGS)))" \
		$(B)/log/config-$(TAG)-$(CFG)$(ASFX).log \
		scripts/config.sh $(SRC) $(OBJ) $(KARCH) "$(CROSS)" $(FRAGS)

# The kernel booted is the tree as it is now, whoever edited it. kbuild
# knows what changed in a tree, and is asked: every time for a tree of yours
# (KERNEL_SRC: about 2 s when nothing changed); for a Debian tree that make
# unpacked, whenever scripts/tree-stamp.sh saw a change in it since the last
# build (any file or folder of the tree, or the compiler), which takes a
# fraction of a second. make deb asks on the same stamp.
TREE_STAMP := $(B)/stamp/$(TAG)/tree$(ASFX)
$(TREE_STAMP): always
	+@scripts/tree-stamp.sh $@ $(SRC) $(CROSS)gcc
KBUILD_WHEN := $(if $(KERNEL_SRC),always,$(TREE_STAMP))

$(KIMAGE): $(OBJ)/.config $(PATCHED) $(UNPACKED) $(KBUILD_WHEN)
	@$(STAGE) "build $(notdir $(KIMAGE)) $(TAG)-$(CFG)$(ASFX)" $(B)/log/build-$(TAG)-$(CFG)$(ASFX).log \
		scripts/kbuild.sh $(SRC) $(OBJ) $(KARCH) "$(CROSS)" $(KJOBS) $(notdir $(KIMAGE)) $(NO_OBJTOOL)
	@cat $(OBJ)/.notes 2>/dev/null || true
	@touch $@

kernel: $(KIMAGE)

# uapi headers: __NR_hello_syscall for the guest programs. Only a change of
# the table reinstalls them (and so rebuilds the guest programs). They come
# from the kernel's own build directory once the kernel is built (kbuild's
# host tools are there already); UNPATCHED=1 (whose kernel is not the
# patched tree's) and another architecture's 32-bit callers (HDR32, no
# kernel of that architecture) install them from a directory of their own
# (HDR_TREE=own).
HDR_TREE ?= $(if $(UNPATCHED),own,build)
ifeq ($(HDR_TREE),own)
HDR_OBJ   := $(B)/obj/$(PTAG)-headers$(ASFX)
HDR_AFTER :=
else
HDR_OBJ   := $(OBJ)
HDR_AFTER := $(KIMAGE)
endif
# The tree's own syscall tables too: a call written there by hand gets its
# __NR_ in the headers as soon as its line is in.
TREE_TABLES := $(wildcard $(PSRC)/scripts/syscall.tbl $(PSRC)/include/uapi/asm-generic/unistd.h \
	$(PSRC)/arch/*/entry/syscalls/*.tbl $(PSRC)/arch/*/kernel/syscalls/*.tbl \
	$(PSRC)/arch/*/tools/syscall*.tbl)
$(HEADERS): kernel/syscalls.tbl $(wildcard kernel/uapi/*) $(TREE_TABLES) $(PUNPACKED) | $(PATCHED_STAMP) $(HDR_AFTER)
	@echo "uapi headers (__NR_ numbers) for the guest programs: make headers_install in $(notdir $(HDR_OBJ))"
	@$(STAGE) "headers_install $(PTAG)$(ASFX)" $(B)/log/headers-$(PTAG)$(ASFX).log \
		scripts/headers.sh "$(MAKE) -j$(NPROC) -C $(PSRC) O=$(HDR_OBJ) ARCH=$(KARCH) CROSS_COMPILE=$(CROSS)" $(HDR)
	@touch $@

# The 32-bit callers' headers: another architecture's (arm64's AArch32
# callers use arm's numbers), made by a make of that ARCH; or this one's.
ifneq ($(ARCH_HDR32),)
HDR32     := $(B)/hdr/$(PTAG)-$(ARCH_HDR32)
HEADERS32 := $(B)/stamp/$(PTAG)/headers-$(ARCH_HDR32)
$(HEADERS32): kernel/syscalls.tbl $(wildcard kernel/uapi/*) $(TREE_TABLES) $(PUNPACKED) | $(PATCHED_STAMP)
	@$(MAKE) --no-print-directory $@ ARCH=$(ARCH_HDR32) HDR_TREE=own
else
HDR32     := $(HDR)
HEADERS32 := $(HEADERS)
endif

.PHONY: headers
headers: $(HEADERS)

# ---- guest ----------------------------------------------------------------

RUN_PROGS  := init hello_test
# A 32-bit build of the selftests where the architecture has 32-bit callers.
PROGS32    := $(if $(ARCH_CC32),hello_syscall_test_32)
GUEST_PROGS := $(RUN_PROGS) hello_syscall_test $(PROGS32)
SELFTEST_SRC := $(PSRC)/tools/testing/selftests/hello_syscall/hello_syscall_test.c

# Makefile too: a change of compiler or flags there rebuilds them.
$(GUEST)/%: guest/%.c guest/crash_marks.h guest/verdict.h kernel/selftests/hello_syscall/kmsg.h $(HEADERS) Makefile
	@mkdir -p $(@D)
	$(RUN_CC) $(GUEST_CFLAGS) -s -I guest -I kernel/selftests/hello_syscall -o $@ $<

# The selftest is built from its copy in the patched tree, next to the
# tree's kselftest_harness.h, as the kernel's own selftests are. The harness
# itself (6.12) sets off -Wclobbered and -Wunused-parameter in its macros,
# hence these two exceptions. The 32-bit builds: the architecture's cc32
# with the headers of hdr32 (config/arches).
SELFTEST_CC  = $(GUEST_CC)
SELFTEST_HDR = $(HDR)
SELFTEST_CFLAGS = $(GUEST_WARN) -isystem $(SELFTEST_HDR)/include -Wno-clobbered -Wno-unused-parameter
$(GUEST)/hello_syscall_test_32 $(GUEST)/calls/compat/%: SELFTEST_CC = $(ARCH_CC32)
$(GUEST)/hello_syscall_test_32 $(GUEST)/calls/compat/%: SELFTEST_HDR = $(HDR32)
SELFTEST_DEPS := kernel/selftests/hello_syscall/hello_syscall_test.c kernel/selftests/hello_syscall/kmsg.h
$(GUEST)/hello_syscall_test: $(SELFTEST_DEPS) $(HEADERS) | $(PATCHED_STAMP)
	@mkdir -p $(@D)
	$(SELFTEST_CC) $(SELFTEST_CFLAGS) -o $@ $(SELFTEST_SRC) -lpthread
$(GUEST)/hello_syscall_test_32: $(SELFTEST_DEPS) $(HEADERS32) | $(PATCHED_STAMP)
	@mkdir -p $(@D)
	$(SELFTEST_CC) $(SELFTEST_CFLAGS) -o $@ $(SELFTEST_SRC) -lpthread

# The selftest of each call made by new-call: native, and compat (32-bit)
# where the architecture has 32-bit callers.
CALL_TESTS := $(addprefix $(GUEST)/calls/native/,$(MADE_CALLS)) \
	$(if $(ARCH_CC32),$(addprefix $(GUEST)/calls/compat/,$(MADE_CALLS)))
.SECONDEXPANSION:
# (Two rules: a pattern rule with two targets would make both at once.)
CALL_TEST_CC = $(SELFTEST_CC) $(SELFTEST_CFLAGS) -o $@ \
		$(PSRC)/tools/testing/selftests/$*/$*_test.c
$(GUEST)/calls/native/%: kernel/selftests/$$*/$$*_test.c $(HEADERS) | $(PATCHED_STAMP)
	@mkdir -p $(@D)
	$(CALL_TEST_CC)
$(GUEST)/calls/compat/%: kernel/selftests/$$*/$$*_test.c $(HEADERS32) | $(PATCHED_STAMP)
	@mkdir -p $(@D)
	$(CALL_TEST_CC)

$(GUEST)/callbench: bench/callbench.c $(HEADERS)
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $@ $<

$(GUEST)/run.list: guest/run.list
	@mkdir -p $(@D)
	sed 's|@GUEST@|$(GUEST)|g' $^ > $@.$$$$.new && mv $@.$$$$.new $@

$(GUEST)/initramfs.list: guest/run.list guest/selftest.list $(ARCH_LIST) kernel/syscalls.tbl Makefile $(ARCH_MK)
	@mkdir -p $(@D)
	{ sed 's|@GUEST@|$(GUEST)|g' $(filter guest/%,$^); \
	  $(if $(PROGS32),echo "file /bin/hello_syscall_test_32 $(GUEST)/hello_syscall_test_32 0755 0 0";) \
	  echo "dir /selftests 0755 0 0"; \
	  for d in $(sort $(dir $(CALL_TESTS))); do \
		echo "dir /selftests/$$(basename $$d) 0755 0 0"; done; \
	  for t in $(CALL_TESTS); do \
		echo "file /selftests/$${t#$(GUEST)/calls/} $$t 0755 0 0"; done; \
	} > $@.$$$$.new && mv $@.$$$$.new $@

$(GEN_INIT_CPIO): $(PUNPACKED)
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $(PSRC)/usr/gen_init_cpio.c

# Fixed dates inside the archive: the same programs give the same bytes.
# make run needs only the run mode's archive, so not the selftest's build.
$(INITRD_RUN): $(GUEST)/run.list $(addprefix $(GUEST)/,$(RUN_PROGS)) $(GEN_INIT_CPIO)
	$(GEN_INIT_CPIO) -t 0 $< > $@.$$$$.new && mv $@.$$$$.new $@

$(INITRD): $(GUEST)/initramfs.list $(addprefix $(GUEST)/,$(GUEST_PROGS)) $(CALL_TESTS) \
		$(GEN_INIT_CPIO)
	$(GEN_INIT_CPIO) -t 0 $< > $@.$$$$.new && mv $@.$$$$.new $@

guest: need-boot $(INITRD_RUN) $(INITRD)

# The suite as upstream builds and runs it: the patched tree's
# tools/testing/selftests Makefile installs it with run_kselftest.sh.
KSFT := $(GUEST)/kselftest
$(KSFT)/run_kselftest.sh: $(wildcard kernel/selftests/*/*) $(HEADERS) | $(PATCHED_STAMP)
	@rm -rf $(KSFT)
	@$(STAGE) "kselftest install $(PTAG)" $(B)/log/kselftest-$(PTAG).log \
		$(MAKE) -C $(PSRC)/tools/testing/selftests TARGETS="hello_syscall $(MADE_CALLS)" \
		ARCH=$(KARCH) CROSS_COMPILE=$(CROSS) \
		O=$(B)/obj/$(PTAG)-kselftest KHDR_INCLUDES="-isystem $(HDR)/include" \
		LDFLAGS=-static INSTALL_PATH=$(KSFT) install

$(GUEST)/kselftest.cpio: $(GUEST)/initramfs.list $(KSFT)/run_kselftest.sh \
		$(addprefix $(GUEST)/,$(GUEST_PROGS)) $(CALL_TESTS) $(GEN_INIT_CPIO)
	{ cat $(GUEST)/initramfs.list; scripts/cpio-list.sh $(KSFT) /kselftest; } > $(GUEST)/kselftest.list
	$(GEN_INIT_CPIO) -t 0 $(GUEST)/kselftest.list > $@.$$$$.new && mv $@.$$$$.new $@

# ---- running --------------------------------------------------------------

# The console: the guest's programs only (V=1: the kernel's lines too); all
# of it in build/log/, and its last lines shown when a boot goes wrong.
QRUN_ARGS = --arch $(ARCH) --kernel $(KIMAGE) --source $(SRC) $(if $(TIMEOUT),--timeout $(TIMEOUT)) \
	$(if $(QEMU_MEM),--mem $(QEMU_MEM)) \
	--accel $(ACCEL) --kvm-cache $(B)/kvm-fails --workdir $(B)/run \
	--console $(if $(filter-out 0,$(V)),all,user) --console-log $(B)/log/console-$(TAG)-$(CFG)$(ASFX).log \
	$(if $(RESULTS),--results $(abspath $(RESULTS)))

# EXEC= may be a shell script: it gets the archive with busybox.
ifneq ($(EXEC),)
run: need-boot deps $(KIMAGE) $(INITRD) $(QRUN)
	@scripts/exec-initrd.sh $(INITRD) $(EXEC) $(GUEST)/exec.cpio
	@$(QRUN) $(QRUN_ARGS) --initrd $(GUEST)/exec.cpio --exec-status \
		-- hello.mode=run hello.exec=/exec hello.uid=$(EXEC_USER)
else
run: need-boot deps $(KIMAGE) $(INITRD_RUN) $(QRUN)
	@$(QRUN) $(QRUN_ARGS) --initrd $(INITRD_RUN) -- hello.mode=run
endif

# The kselftest, 64-bit and 32-bit, then a scan of the whole kernel log.
selftest: need-boot deps $(KIMAGE) $(INITRD) $(QRUN)
	@$(QRUN) $(QRUN_ARGS) --initrd $(INITRD) -- hello.mode=selftest

# An architecture that config/arches gives no QEMU machine is built only.
.PHONY: need-boot
need-boot:
	$(if $(ARCH_QEMU),,@echo "make $(MAKECMDGOALS) ARCH=$(ARCH): built here, not booted (no QEMU machine for it in config/arches); make kernel ARCH=$(ARCH), or make matrix ARCHES=$(ARCH)" >&2; exit 2)

# Both need a shell in the guest: busybox, which only x86_64 has here.
# Checked first, before anything is built.
.PHONY: need-shell
need-shell:
	$(if $(ARCH_LIST),,@echo "make $(MAKECMDGOALS) ARCH=$(ARCH): the $(ARCH) guest has no shell here (busybox); use make run or make selftest" >&2; exit 2)

kselftest: need-boot deps need-shell $(KIMAGE) $(GUEST)/kselftest.cpio $(QRUN)
	@$(QRUN) $(QRUN_ARGS) --initrd $(GUEST)/kselftest.cpio -- hello.mode=kselftest

shell: need-boot deps need-shell $(KIMAGE) $(INITRD) $(QRUN)
	@$(QRUN) $(QRUN_ARGS) --initrd $(INITRD) --interactive -- hello.mode=shell

# ---- Debian packages, and the tutorial's install and reboot ----------------

# make deb: the patched tree as Debian packages, by the kernel's own
# bindeb-pkg; configured for a small Debian 12 system (config/deb.config on
# the test VM's config), or KCONFIG=file: your own config, the calls added.
KCONFIG   ?=
DEB_OBJ   := $(B)/obj/$(PTAG)-deb$(if $(KCONFIG),-own)
DEB_DIR   := $(B)/deb/$(PTAG)$(if $(KCONFIG),-own)
DEB_FRAGS := $(if $(KCONFIG),$(B)/config/calls-y.config,$(ARCH_FRAGS) \
	$(B)/config/calls-y.config config/deb.config \
	$(if $(shell grep -sx 'config BASE_FULL' $(PSRC)/init/Kconfig),config/deb-base-full.config)) \
	$(if $(wildcard $(NO_OBJTOOL)),config/no-objtool.config)
DEBIAN    := $(B)/debian
DEB_TAR   := $(DEBIAN)/bookworm.tar
DISK      := $(DEBIAN)/installed-$(PTAG)$(if $(KCONFIG),-own).img
DISK_ARGS  = --timeout 1200 --mem 512 --accel $(ACCEL) --kvm-cache $(B)/kvm-fails \
	--workdir $(B)/run

.PHONY: deb install-test need-x86
need-x86:
	$(if $(filter x86_64,$(ARCH)),,@echo "make $(MAKECMDGOALS): x86_64 only (ARCH=$(ARCH))" >&2; exit 2)

$(DEB_OBJ)/.config: $(DEB_FRAGS) $(KCONFIG) kernel/my_syscalls/Kconfig scripts/config.sh \
		| $(PUNPACKED) $(PATCHED_STAMP)
	@$(STAGE) "configure $(notdir $(DEB_OBJ)) ($(if $(KCONFIG),$(KCONFIG),tinyconfig) + $(notdir $(DEB_FRAGS)))" \
		$(B)/log/config-$(notdir $(DEB_OBJ)).log \
		env BASE_CONFIG=$(KCONFIG) scripts/config.sh $(PSRC) $(DEB_OBJ) $(KARCH) "$(CROSS)" $(DEB_FRAGS)

$(DEB_DIR)/release: $(DEB_OBJ)/.config $(PATCHED_STAMP) $(TREE_STAMP) scripts/deb.sh
	@$(STAGE) "make bindeb-pkg $(notdir $(DEB_OBJ))" $(B)/log/$(notdir $(DEB_OBJ)).log \
		scripts/deb.sh $(PSRC) $(DEB_OBJ) $(DEB_DIR) $(KJOBS) $(NO_OBJTOOL) $(KARCH) "$(CROSS)"

deb: deps-deb need-x86 $(DEB_DIR)/release
	@ls -1 $(DEB_DIR)/*.deb

# make install-test: a Debian 12 system made from Debian's archive (cached),
# on a disk with the packages; its first boot (the new kernel given to QEMU,
# as no boot loader is there yet; SeaBIOS rather than qboot, whose MP table
# has no routes for the virtio disk's PCI interrupt) installs GRUB on the disk and the packages
# with dpkg, whose hooks make the initramfs and GRUB's menu; that disk is
# kept. Each test boots it from the disk (SeaBIOS, GRUB, no -kernel), on a
# snapshot, to systemd and the checks of guest/debian/verdict.
$(DEB_TAR): scripts/debian-image.sh
	@mkdir -p $(@D)
	@$(STAGE) "mmdebstrap Debian 12 (bookworm)" $(B)/log/debian-image.log scripts/debian-image.sh $@

$(DISK): $(DEB_TAR) $(DEB_DIR)/release $(GUEST)/hello_test $(wildcard guest/debian/*) \
		scripts/install-disk.sh | $(QRUN)
	@$(STAGE) "disk image: Debian 12 + the packages" $(B)/log/disk-$(notdir $@).log \
		scripts/install-disk.sh $(DEB_TAR) $(DEB_DIR) $(GUEST)/hello_test $@.first
	@$(STAGE) "first boot: grub-install, dpkg -i" $(B)/log/first-boot-$(notdir $@).log \
		$(QRUN) $(DISK_ARGS) --bios default --disk $@.first --kernel $(DEB_OBJ)/arch/x86/boot/bzImage \
		-- root=/dev/vda1 rw
	@mv $@.first $@

INSTALL_TAP = $(if $(RESULTS),$(abspath $(RESULTS)),$(B)/log/install-test.tap)
install-test: deps-deb need-x86 $(DISK) $(QRUN)
	@$(STAGE) "boot from the disk: systemd, the checks" $(B)/log/install-test.log \
		$(QRUN) $(DISK_ARGS) --disk $(DISK) --snapshot --results $(INSTALL_TAP)
	@sed -n 's/^ok [0-9]* - /  ok: /p' $(INSTALL_TAP)
	@echo "packages: $(DEB_DIR)/"

# ---- patch file -----------------------------------------------------------

# ... and as a git format-patch series for the lists (scripts/mkseries.sh).
# The change to the tree's own pristine files: KERNEL_SRC's (as the patcher
# kept them), or Debian's tarball.
PATCH_SOURCE := $(if $(KERNEL_SRC),$(PSRC),$(call tarball,$(KERNEL)))
# A tree of the user's can change behind make's back: made each time.
PATCH_AGAIN  := $(if $(KERNEL_SRC),always)
.PHONY: always
# CALLS="greet": the change for that group of calls alone; its series goes
# on top of hello_syscall's (the two calls the rest build on) unless the
# group holds them. Without CALLS: the patch file of all calls, and a
# series per call: hello_syscall's, and one for each call new-call made.
CALLS ?=
empty :=
PATCH_NAME := $(TAG)$(if $(strip $(CALLS)),-$(subst $(empty) $(empty),+,$(strip $(CALLS))))
SERIES_GROUPS := $(if $(strip $(CALLS)),$(subst $(empty) $(empty),+,$(strip $(CALLS))),hello_syscall $(MADE_CALLS))
SERIES_DIRS := $(patsubst %,$(B)/patch/series-$(TAG)-%,$(SERIES_GROUPS))
PATCH_FILE := $(B)/patch/hello_syscall-$(PATCH_NAME).patch
patch: $(PATCH_FILE) $(addsuffix /0000-cover-letter.patch,$(SERIES_DIRS))
	@$(foreach d,$(SERIES_DIRS),echo "series: $(d)/";)
	@echo $(PATCH_FILE)

$(B)/patch/series-$(TAG)-%/0000-cover-letter.patch: $(PATCHER) $(NEWCALL) $(PROJECT_KERNEL_FILES) $(wildcard man/*.2) \
		scripts/mkseries.sh scripts/pristine.sh scripts/project-subset.sh $(PATCH_AGAIN)
	@scripts/deps.sh patch $(DEBIAN_SRC_PKG)
	@CALLS="$(subst +, ,$*)" $(STAGE) "patch series $* for $(notdir $(PATCH_SOURCE))" $(B)/log/mkseries-$(TAG)-$*.log \
		scripts/mkseries.sh $(PATCHER) $(PATCH_SOURCE) $(@D)

$(PATCH_FILE): $(PATCHER) $(NEWCALL) $(PROJECT_KERNEL_FILES) scripts/mkpatch.sh scripts/pristine.sh scripts/project-subset.sh \
		$(PATCH_AGAIN)
	@scripts/deps.sh patch $(DEBIAN_SRC_PKG)
	@mkdir -p $(@D)
	@$(STAGE) "patch file for $(notdir $(PATCH_SOURCE))" $(B)/log/mkpatch-$(PATCH_NAME).log \
		scripts/mkpatch.sh $(PATCHER) $(PATCH_SOURCE) $@

# ---- LAVA -----------------------------------------------------------------

# make lava-jobs: a LAVA job definition per cell and mode (build/lava/*.yaml,
# their kernel and initramfs beside them); make lava: those jobs run on a
# lab, judged by their test cases (scripts/lava-run.py); make lava-local:
# the lab on this machine (scripts/lava-local.sh). A cell is KERNEL:ARCH:CFG;
# the one make run boots by default, one per ARCHES= architecture that
# boots, CELLS=check: every cell make check boots but nohello, whose run
# fails by design (make check says if one is missing), or
# CELLS="6.12:x86_64:vm 6.12:arm64:trace": those. LAVA_TEST_TIMEOUT: the
# seconds a job's guest has from boot to its verdict's end.
LAVA_DIR     := $(B)/lava
LAVA_LOCAL   := $(B)/lava-local
LAVA_WORKERS ?= 2
LAVA_URL     ?=
LAVA_TOKEN   ?=
LAVA_USER    ?= $(if $(LAVA_URL),,hello)
LAVA_TIMEOUT ?= 900
KCIDB        ?= $(B)/results/kcidb.json
MODES        ?= run selftest
CELLS        ?=
CHECK_CELLS  := 6.12:x86_64:vm 6.1:x86_64:vm 6.12:arm64:trace 6.12:arm:vm 6.12:x86_64:debug+trace
LAVA_TEST_TIMEOUT ?= 600
LAVA_CELLS  = $(strip $(if $(filter check,$(CELLS)),$(CHECK_CELLS),$(if $(CELLS),$(CELLS),$(if $(filter command line environment,$(origin ARCHES)),$(foreach a,$(filter $(ARCHES),$(shell scripts/arches.sh names booted)),$(KERNEL):$(a):$(CFG)),$(KERNEL):$(ARCH):$(CFG)))))
# the jobs of this request: two requests at once have a list each
LAVA_LIST   = $(LAVA_DIR)/jobs-$(shell echo '$(LAVA_CELLS) $(MODES) $(EXEC) $(EXEC_USER) $(LAVA_TEST_TIMEOUT)' | md5sum | cut -c1-8).list
.PHONY: lava-jobs lava-cell lava lava-local lava-local-stop
lava-jobs:
	@mkdir -p $(LAVA_DIR) && : > $(LAVA_LIST).new.$$PPID
	@set -e; for c in $(LAVA_CELLS); do IFS=: read -r k a cfg <<< "$$c"; \
		$(MAKE) --no-print-directory lava-cell KERNEL=$$k ARCH=$$a CFG=$$cfg CELLS= LAVA_LIST=$(LAVA_LIST).new.$$PPID; \
	done
	@mv $(LAVA_LIST).new.$$PPID $(LAVA_LIST)
	@echo "lava-jobs: $$(wc -l < $(LAVA_LIST)) jobs in $(LAVA_DIR) (list: $(LAVA_LIST))" >&2

# One cell's jobs, one per mode of MODES; EXEC= goes into the run job's
# initramfs as with make run.
LAVA_NAME = $(TAG)-$(ARCH)-$(CFG)
LAVA_EXEC = $(LAVA_DIR)/$(LAVA_NAME)-run-$(notdir $(EXEC)).cpio
LAVA_JOB  = env $(foreach v,NAME QEMU MACHINE CONSOLE PARAMS,ARCH_$(v)='$(ARCH_$(v))') \
	CELL_KERNEL=$(TAG) CELL_CONFIG=$(CFG) TEST_TIMEOUT=$(LAVA_TEST_TIMEOUT) scripts/lava-job.sh $(LAVA_DIR)
lava-cell: need-boot deps $(KIMAGE) $(if $(filter run,$(MODES)),$(INITRD_RUN)) \
		$(if $(filter selftest,$(MODES))$(EXEC),$(INITRD)) $(if $(filter kselftest,$(MODES)),$(GUEST)/kselftest.cpio)
	@$(if $(EXEC),scripts/exec-initrd.sh $(INITRD) $(EXEC) $(LAVA_EXEC))
	@set -e; for m in $(MODES); do case $$m in \
		run) i=$(if $(EXEC),$(LAVA_EXEC),$(INITRD_RUN)) ;; \
		selftest) i=$(INITRD) ;; kselftest) i=$(GUEST)/kselftest.cpio ;; \
		*) echo "MODES=$$m: give run, selftest or kselftest" >&2; exit 2 ;; esac; \
		JOB_NAME="hello_syscall $(TAG) $(ARCH) $(CFG) $$m$(if $(EXEC), $(notdir $(EXEC)))" $(LAVA_JOB) \
			$(LAVA_NAME)-$$m$(if $(EXEC),-$(notdir $(EXEC))) $$m $(KIMAGE) $$i \
			$$([ $$m != run ] || echo "$(if $(EXEC),hello.exec=/exec hello.uid=$(EXEC_USER))") \
			>> $(LAVA_LIST); done

# Without LAVA_URL: the lab of make lava-local, started if it is not.
lava: lava-jobs $(if $(LAVA_URL),,lava-local)
	@/usr/bin/python3 scripts/lava-run.py --timeout $(LAVA_TIMEOUT) \
		--url $(or $(LAVA_URL),$$(cat $(LAVA_LOCAL)/url)) --user '$(LAVA_USER)' \
		--token "$(or $(LAVA_TOKEN),$$(cat $(LAVA_LOCAL)/token 2>/dev/null))" \
		--results $(LAVA_DIR)/results --kcidb $(KCIDB) $$(cat $(LAVA_LIST))

lava-local:
	@scripts/lava-local.sh start $(LAVA_LOCAL) $(LAVA_WORKERS)
lava-local-stop:
	@scripts/lava-local.sh stop $(LAVA_LOCAL)

# ---- tests ----------------------------------------------------------------

# One make check of a project at a time: a second would share build/check
# and the kernels under test. The lock is the flock process's (-o): not
# inherited by the daemons make check starts (a LAVA lab, distccd).
check:
	@mkdir -p $(B)/check
	@flock -n -o -E 75 $(B)/check/.lock tests/check.sh || { rc=$$?; [ $$rc -ne 75 ] || \
		echo "make check: another make check of this project is running ($(B)/check/.lock); wait for it to end" >&2; \
		exit $$rc; }

# Every architecture of ARCHES (default: all of config/arches): built, its
# calls' numbers read from the built table, booted and selftested where
# QEMU has its machine; a table of the results.
ARCHES ?= $(shell scripts/arches.sh names)
.PHONY: matrix
matrix:
	@scripts/matrix.sh $(ARCHES)

bench: deps-bench tools guest $(GUEST)/callbench $(B)/config/calls-y.config
	@$(MAKE) --no-print-directory guest ARCH=arm64 KERNEL=$(KERNEL)
	@bench/bench.sh $(KERNEL)
	@bench/farm.sh $(KERNEL)

# Fuzz the table readers for FUZZ_SECONDS each (libFuzzer); see tests/fuzz.sh.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/deps.sh fuzz
	@sh tests/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(B)

# make print-VAR: a variable's value, for the tests and the bench.
print-%:
	@echo '$($*)'
