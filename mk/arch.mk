# SPDX-License-Identifier: GPL-2.0
# The guest's architecture: what differs per architecture is one row of
# config/arches, read by make (the ARCH_* variables, through a generated
# makefile) and by qrun (a generated C table).

## ARCH: the guest's architecture, a row of config/arches (the list is at the end)
ARCH ?= x86_64

# What differs per architecture: one row of config/arches each, read by
# make (ARCH_* below, through this generated file) and by qrun (its C table).
# Build outputs of another architecture than x86_64 go beside its ones.
ARCH_MK := $(B)/gen/arch-$(ARCH).mk
include $(ARCH_MK)
$(ARCH_MK): config/arches scripts/steps/arches.sh
	@mkdir -p $(@D)
	@scripts/steps/arches.sh make $(ARCH) > $@.$$$$.new && mv $@.$$$$.new $@
KARCH  := $(ARCH_KARCH)
# kbuild has an ARCH of its own (riscv for riscv64, parisc for hppa): ours,
# given on the command line, must not reach the kernel's make by MAKEFLAGS.
MAKEOVERRIDES := $(filter-out ARCH=%,$(MAKEOVERRIDES))
CROSS  := $(ARCH_CROSS)
ASFX   := $(if $(filter x86_64,$(ARCH)),,-$(ARCH))
# The test VM's config: config/vm.config, then the architecture's fragments.
ARCH_FRAGS := config/vm.config $(patsubst %,config/%.config,$(ARCH_CONFIGS))

# qrun's table of the architectures, from config/arches.
$(B)/gen/arches.h: config/arches scripts/steps/arches.sh
	@mkdir -p $(@D)
	@scripts/steps/arches.sh c > $@.$$$$.new && mv $@.$$$$.new $@
