# SPDX-License-Identifier: GPL-2.0
# Booting: make run, selftest, kselftest and shell, each through qrun.

## EXEC: also run this static program (or #!/bin/sh script) in the guest, print its output, exit with its status
EXEC ?=
## EXEC_USER: run EXEC as this user id
EXEC_USER ?= 0
## TIMEOUT: seconds one boot may take (empty: qrun's default, qrun --help)
TIMEOUT ?=
## QEMU_MEM: the guest's memory in MiB (empty: qrun's default)
QEMU_MEM ?=
## ACCEL: how QEMU runs: auto (KVM if it works here, else software emulation), kvm or tcg
ACCEL ?= auto
## RESULTS: also write the guest's checks to this file, as TAP
RESULTS ?=
## V: 1 shows the kernel's own console lines too (always in build/log/console-*.log)
V ?= 0

# The console: the guest's programs only (V=1: the kernel's lines too); all
# of it in build/log/, and its last lines shown when a boot goes wrong.
CONSOLE_LOG = $(B)/log/console-$(TAG)-$(CFG)$(USER_TAG)$(ASFX).log
QRUN_ARGS = --arch $(ARCH) --kernel $(KIMAGE) $(if $(KDTB),--dtb $(KDTB)) --source $(SRC) $(if $(TIMEOUT),--timeout $(TIMEOUT)) \
	$(if $(QEMU_MEM),--mem $(QEMU_MEM)) \
	--accel $(ACCEL) --kvm-cache $(B)/kvm-fails --workdir $(B)/run \
	--console $(if $(filter-out 0,$(V)),all,user) --console-log $(CONSOLE_LOG) \
	$(if $(RESULTS),--results $(abspath $(RESULTS)))

# A tree of yours: its calls written by hand first, with their numbers.
SAY_CALLS = $(if $(KERNEL_SRC),scripts/steps/doctor.sh list $(PATCHER) kernel $(PSRC) | sed 's/^/your call: /';)

# EXEC= may be a shell script: it gets the archive with busybox. The
# archive with the program is this run's own (two runs at once, each with
# its program, boot each its own), and goes when the run ends.
ifneq ($(EXEC),)
run: need-boot deps $(KIMAGE) $(INITRD) $(QRUN)
	@$(SAY_CALLS) x=$(GUEST)/exec-$$$$.cpio; trap 'rm -f $$x' EXIT; \
	scripts/steps/exec-initrd.sh $(INITRD) $(EXEC) $$x $(ARCH) && \
	$(QRUN) $(QRUN_ARGS) --initrd $$x --exec-status \
		-- hello.mode=run hello.exec=/exec hello.uid=$(EXEC_USER)
else
run: need-boot deps $(KIMAGE) $(INITRD_RUN) $(QRUN)
	@$(SAY_CALLS) $(QRUN) $(QRUN_ARGS) --initrd $(INITRD_RUN) -- hello.mode=run
endif

# The kselftest, 64-bit and 32-bit, then a scan of the whole kernel log.
selftest: need-boot deps $(KIMAGE) $(INITRD) $(QRUN)
	@$(SAY_CALLS) $(QRUN) $(QRUN_ARGS) --initrd $(INITRD) -- hello.mode=selftest

# The calls fuzzed (guest/callfuzz.c) in a kernel that reports what goes
# wrong (CFG=debug: KASAN, UBSAN, KFENCE, lockdep...), on a CPU with
# SMAP/SMEP (arm64: PAN), from every ABI the kernel takes, unprivileged.
## FUZZ_S: make fuzz-calls: seconds of fuzzing from each ABI (64-bit, 32-bit, x32)
FUZZ_S ?= 20
## FUZZ_CALLS: make fuzz-calls: stop each ABI's fuzzing after this many calls (0: only FUZZ_S counts)
FUZZ_CALLS ?= 0
FUZZ_ABIS = $(words $(FUZZ_PROGS))
FUZZ_PARAMS = hello.fuzz_s=$(FUZZ_S) hello.fuzz_calls=$(FUZZ_CALLS) \
	$(if $(strip $(CALLS)),hello.fuzz_only=$(subst $(empty) $(empty),$(comma),$(strip $(CALLS))))
.PHONY: fuzz-calls
ifeq ($(filter debug,$(CFGS)),)
fuzz-calls:
	$(if $(filter command line,$(origin CFG)),@echo "make fuzz-calls CFG=$(CFG): the fuzzer needs a kernel that reports bugs: CFG=debug (or debug+trace)" >&2; exit 2)
	@$(MAKE) --no-print-directory fuzz-calls CFG=debug
else
fuzz-calls: need-boot deps $(KIMAGE) $(GUEST)/fuzz.cpio $(QRUN)
	@$(SAY_CALLS) $(QRUN) $(QRUN_ARGS) --cpu max $(if $(QEMU_MEM),,--mem 256) \
		$(if $(TIMEOUT),,--timeout $$(( $(FUZZ_ABIS) * ($(FUZZ_S) + 15) + 120 ))) \
		--initrd $(GUEST)/fuzz.cpio -- hello.mode=fuzz $(FUZZ_PARAMS)
endif

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
