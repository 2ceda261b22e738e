# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Kernel trees made from facts (DESIGN.md), one per layout family: only the
# files the patcher reads, with enough of their real shape to matter.
#
# make_tree DIR VERSION: a tree of the family of VERSION:
#   5.4   tables up to 435 clone3; x86_64 entries __x64_sys_<name>, i386
#         lines with a fifth column __ia32_sys_<name>; hooked by the top
#         Makefile's 'core-y<2 tabs>+= kernel/ ...'; generic unistd.h
#   5.8   up to 439 faccessat2; entries sys_<name>; the same Makefile line
#   5.15  up to 448 process_mrelease; 'core-y<3 tabs>+= kernel/ ...'
#   6.1   up to 450 set_mempolicy_home_node; hooked by ./Kbuild 'obj-y += kernel/'
#   6.18  up to 469 file_setattr; ./Kbuild; scripts/syscall.tbl and unistd.h
# and, in every family, the tables of three other architectures as upstream
# has them: alpha (numbers 110 higher), s390 (a compat entry column), mips
# n64 (its own ABI name); arm64's AArch32 calls in arch/arm64/tools/
# syscall_32.tbl (6.18), before that in asm/unistd32.h with the count
# __NR_compat_syscalls in asm/unistd.h.
make_tree() {
	d=$1 v=$2
	case $v in
	5.4) last=435 lastname=clone3 hook=core2 x64=1 gen=unistd ;;
	5.8) last=439 lastname=faccessat2 hook=core2 x64=0 gen=unistd ;;
	5.15) last=448 lastname=process_mrelease hook=core3 x64=0 gen=unistd ;;
	6.1) last=450 lastname=set_mempolicy_home_node hook=kbuild x64=0 gen=unistd ;;
	6.18) last=469 lastname=file_setattr hook=kbuild x64=0 gen=both ;;
	*) echo "make_tree: no family $v" >&2; return 1 ;;
	esac
	mkdir -p "$d/arch/x86/entry/syscalls" "$d/include/linux" \
		"$d/include/uapi/asm-generic" "$d/kernel" "$d/init" "$d/scripts"
	{
		printf 'VERSION = %s\nPATCHLEVEL = %s\n\n' "${v%%.*}" "${v#*.}"
		echo 'ifeq ($(KBUILD_EXTMOD),)'
		case $hook in
		core2) printf 'core-y\t\t+= kernel/ certs/ mm/ fs/ ipc/ security/ crypto/ block/\n' ;;
		core3) printf 'core-y\t\t\t+= kernel/ certs/ mm/ fs/ ipc/ security/ crypto/\n' ;;
		kbuild) printf 'core-y\t\t:=\n' ;;
		esac
		echo 'endif'
	} > "$d/Makefile"
	if [ $hook = kbuild ]; then
		printf '# Kbuild for top-level directory of the kernel\n\nobj-y\t\t\t+= init/\nobj-y\t\t\t+= kernel/\nobj-y\t\t\t+= mm/\n' > "$d/Kbuild"
	fi
	printf 'mainmenu "Linux"\n\nsource "scripts/Kconfig.include"\n\nsource "init/Kconfig"\n\nsource "kernel/Kconfig.freezer"\n' > "$d/Kconfig"
	entry64() { if [ $x64 = 1 ]; then echo "__x64_sys_$1"; else echo "sys_$1"; fi; }
	entry32() { if [ $x64 = 1 ]; then printf 'sys_%s\t\t\t__ia32_sys_%s' "$1" "$1"; else echo "sys_$1"; fi; }
	{
		echo "# 64-bit system call numbers and entry vectors"
		echo "#"
		i=0
		while [ $i -lt $last ]; do printf '%d\tcommon\tcall%d\t\t\t%s\n' $i $i "$(entry64 call$i)"; i=$((i + 1)); done
		printf '%d\tcommon\t%s\t\t%s\n\n' $last $lastname "$(entry64 $lastname)"
		echo "#"
		echo "# x32-specific system call numbers start at 512 to avoid cache impact"
		echo "#"
		i=512
		while [ $i -le 547 ]; do printf '%d\tx32\tx32call%d\t\tcompat_sys_x%d\n' $i $i $i; i=$((i + 1)); done
	} > "$d/arch/x86/entry/syscalls/syscall_64.tbl"
	{
		echo "# 32-bit system call numbers and entry vectors"
		i=0
		while [ $i -lt $last ]; do printf '%d\ti386\tcall%d\t\t\t%s\n' $i $i "$(entry32 call$i)"; i=$((i + 1)); done
		printf '%d\ti386\t%s\t\t%s\n' $last $lastname "$(entry32 $lastname)"
	} > "$d/arch/x86/entry/syscalls/syscall_32.tbl"
	{
		echo "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */"
		i=$((last - 2))
		while [ "$i" -le "$last" ]; do printf '#define __NR_call%d %d\n__SYSCALL(__NR_call%d, sys_call%d)\n' $i $i $i $i; i=$((i + 1)); done
		printf '\n#undef __NR_syscalls\n#define __NR_syscalls %d\n' $((last + 1))
	} > "$d/include/uapi/asm-generic/unistd.h"
	if [ $gen = both ]; then
		{
			echo "# SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note"
			i=0
			while [ $i -lt $last ]; do printf '%d\tcommon\tcall%d\t\t\t\tsys_call%d\n' "$i" "$i" "$i"; i=$((i + 1)); done
			printf '%d\tcommon\t%s\t\t\tsys_%s\n' $last $lastname $lastname
		} > "$d/scripts/syscall.tbl"
	fi
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
	arch_tables "$d" "$last" "$lastname" "$gen"
}

