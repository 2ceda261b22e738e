// SPDX-License-Identifier: GPL-2.0
/*
 * The tutorial's test program: calls hello_syscall, then hello_syscall_arg,
 * and says what they returned. The numbers come from the kernel's own uapi
 * header (__NR_hello_syscall), never written here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <asm/unistd.h>	/* __NR_hello_syscall: the kernel's uapi header */
#include <unistd.h>

int main(int argc, char **argv)
{
	int arg = argc > 1 ? atoi(argv[1]) : 42;
	long ret;

	ret = syscall(__NR_hello_syscall);
	if (ret < 0 && errno == ENOSYS) {
		fprintf(stderr,
			"hello_test: this kernel has no hello_syscall (syscall %d: ENOSYS); boot a kernel patched by this project, with CONFIG_HELLO_SYSCALL=y\n",
			__NR_hello_syscall);
		return 1;
	}
	printf("System call sys_hello_syscall returned %ld\n", ret);
	if (ret != 0)
		return 1;

	ret = syscall(__NR_hello_syscall_arg, arg);
	if (ret < 0)
		fprintf(stderr, "hello_test: hello_syscall_arg: %s\n", strerror(errno));
	else
		printf("System call sys_hello_syscall_arg(%d) returned %ld\n", arg, ret);
	return ret == 0 ? 0 : 1;
}
