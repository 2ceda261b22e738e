# SPDX-License-Identifier: GPL-2.0
# LAVA: the cells as jobs, a lab on this machine, the jobs' verdicts and
# their results for KCIDB.

# make lava-jobs: a LAVA job definition per cell and mode (build/lava/*.yaml,
# their kernel and initramfs beside them); make lava: those jobs run on a
# lab, judged by their test cases (scripts/lab/lava-run.py); make lava-local:
# the lab on this machine (scripts/lab/lava-local.sh). A cell is KERNEL:ARCH:CFG;
# the one make run boots by default, one per ARCHES= architecture that
# boots, CELLS=check: every cell make check-full boots but nohello, whose
# run fails by design (make check-full says if one is missing), or
# CELLS="6.12:x86_64:vm 6.12:arm64:trace": those (a kernel "-": the newest
# Debian kernel that builds for the architecture). LAVA_TEST_TIMEOUT: the
# seconds a job's guest has from boot to its verdict's end.
LAVA_DIR     := $(B)/lava
LAVA_LOCAL   := $(B)/lava-local
## LAVA_ARTIFACTS_URL: make lava-jobs: the URL a remote lab downloads build/lava/ from (default: file:// paths)
LAVA_ARTIFACTS_URL ?=
## LAVA_WORKERS: the local lab's workers
LAVA_WORKERS ?= 2
## LAVA_URL: make lava: the lab (default: make lava-local's, on this machine)
LAVA_URL     ?=
## LAVA_TOKEN_FILE: make lava: a file (mode 0600) holding your token for LAVA_URL; or LAVA_TOKEN in the environment
LAVA_TOKEN_FILE ?= $(if $(LAVA_URL),,$(LAVA_LOCAL)/token)
# The jobs to the lab and their verdict. The token reaches lava-run.py through
# its file or the environment, never on a command line, where ps shows it.
LAVA_RUN = /usr/bin/python3 scripts/lab/lava-run.py --timeout $(LAVA_TIMEOUT) \
	--url $(or $(LAVA_URL),$$(cat $(LAVA_LOCAL)/url)) --user '$(LAVA_USER)' \
	$(if $(LAVA_TOKEN_FILE),--token-file $(LAVA_TOKEN_FILE))
## LAVA_USER: make lava: your user on LAVA_URL
LAVA_USER    ?= $(if $(LAVA_URL),,hello)
## LAVA_TIMEOUT: make lava: seconds to wait for all its jobs; those still running then are canceled
LAVA_TIMEOUT ?= 900
## KCIDB: make lava: the results in KCIDB's format go to this file
KCIDB        ?= $(B)/results/kcidb.json
## MODES: make lava-jobs and lava: the modes of each cell: run, selftest, kselftest, fuzz (make fuzz-calls; a debug cell)
MODES        ?= run selftest
## CELLS: make lava-jobs and lava: the cells KERNEL:ARCH:CFG ("6.12:arm64:trace"), or check: every cell make check-full boots
CELLS        ?=
CHECK_CELLS  := 6.12:x86_64:vm 6.1:x86_64:vm 6.12:arm64:trace 6.12:arm:vm 6.12:x86_64:debug+trace
## LAVA_TEST_TIMEOUT: seconds a LAVA job's guest has from boot to its verdict's end
LAVA_TEST_TIMEOUT ?= 600
## KERNELS: make lava-jobs and lava: a cell for each of these Debian kernels (6.1 6.12) and each architecture of ARCHES (or ARCH); KERNEL by default
KERNELS     ?=
LAVA_ARCHES  = $(if $(filter command line environment,$(origin ARCHES)),$(filter $(ARCHES),$(shell scripts/steps/arches.sh names booted)),$(ARCH))
# A cell's kernel "-": the newest Debian kernel that builds for its
# architecture (KERNEL's default there), when neither KERNELS nor KERNEL is given.
LAVA_KERNELS = $(or $(KERNELS),$(if $(filter file,$(origin KERNEL)),-,$(KERNEL)))
LAVA_CELLS   = $(strip $(if $(filter check,$(CELLS)),$(CHECK_CELLS),$(or $(CELLS),$(foreach k,$(LAVA_KERNELS),$(foreach a,$(LAVA_ARCHES),$(k):$(a):$(CFG))))))
# the jobs of this request: two requests at once have a list each
LAVA_LIST   = $(LAVA_DIR)/jobs-$(shell echo '$(LAVA_CELLS) $(MODES) $(EXEC) $(EXEC_USER) $(LAVA_TEST_TIMEOUT)' | md5sum | cut -c1-8).list
.PHONY: lava-jobs lava-cell lava lava-local lava-local-stop
lava-jobs:
	@mkdir -p $(LAVA_DIR) && : > $(LAVA_LIST).new.$$PPID
	@set -e; for c in $(LAVA_CELLS); do IFS=: read -r k a cfg <<< "$$c"; \
		$(MAKE) --no-print-directory lava-cell $$([ "$$k" = - ] || echo "KERNEL=$$k") ARCH=$$a CFG=$$cfg CELLS= LAVA_LIST=$(LAVA_LIST).new.$$PPID; \
	done
	@mv $(LAVA_LIST).new.$$PPID $(LAVA_LIST)
	@echo "lava-jobs: $$(wc -l < $(LAVA_LIST)) jobs in $(LAVA_DIR) (list: $(LAVA_LIST))" >&2