# arch_tables DIR LAST LASTNAME GEN: the other architectures' tables.
arch_tables() {
	d=$1 last=$2 lastname=$3
	mkdir -p "$d/arch/alpha/kernel/syscalls" "$d/arch/s390/kernel/syscalls" \
		"$d/arch/mips/kernel/syscalls" "$d/arch/arm64/include/asm" "$d/arch/arm64/tools"
	i=$((last - 2))
	{ echo "# alpha"; while [ "$i" -le "$last" ]; do
		printf '%d\tcommon\tcall%d\t\t\t\tsys_call%d\n' $((i + 110)) "$i" "$i"; i=$((i + 1)); done; } \
		> "$d/arch/alpha/kernel/syscalls/syscall.tbl"
	i=$((last - 2))
	{ echo "# s390"; while [ "$i" -le "$last" ]; do
		printf '%d  common\tcall%d\t\t\tsys_call%d\t\t\tsys_call%d\n' "$i" "$i" "$i" "$i"; i=$((i + 1)); done; } \
		> "$d/arch/s390/kernel/syscalls/syscall.tbl"
	i=$((last - 2))
	# (mips' highest call in 5.4 is clone3 through a wrapper of its own:
	# new calls still get sys_<name>)
	{ echo "# mips n64"; while [ "$i" -le "$last" ]; do
		printf '%d\tn64\tcall%d\t\t\t\t%ssys_call%d\n' "$i" "$i" "$([ "$i" = "$last" ] && echo __)" "$i"
		i=$((i + 1)); done; } > "$d/arch/mips/kernel/syscalls/syscall_n64.tbl"
	if [ "$4" = both ]; then
		i=$((last - 2))
		{ echo "# arm64 AArch32"; while [ "$i" -le "$last" ]; do
			printf '%d\tcommon\tcall%d\t\t\t\tsys_call%d\n' "$i" "$i" "$i"; i=$((i + 1)); done; } \
			> "$d/arch/arm64/tools/syscall_32.tbl"
		printf '#include <asm/unistd_32.h>\n' > "$d/arch/arm64/include/asm/unistd32.h"
	else
		{ echo "#define __NR_$lastname $last"; echo "__SYSCALL(__NR_$lastname, sys_$lastname)"
		  printf '\n/*\n * Please add new compat syscalls above this comment and update\n'
		  printf ' * __NR_compat_syscalls in asm/unistd.h.\n */\n'; } > "$d/arch/arm64/include/asm/unistd32.h"
		printf '#define __NR_compat_syscalls\t\t%d\n' $((last + 1)) > "$d/arch/arm64/include/asm/unistd.h"
	fi
}

make_tree58() { make_tree "$1" 5.8; }

# hand_calls DIR: three calls written by hand the tutorial's way in DIR, a
# tree of the 6.1 family: their own folder my-syscalls/ in ./Kbuild, lines
# 451-453 in the 64-bit table (my_hello also 451 in the 32-bit one),
# prototypes, and my_log under a Kconfig option with its COND_SYSCALL.
hand_calls() {
	mkdir -p "$1/my-syscalls"
	cat >"$1/my-syscalls/Makefile" <<'M'
obj-y := hello.o
obj-y += add.o
obj-$(CONFIG_MY_LOG) += log.o
M
	printf '#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(my_hello)\n{\n\treturn 0;\n}\n' >"$1/my-syscalls/hello.c"
	printf '#include <linux/syscalls.h>\n\nSYSCALL_DEFINE2(my_add, int, a,\n\t\tint, b)\n{\n\treturn a + b;\n}\n' >"$1/my-syscalls/add.c"
	printf '#include <linux/syscalls.h>\n\nSYSCALL_DEFINE2(my_log, const char __user *, msg, size_t, len)\n{\n\treturn 0;\n}\n' >"$1/my-syscalls/log.c"
	printf 'obj-y\t\t\t+= my-syscalls/\n' >>"$1/Kbuild"
	printf '451\tcommon\tmy_hello\t\tsys_my_hello\n452\tcommon\tmy_add\t\t\tsys_my_add\n453\tcommon\tmy_log\t\t\tsys_my_log\n' \
		>"$1/lines64"
	sed -i "/^450\t/r $1/lines64" "$1/arch/x86/entry/syscalls/syscall_64.tbl"
	rm "$1/lines64"
	printf '451\ti386\tmy_hello\t\tsys_my_hello\n' >>"$1/arch/x86/entry/syscalls/syscall_32.tbl"
	sed -i 's|^#endif$|asmlinkage long sys_my_hello(void);\nasmlinkage long sys_my_add(int a, int b);\nasmlinkage long sys_my_log(const char __user *msg, size_t len);\n#endif|' \
		"$1/include/linux/syscalls.h"
	printf 'COND_SYSCALL(my_log);\n' >>"$1/kernel/sys_ni.c"
}
