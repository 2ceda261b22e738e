# SPDX-License-Identifier: GPL-2.0
# The host programs (tools/, one folder each), the packages each target
# installs on first use, and the generator of new calls.

## HOSTCFLAGS: the C compiler's flags for the host programs (tools/)
HOSTCFLAGS  ?= -O2 -g
HOST_WARN   := -Wall -Wextra -Werror
## SANITIZE: 1: build the host programs under AddressSanitizer and UBSan, in build/asan/
SANITIZE ?=
## SPEC: make new-call: the new call's prototype, 'long name(type arg, ...)'
SPEC ?=
## NAME: make remove-call: the call to take out
NAME ?=

# Packages, installed on first use: make run's only, then each other
# target's own (scripts/steps/deps.sh).
DEBIAN_SRC_PKG := $(if $(KERNEL_SRC),,$(if $(filter $(DEBIAN_KERNELS),$(KERNEL)),linux-source-$(KERNEL)))
.PHONY: deps-deb deps-bench deps-man
deps:
	@scripts/steps/deps.sh run $(ARCH) $(DEBIAN_SRC_PKG)
deps-deb:
	@scripts/steps/deps.sh deb $(ARCH) $(DEBIAN_SRC_PKG)
deps-bench:
	@scripts/steps/deps.sh bench x86_64 arm64 $(DEBIAN_SRC_PKG)
deps-man:
	@scripts/steps/deps.sh man

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

# The host programs' manual pages (build/man/man1/), made by Debian's
# help2man from each program's own --help: the text it prints is their one
# source. The date goes in as mandoc reads it (YYYY-MM-DD).
MAN1 := $(patsubst %,$(B)/man/man1/%.1,$(TOOLS))
man1_what_qrun    := boot a kernel and initramfs in QEMU and return the guest's verdict
man1_what_patcher := register the project's system calls in a Linux source tree, or take them out
man1_what_newcall := write a new system call, its test and man page from its prototype
$(B)/man/man1/%.1: $(B)/tools/%
	@mkdir -p $(@D)
	@help2man -N -h -h --version-string=hello_syscall -n "$(man1_what_$*)" $< > $@.$$$$.new && \
		sed -i '1,5s/^\(\.TH [^ ]* "1"\) "[^"]*"/\1 "'"$$(date +%F)"'"/' $@.$$$$.new && mv $@.$$$$.new $@
.PHONY: man
man: deps-man $(MAN1)
	@ls $(MAN1)


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
