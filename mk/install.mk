# SPDX-License-Identifier: GPL-2.0
# make deb and make install-test: the tutorial's install and reboot, as
# Debian packages installed in a Debian 12 disk image.

# make deb: the patched tree as Debian packages, by the kernel's own
# bindeb-pkg; configured for a small Debian 12 system (config/deb.config on
# the test VM's config), or KCONFIG=file (mk/tree.mk): your own config, the
# calls added.
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

$(DEB_OBJ)/.config: $(DEB_FRAGS) $(KCONFIG) kernel/my_syscalls/Kconfig scripts/steps/config.sh \
		| $(PUNPACKED) $(PATCHED_STAMP)
	@$(STAGE) "configure $(notdir $(DEB_OBJ)) ($(if $(KCONFIG),$(KCONFIG),tinyconfig) + $(notdir $(DEB_FRAGS)))" \
		$(B)/log/config-$(notdir $(DEB_OBJ)).log \
		env BASE_CONFIG=$(KCONFIG) scripts/steps/config.sh $(PSRC) $(DEB_OBJ) $(KARCH) "$(CROSS)" $(DEB_FRAGS)

$(DEB_DIR)/release: $(DEB_OBJ)/.config $(PATCHED_STAMP) $(TREE_STAMP) scripts/install/deb.sh
	@$(STAGE) "make bindeb-pkg $(notdir $(DEB_OBJ))" $(B)/log/$(notdir $(DEB_OBJ)).log \
		scripts/install/deb.sh $(PSRC) $(DEB_OBJ) $(DEB_DIR) $(KJOBS) $(NO_OBJTOOL) $(KARCH) "$(CROSS)"

deb: deps-deb need-x86 $(DEB_DIR)/release
	@ls -1 $(DEB_DIR)/*.deb

# make install-test: a Debian 12 system made from Debian's archive (cached),
# on a disk with the packages; its first boot (the new kernel given to QEMU,
# as no boot loader is there yet; SeaBIOS rather than qboot, whose MP table
# has no routes for the virtio disk's PCI interrupt) installs GRUB on the disk and the packages
# with dpkg, whose hooks make the initramfs and GRUB's menu; that disk is
# kept. Each test boots it from the disk (SeaBIOS, GRUB, no -kernel), on a
# snapshot, to systemd and the checks of guest/debian/verdict.
$(DEB_TAR): scripts/install/debian-image.sh
	@mkdir -p $(@D)
	@$(STAGE) "mmdebstrap Debian 12 (bookworm)" $(B)/log/debian-image.log scripts/install/debian-image.sh $@

$(DISK): $(DEB_TAR) $(DEB_DIR)/release $(GUEST)/hello_test $(wildcard guest/debian/*) \
		scripts/install/install-disk.sh | $(QRUN)
	@$(STAGE) "disk image: Debian 12 + the packages" $(B)/log/disk-$(notdir $@).log \
		scripts/install/install-disk.sh $(DEB_TAR) $(DEB_DIR) $(GUEST)/hello_test $(ARCH_VDEV) $@.first
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
