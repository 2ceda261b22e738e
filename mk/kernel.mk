# SPDX-License-Identifier: GPL-2.0
# The kernel: its config, its build (always the tree as it is now), and its
# uapi headers for the guest programs.

# CC_WRAPPER=ccache: kernel builds through Debian's ccache (a dependency),
# its cache in build/ccache, at most CCACHE_MAXSIZE. A second config of one
# source (nohello beside vm) is then mostly hits: a file whose preprocessed
# text did not change is not compiled again. Off by default: a build with a
# cold cache takes longer than one without (bench/REPORT.md has both), and
# make run and make check build mostly first configs. CC_WRAPPER=distcc with DISTCC_HOSTS=
# spreads the compiles to those hosts' distccd, as many at once as their
# slots (distcc -j) unless KJOBS= says; scripts/lab/distccd.sh starts local
# ones (make check builds its nohello kernel through two).
## CC_WRAPPER: what goes before the compiler in kernel builds: ccache or distcc (none by default)
CC_WRAPPER ?=
export CC_WRAPPER
## CCACHE_DIR: CC_WRAPPER=ccache: where its cache is
export CCACHE_DIR ?= $(CURDIR)/build/ccache
## CCACHE_MAXSIZE: CC_WRAPPER=ccache: the most its cache may hold
export CCACHE_MAXSIZE ?= 8G
# Paths below the project hash as relative ones (kbuild compiles in the
# object directory): a copy of the project's tree (build/newcall/proj)
# shares the cache with the project's own.
## CCACHE_BASEDIR: CC_WRAPPER=ccache: paths below it are hashed as relative ones
export CCACHE_BASEDIR ?= $(CURDIR)
## DISTCC_HOSTS: CC_WRAPPER=distcc: distcc's hosts (scripts/lab/distccd.sh starts local ones)
DISTCC_HOSTS ?=
## KJOBS: kbuild's -j (with distcc: the hosts' slots, distcc -j)
KJOBS  ?= $(or $(if $(filter distcc,$(CC_WRAPPER)),$(shell DISTCC_HOSTS='$(DISTCC_HOSTS)' distcc -j 2>/dev/null)),$(NPROC))

# The calls' Kconfig options, all on (or all off for CFG=nohello).
$(B)/config/calls-%.config: kernel/my_syscalls/Kconfig scripts/steps/calls-config.sh
	@mkdir -p $(@D)
	scripts/steps/calls-config.sh $< $* > $@.$$$$.new && mv $@.$$$$.new $@

# The config depends on the Kconfig, not on the .c: editing the call must not
# reconfigure.
$(USER_FRAG): $(KCONFIG) scripts/steps/options.sh
	@mkdir -p $(dir $@)
	@scripts/steps/options.sh "$(KCONFIG)" $(OPTIONS) > $@.$$$$.new && mv $@.$$$$.new $@

$(OBJ)/.config: $(FRAGS) $(USER_FRAG) kernel/my_syscalls/Kconfig scripts/steps/config.sh | $(UNPACKED) $(PATCHED)
	@$(STAGE) "configure $(TAG)-$(CFG)$(USER_TAG)$(ASFX) (tinyconfig + $(notdir $(FRAGS) $(USER_FRAG)))" \
		$(B)/log/config-$(TAG)-$(CFG)$(USER_TAG)$(ASFX).log \
		env USER_FRAG=$(USER_FRAG) scripts/steps/config.sh $(SRC) $(OBJ) $(KARCH) "$(CROSS)" $(FRAGS)
	@[ ! -s $(OBJ)/.dropped ] || sed 's/^/  /' $(OBJ)/.dropped >&2

# The kernel booted is the tree as it is now, whoever edited it. kbuild
# knows what changed in a tree, and is asked: every time for a tree of yours
# (KERNEL_SRC: kbuild_noop_s of bench/REPORT.md when nothing changed); for a
# Debian tree that make unpacked, whenever scripts/steps/tree-stamp.sh saw a
# change in it since the last build (any file or folder of the tree, or the
# compiler): tree_stamp_s there. make deb asks on the same stamp.
TREE_STAMP := $(B)/stamp/$(TAG)/tree$(ASFX)
$(TREE_STAMP): always
	+@scripts/steps/tree-stamp.sh $@ $(SRC) $(CROSS)gcc
KBUILD_WHEN := $(if $(KERNEL_SRC),always,$(TREE_STAMP))

$(KIMAGE): $(OBJ)/.config $(PATCHED) $(UNPACKED) $(KBUILD_WHEN)
	@STAGE_SRC=$(SRC) $(STAGE) "build $(notdir $(KIMAGE)) $(TAG)-$(CFG)$(USER_TAG)$(ASFX)" $(B)/log/build-$(TAG)-$(CFG)$(USER_TAG)$(ASFX).log \
		scripts/steps/kbuild.sh $(SRC) $(OBJ) $(KARCH) "$(CROSS)" $(KJOBS) "$(notdir $(KIMAGE))$(if $(ARCH_DTB), dtbs)" $(NO_OBJTOOL)
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
HDR_TREE := $(if $(UNPATCHED),own,build)
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
		scripts/steps/headers.sh "$(MAKE) -j$(NPROC) -C $(PSRC) O=$(HDR_OBJ) ARCH=$(KARCH) CROSS_COMPILE=$(CROSS)" $(HDR)
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