# One cell's jobs, one per mode of MODES; EXEC= goes into the run job's
# initramfs as with make run.
LAVA_NAME = $(TAG)-$(ARCH)-$(CFG)
LAVA_EXEC = $(LAVA_DIR)/$(LAVA_NAME)-run-$(notdir $(EXEC)).cpio
LAVA_JOB  = env $(foreach v,NAME QEMU MACHINE CONSOLE PARAMS DTB,ARCH_$(v)='$(ARCH_$(v))') \
	$(if $(ARCH_DTB),DTB=$(KDTB)) CELL_KERNEL=$(TAG) CELL_CONFIG=$(CFG) TEST_TIMEOUT=$(LAVA_TEST_TIMEOUT) scripts/lab/lava-job.sh $(LAVA_DIR)
lava-cell: need-boot deps $(KIMAGE) $(if $(filter run,$(MODES)),$(INITRD_RUN)) \
		$(if $(filter selftest,$(MODES))$(EXEC),$(INITRD)) $(if $(filter kselftest,$(MODES)),$(GUEST)/kselftest.cpio) \
		$(if $(filter fuzz,$(MODES)),$(GUEST)/fuzz.cpio)
	$(if $(and $(filter fuzz,$(MODES)),$(if $(filter debug,$(CFGS)),,x)),@echo "MODES=fuzz: the cell $(KERNEL):$(ARCH):$(CFG) is not a debug kernel; give CFG=debug (or debug+trace) in its cell" >&2; exit 2)
	@$(if $(EXEC),scripts/steps/exec-initrd.sh $(INITRD) $(EXEC) $(LAVA_EXEC) $(ARCH))
	@set -e; for m in $(MODES); do case $$m in \
		run) i=$(if $(EXEC),$(LAVA_EXEC),$(INITRD_RUN)) ;; \
		selftest) i=$(INITRD) ;; kselftest) i=$(GUEST)/kselftest.cpio ;; fuzz) i=$(GUEST)/fuzz.cpio ;; \
		*) echo "MODES=$$m: give run, selftest, kselftest or fuzz" >&2; exit 2 ;; esac; \
		JOB_NAME="hello_syscall $(TAG) $(ARCH) $(CFG) $$m$(if $(EXEC), $(notdir $(EXEC)))" $(LAVA_JOB) \
			$(LAVA_NAME)-$$m$(if $(EXEC),-$(notdir $(EXEC))) $$m $(KIMAGE) $$i \
			$$([ $$m != run ] || echo "$(if $(EXEC),hello.exec=/exec hello.uid=$(EXEC_USER))") \
			$$([ $$m != fuzz ] || echo "$(FUZZ_PARAMS)") \
			>> $(LAVA_LIST); done

# Without LAVA_URL: the lab of make lava-local, started if it is not.
lava: lava-jobs $(if $(LAVA_URL),,lava-local)
	@$(LAVA_RUN) --results $(LAVA_DIR)/results --kcidb $(KCIDB) $$(cat $(LAVA_LIST))

lava-local:
	@scripts/lab/lava-local.sh start $(LAVA_LOCAL) $(LAVA_WORKERS)
lava-local-stop:
	@scripts/lab/lava-local.sh stop $(LAVA_LOCAL)
