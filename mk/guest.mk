# SPDX-License-Identifier: GPL-2.0
# What runs in the guest: init and the programs, built statically against
# the kernel's uapi headers, and the initramfs archives that hold them.

GUEST_CC     := $(CROSS)gcc
RUN_CC       := $(ARCH_RUNCC)
GUEST_WARN   := -O2 -Wall -Wextra -Werror -static $(ARCH_LDFLAGS)
GUEST_CFLAGS := $(GUEST_WARN) -isystem $(HDR)/include

RUN_PROGS  := init hello_test
# A 32-bit build of the selftests where the architecture has 32-bit callers.
PROGS32    := $(if $(ARCH_CC32),hello_syscall_test_32)
# Further ABIs of the 64-bit kernel (config/arches' abis, LABEL=COMPILER):
# x86_64's x32. Each label has its selftest, /bin/hello_syscall_test_LABEL,
# and a folder of the calls' selftests, /selftests/LABEL, which init runs.
ABI_LABELS := $(foreach a,$(ARCH_ABIS),$(firstword $(subst =, ,$(a))))
abi_cc = $(subst $(comma), ,$(patsubst $(1)=%,%,$(filter $(1)=%,$(ARCH_ABIS))))
comma := ,
ABI_PROGS := $(addprefix $(GUEST)/hello_syscall_test_,$(ABI_LABELS))
GUEST_PROGS := $(RUN_PROGS) hello_syscall_test $(PROGS32) $(notdir $(ABI_PROGS))
SELFTEST_SRC := $(PSRC)/tools/testing/selftests/hello_syscall/hello_syscall_test.c

# This makefile too: a change of compiler or flags here rebuilds them.
$(GUEST)/%: guest/%.c guest/crash_marks.h guest/verdict.h kernel/selftests/hello_syscall/kmsg.h $(HEADERS) mk/guest.mk
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
$(ABI_PROGS): $(GUEST)/hello_syscall_test_%: $(SELFTEST_DEPS) $(HEADERS) | $(PATCHED_STAMP)
	@mkdir -p $(@D)
	$(call abi_cc,$*) $(SELFTEST_CFLAGS) -o $@ $(SELFTEST_SRC) -lpthread

# The selftest of each call made by new-call: native, and compat (32-bit)
# where the architecture has 32-bit callers.
CALL_TESTS := $(addprefix $(GUEST)/calls/native/,$(MADE_CALLS)) \
	$(if $(ARCH_CC32),$(addprefix $(GUEST)/calls/compat/,$(MADE_CALLS))) \
	$(foreach l,$(ABI_LABELS),$(addprefix $(GUEST)/calls/$(l)/,$(MADE_CALLS)))
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
# A further ABI's (LABEL/CALL: its compiler, this row's headers)
$(GUEST)/calls/%: kernel/selftests/$$(notdir $$*)/$$(notdir $$*)_test.c $(HEADERS) | $(PATCHED_STAMP)
	@mkdir -p $(@D)
	$(call abi_cc,$(patsubst %/,%,$(dir $*))) $(SELFTEST_CFLAGS) -o $@ \
		$(PSRC)/tools/testing/selftests/$(notdir $*)/$(notdir $*)_test.c

# callfuzz (guest/callfuzz.c): the calls' table, written by newcall from
# kernel/syscalls.tbl and, in a tree of yours (KERNEL_SRC=), from the
# SYSCALL_DEFINEn() lines of the calls you wrote by hand (read each time:
# the file changes only when they do); a build for each ABI the kernel
# takes, each against that ABI's headers (their __NR_ numbers).
FUZZ_PROGS := $(GUEST)/callfuzz $(if $(ARCH_CC32),$(GUEST)/callfuzz_32) \
	$(addprefix $(GUEST)/callfuzz_,$(ABI_LABELS))
$(GUEST)/callfuzz_calls.h: kernel/syscalls.tbl $(NEWCALL) $(if $(KERNEL_SRC),$(PATCHER) always)
	@mkdir -p $(@D)
	@{ $(NEWCALL) fuzz-table kernel && \
	  $(if $(KERNEL_SRC),scripts/steps/doctor.sh protos $(PATCHER) kernel $(PSRC) | $(NEWCALL) fuzz-table -,:); \
	} > $@.$$$$.new && { cmp -s $@.$$$$.new $@ && rm $@.$$$$.new || mv $@.$$$$.new $@; }
FUZZ_CFLAGS = $(GUEST_WARN) -I $(GUEST) -o $@ guest/callfuzz.c
$(GUEST)/callfuzz: guest/callfuzz.c $(GUEST)/callfuzz_calls.h $(HEADERS)
	$(GUEST_CC) -isystem $(HDR)/include $(FUZZ_CFLAGS)
$(GUEST)/callfuzz_32: guest/callfuzz.c $(GUEST)/callfuzz_calls.h $(HEADERS32)
	$(ARCH_CC32) -isystem $(HDR32)/include $(FUZZ_CFLAGS)
$(addprefix $(GUEST)/callfuzz_,$(ABI_LABELS)): $(GUEST)/callfuzz_%: guest/callfuzz.c $(GUEST)/callfuzz_calls.h $(HEADERS)
	$(call abi_cc,$*) -isystem $(HDR)/include $(FUZZ_CFLAGS)
# make fuzz-calls's archive: make run's and the fuzzers.
$(GUEST)/fuzz.cpio: guest/run.list $(addprefix $(GUEST)/,$(RUN_PROGS)) $(FUZZ_PROGS) $(GEN_INIT_CPIO)
	{ sed 's|@GUEST@|$(GUEST)|g' guest/run.list; \
	  for p in $(FUZZ_PROGS); do echo "file /bin/$${p##*/} $$p 0755 0 0"; done; \
	} > $(GUEST)/fuzz.list
	$(GEN_INIT_CPIO) -t 0 $(GUEST)/fuzz.list > $@.$$$$.new && mv $@.$$$$.new $@

$(GUEST)/callbench: bench/callbench.c $(HEADERS)
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $@ $<

$(GUEST)/run.list: guest/run.list
	@mkdir -p $(@D)
	sed 's|@GUEST@|$(GUEST)|g' $^ > $@.$$$$.new && mv $@.$$$$.new $@

$(GUEST)/initramfs.list: guest/run.list guest/selftest.list $(ARCH_LIST) kernel/syscalls.tbl mk/guest.mk $(ARCH_MK)
	@mkdir -p $(@D)
	{ sed 's|@GUEST@|$(GUEST)|g' $(filter guest/%,$^); \
	  $(if $(PROGS32),echo "file /bin/hello_syscall_test_32 $(GUEST)/hello_syscall_test_32 0755 0 0";) \
	  for p in $(ABI_PROGS); do echo "file /bin/$${p##*/} $$p 0755 0 0"; done; \
	  echo "dir /selftests 0755 0 0"; \
	  for d in $(sort $(dir $(CALL_TESTS)) $(addsuffix /,$(addprefix $(GUEST)/calls/,$(ABI_LABELS)))); do \
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
	{ cat $(GUEST)/initramfs.list; scripts/steps/cpio-list.sh $(KSFT) /kselftest; } > $(GUEST)/kselftest.list
	$(GEN_INIT_CPIO) -t 0 $(GUEST)/kselftest.list > $@.$$$$.new && mv $@.$$$$.new $@
