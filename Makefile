# SPDX-License-Identifier: GPL-2.0
# hello_syscall: a new Linux system call, from source tree to a booted
# verdict. README.md explains; `make help` lists targets and variables.
# Each concern has a makefile of its own in mk/, included in the order
# their variables are needed.

SHELL  := /bin/bash
B      := $(CURDIR)/build
NPROC  := $(shell nproc)
STAGE  := $(CURDIR)/scripts/steps/stage.sh
export STAGE_LOCK := $(B)/.lock
PATCHER := $(B)/tools/patcher
QRUN    := $(B)/tools/qrun
NEWCALL := $(B)/tools/newcall

.PHONY: all help deps run selftest kselftest bench shell check check-host patch apply revert \
	kernel guest tools fuzz clean new-call remove-call always
.DELETE_ON_ERROR:

all: run

include mk/arch.mk mk/tree.mk mk/tools.mk mk/kernel.mk mk/guest.mk mk/run.mk \
	mk/install.mk mk/patch.mk mk/lab.mk mk/check.mk mk/help.mk

clean:
	rm -rf $(B)

# make print-VAR: a variable's value, for the tests and the bench.
print-%:
	@echo '$($*)'
