# SPDX-License-Identifier: GPL-2.0
# The kernel source tree: Debian's (unpacked under build/src/) or yours
# (KERNEL_SRC), patched with the project's calls; the paths of everything
# built from it.

# Debian's kernel sources (linux-source-K), the default first.
DEBIAN_KERNELS := 6.12 6.1
## KERNEL: Debian's kernel source to use (the list is at the end; default: the newest that builds for ARCH)
KERNEL ?= $(firstword $(or $(ARCH_KERNELS),$(DEBIAN_KERNELS)))
# A Debian kernel that does not build for ARCH (config/arches' kernels
# column) is refused before anything is built (make matrix skips the row);
# make print-VAR still answers.
KERNEL_NOT_FOR_ARCH = $(if $(KERNEL_SRC),,$(if $(and $(ARCH_KERNELS),$(filter-out $(ARCH_KERNELS),$(KERNEL))),ARCH=$(ARCH): linux-source-$(KERNEL) does not build for it; give KERNEL=$(firstword $(ARCH_KERNELS)) (config/arches: kernels $(ARCH_KERNELS)) or your tree with KERNEL_SRC=))
ifneq ($(KERNEL_NOT_FOR_ARCH),)
ifneq ($(filter-out print-% help,$(or $(MAKECMDGOALS),all)),)
$(error $(KERNEL_NOT_FOR_ARCH))
endif
endif
## KERNEL_SRC: your own kernel tree instead, patched in place (make revert undoes it)
KERNEL_SRC ?=
## CFG: the kernel's config: vm (the test VM), nohello (calls compiled out), debug (KASAN, UBSAN, lockdep), trace (syscall tracepoints), or several joined by + (debug+trace)
CFG ?= vm

# The patched tree (P*) gives the headers and guest programs; UNPATCHED=1
# builds a pristine copy of the same Debian source, without the patch.
## UNPATCHED: 1: the same Debian source without the patch, with any CFG (the tutorial's program then gets ENOSYS)
UNPATCHED ?=
## OVERWRITE: 1: make apply, revert and run drop changes made by hand to the files the patcher wrote
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

# A tree whose objtool failed once (scripts/steps/kbuild.sh) is configured
# without stack validation from then on.
NO_OBJTOOL := $(B)/stamp/$(TAG)/no-objtool
FRAGS += $(if $(wildcard $(NO_OBJTOOL)),config/no-objtool.config)

# The configs CFG takes, each a fragment of config/ (vm: the test VM's own).
CFG_NAMES := vm nohello debug trace
ifneq ($(filter-out $(CFG_NAMES),$(CFGS)),)
$(error CFG=$(CFG): no config $(filter-out $(CFG_NAMES),$(CFGS)); give one of $(CFG_NAMES), or several joined by + (debug+trace))
endif

# Kernel options of the user's, for every target: KCONFIG's file and
# OPTIONS' words as one fragment, merged after the VM's (scripts/steps/
# options.sh writes it); their kernels are built in object folders of their
# own. An option kconfig drops is named with what it depends on.
## KCONFIG: a config fragment (or a whole config) merged after the VM's for run, selftest, shell, matrix and lava; for make deb and install-test, the config to start from (yours, say /boot/config-$(uname -r)) instead of the small one
KCONFIG ?=
## OPTIONS: kernel options merged after the VM's for every target: "MODULES=y KALLSYMS=y" (=n turns one off)
OPTIONS ?=
USER_CFG := $(strip $(if $(KCONFIG),$(abspath $(KCONFIG))) $(OPTIONS))
ifneq ($(USER_CFG),)
USER_TAG  := -o$(shell printf '%s' '$(USER_CFG)' | md5sum | cut -c1-6)
USER_FRAG := $(B)/config/user$(USER_TAG).config
endif

OBJ     := $(B)/obj/$(TAG)-$(CFG)$(USER_TAG)$(ASFX)
KIMAGE := $(OBJ)/$(ARCH_IMAGE)
# The device tree a row names (config/arches' dtb), built with the kernel
# (kbuild's dtbs): below arch/SRCARCH/boot/dts, in a vendor's folder since
# 6.5. Found when make boots (the kernel is built by then).
KDTB = $(if $(ARCH_DTB),$(firstword $(wildcard $(addprefix $(OBJ)/arch/$(ARCH_SRCARCH)/boot/dts/,$(ARCH_DTB) */$(ARCH_DTB))) \
	$(OBJ)/arch/$(ARCH_SRCARCH)/boot/dts/$(ARCH_DTB)))
HDR     := $(B)/hdr/$(PTAG)$(ASFX)
GUEST   := $(B)/guest/$(PTAG)$(ASFX)
HEADERS := $(B)/stamp/$(PTAG)/headers$(ASFX)
INITRD_RUN := $(GUEST)/run.cpio
GEN_INIT_CPIO := $(B)/tools/gen_init_cpio-$(PTAG)
INITRD  := $(GUEST)/initramfs.cpio

# The project's calls (kernel/syscalls.tbl, the one list); those made by
# 'make new-call', each with its kernel/my_syscalls/<name>.c and its folder
# under kernel/selftests/; the base ones the others build on (the
# tutorial's two, in my_syscalls.c). Then the project's files that go into
# a kernel tree.
ALL_CALLS  := $(shell awk '!/^#/ && NF { print $$1 }' kernel/syscalls.tbl)
MADE_CALLS := $(foreach c,$(ALL_CALLS),$(if $(wildcard kernel/my_syscalls/$(c).c),$(c)))
BASE_CALLS := $(filter-out $(MADE_CALLS),$(ALL_CALLS))
PROJECT_KERNEL_FILES := kernel/syscalls.tbl $(wildcard kernel/my_syscalls/* kernel/selftests/*/* \
	kernel/uapi/*)

# build/src/6.12 and build/src/6.12-stock both come from linux-source-6.12.
tarball = /usr/src/linux-source-$(firstword $(subst -, ,$(1))).tar.xz

$(B)/src/%/.unpacked:
	@scripts/steps/deps.sh run $(ARCH) $(filter $(addprefix linux-source-,$(DEBIAN_KERNELS)),linux-source-$(firstword $(subst -, ,$*)))
	@test -f $(call tarball,$*) || { \
		echo "no $(call tarball,$*): Debian ships $(DEBIAN_KERNELS);" \
		     "for another kernel give its tree with KERNEL_SRC=/path/to/linux" >&2; exit 1; }
	@$(STAGE) "unpack $(notdir $(call tarball,$*))" $(B)/log/unpack-$*.log \
		scripts/steps/unpack.sh $(call tarball,$*) $(B)/src/$*

# make unpack: only that step (Debian's tree; a tree of yours is there already)
.PHONY: unpack
unpack: $(PUNPACKED)

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

# make doctor: the tree's calls written by hand (not the project's), each
# checked for the tutorial's mistakes, before a build (scripts/steps/doctor.sh).
.PHONY: doctor
doctor: $(PATCHER) | $(PUNPACKED)
	@scripts/steps/doctor.sh check $(PATCHER) kernel $(PSRC)
