# make_tree58 DIR: a kernel tree with the 5.8 layout, built from the facts in
# DESIGN.md: the directory list in the top Makefile, tables ending at 439
# faccessat2 (the x32 block from 512), generic __NR_syscalls 440. Only the
# files the patcher reads, with enough of their real shape to matter.
make_tree58() {
	d=$1
	mkdir -p "$d/arch/x86/entry/syscalls" "$d/include/linux" \
		"$d/include/uapi/asm-generic" "$d/kernel" "$d/init"
	cat > "$d/Makefile" <<'MK'
VERSION = 5
PATCHLEVEL = 8
SUBLEVEL = 13

ifeq ($(KBUILD_EXTMOD),)
core-y		+= kernel/ certs/ mm/ fs/ ipc/ security/ crypto/ block/

vmlinux-dirs	:= $(patsubst %/,%,$(filter %/, $(init-y) $(init-m) \
		     $(core-y) $(core-m) $(drivers-y) $(drivers-m)))
endif
MK
	printf 'mainmenu "Linux"\n\nsource "scripts/Kconfig.include"\n\nsource "init/Kconfig"\n\nsource "kernel/Kconfig.freezer"\n' > "$d/Kconfig"
	{
		echo "# 64-bit system call numbers and entry vectors"
		echo "#"
		i=0
		while [ $i -lt 439 ]; do printf '%d\tcommon\tcall%d\t\t\tsys_call%d\n' $i $i $i; i=$((i + 1)); done
		printf '439\tcommon\tfaccessat2\t\tsys_faccessat2\n\n'
		echo "#"
		echo "# x32-specific system call numbers start at 512 to avoid cache impact"
		echo "#"
		i=512
		while [ $i -le 547 ]; do printf '%d\tx32\tx32call%d\t\tcompat_sys_x%d\n' $i $i $i; i=$((i + 1)); done
	} > "$d/arch/x86/entry/syscalls/syscall_64.tbl"
	{
		echo "# 32-bit system call numbers and entry vectors"
		i=0
		while [ $i -lt 439 ]; do printf '%d\ti386\tcall%d\t\t\tsys_call%d\n' $i $i $i; i=$((i + 1)); done
		printf '439\ti386\tfaccessat2\t\tsys_faccessat2\n'
	} > "$d/arch/x86/entry/syscalls/syscall_32.tbl"
	cat > "$d/include/uapi/asm-generic/unistd.h" <<'H'
/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#define __NR_openat2 437
__SYSCALL(__NR_openat2, sys_openat2)
#define __NR_pidfd_getfd 438
__SYSCALL(__NR_pidfd_getfd, sys_pidfd_getfd)
#define __NR_faccessat2 439
__SYSCALL(__NR_faccessat2, sys_faccessat2)

#undef __NR_syscalls
#define __NR_syscalls 440
H
	cat > "$d/include/linux/syscalls.h" <<'H'
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H
asmlinkage long sys_faccessat2(int dfd, const char __user *filename, int mode,
			       int flags);

/*
 * Architecture-specific system calls
 */

/* arch/x86/kernel/ioport.c */
asmlinkage long sys_ioperm(unsigned long from, unsigned long num, int on);
#endif
H
	printf '/* we can only get here... */\nCOND_SYSCALL(io_setup);\nCOND_SYSCALL(rseq);\n' > "$d/kernel/sys_ni.c"
}
