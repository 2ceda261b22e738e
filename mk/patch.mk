# SPDX-License-Identifier: GPL-2.0
# make patch: the change to a pristine tree, as one patch file and as a git
# format-patch series per call.

# ... and as a git format-patch series for the lists (scripts/patch/mkseries.sh).
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
## SIGNOFF: make patch: who signs the series off, "Name <mail>" (default: git's user.name and user.email)
SIGNOFF ?=
## WHY: make patch: what the calls are for, for the cover letter
WHY ?=
## WHY_FILE: make patch: the same, read from this file
WHY_FILE ?=
## CALLS: make patch: one series for these calls alone ("greet counters"; with KERNEL_SRC, calls you wrote by hand); make fuzz-calls: only these calls
CALLS ?=
empty :=
# CALLS of a KERNEL_SRC tree's own, written by hand (make doctor lists
# them): their series, a patch a call (scripts/patch/user-series.sh).
USER_CALLS := $(if $(KERNEL_SRC),$(filter-out $(ALL_CALLS),$(strip $(CALLS))))
ifneq ($(USER_CALLS),)
ifneq ($(filter $(ALL_CALLS),$(CALLS)),)
$(error CALLS="$(CALLS)" mixes the project's calls ($(filter $(ALL_CALLS),$(CALLS))) with your tree's ($(USER_CALLS)): make a series of each)
endif
USER_SERIES := $(B)/patch/series-$(TAG)-$(subst $(empty) $(empty),+,$(USER_CALLS))
patch: $(USER_SERIES)/0000-cover-letter.patch
	@echo "series: $(USER_SERIES)/"
$(USER_SERIES)/0000-cover-letter.patch: $(PATCHER) scripts/patch/user-series.sh scripts/steps/doctor.sh always
	@$(STAGE) "patch series of your calls $(USER_CALLS)" $(B)/log/user-series-$(TAG).log \
		scripts/patch/user-series.sh $(PATCHER) kernel $(PSRC) $(@D) $(USER_CALLS)
else
PATCH_NAME := $(TAG)$(if $(strip $(CALLS)),-$(subst $(empty) $(empty),+,$(strip $(CALLS))))
SERIES_GROUPS := $(if $(strip $(CALLS)),$(subst $(empty) $(empty),+,$(strip $(CALLS))),hello_syscall $(MADE_CALLS))
SERIES_DIRS := $(patsubst %,$(B)/patch/series-$(TAG)-%,$(SERIES_GROUPS))
PATCH_FILE := $(B)/patch/hello_syscall-$(PATCH_NAME).patch
patch: $(PATCH_FILE) $(addsuffix /0000-cover-letter.patch,$(SERIES_DIRS))
	@$(foreach d,$(SERIES_DIRS),echo "series: $(d)/";)
	@echo $(PATCH_FILE)

$(B)/patch/series-$(TAG)-%/0000-cover-letter.patch: $(PATCHER) $(NEWCALL) $(PROJECT_KERNEL_FILES) $(wildcard man/*.2) \
		scripts/patch/mkseries.sh scripts/patch/pristine.sh scripts/patch/project-subset.sh $(PATCH_AGAIN)
	@scripts/steps/deps.sh patch $(DEBIAN_SRC_PKG)
	@CALLS="$(subst +, ,$*)" $(STAGE) "patch series $* for $(notdir $(PATCH_SOURCE))" $(B)/log/mkseries-$(TAG)-$*.log \
		scripts/patch/mkseries.sh $(PATCHER) $(PATCH_SOURCE) $(@D)

$(PATCH_FILE): $(PATCHER) $(NEWCALL) $(PROJECT_KERNEL_FILES) scripts/patch/mkpatch.sh scripts/patch/pristine.sh scripts/patch/project-subset.sh \
		$(PATCH_AGAIN)
	@scripts/steps/deps.sh patch $(DEBIAN_SRC_PKG)
	@mkdir -p $(@D)
	@$(STAGE) "patch file for $(notdir $(PATCH_SOURCE))" $(B)/log/mkpatch-$(PATCH_NAME).log \
		scripts/patch/mkpatch.sh $(PATCHER) $(PATCH_SOURCE) $@
endif
