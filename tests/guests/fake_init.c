// SPDX-License-Identifier: GPL-2.0
/*
 * A PID 1 that behaves as the kernel command line says (fake=pass, fail,
 * none, silent, hang, panic, warn, userwarn, longline), to prove the
 * runner's exit codes and what it makes of the console.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	char cmd[1024] = "";
	FILE *v;
	int fd;
	ssize_t n;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/proc/cmdline", O_RDONLY);
	n = fd >= 0 ? read(fd, cmd, sizeof(cmd) - 1) : 0;
	cmd[n > 0 ? n : 0] = '\0';
	v = fopen("/dev/ttyS1", "w");
	if (!v)
		return 1;
	printf("fake init: a line of the guest's own\n");
	fflush(stdout);
	if (strstr(cmd, "fake=pass"))
		fprintf(v, "PASS fake\nEND\n");
	else if (strstr(cmd, "fake=fail"))
		fprintf(v, "PASS fake one\nFAIL fake two: on purpose\nEND\n");
	else if (strstr(cmd, "fake=none"))
		fprintf(v, "END\n");
	else if (strstr(cmd, "fake=hang"))
		for (;;)
			pause();
	else if (strstr(cmd, "fake=panic"))
		return 0;	/* init exits: the kernel panics */
	else if (strstr(cmd, "fake=warn")) {
		/* A kernel-style warning in the log, then a passing verdict. */
		FILE *k = fopen("/dev/kmsg", "w");

		if (k)
			fprintf(k, "<4>WARNING: CPU: 0 PID: 1 at fake_init.c:1 injected\n"), fclose(k);
		fprintf(v, "PASS fake\nEND\n");
	} else if (strstr(cmd, "fake=userwarn")) {
		/* The same words from a program, not the kernel: no time stamp. */
		printf("WARNING: CPU: 0 PID: 1 at a program's own line\n");
		fflush(stdout);
		fprintf(v, "PASS fake\nEND\n");
	} else if (strstr(cmd, "fake=longline")) {
		/* A line longer than the runner's line buffer: 0123456789... */
		for (n = 0; n < 3000; n++)
			putchar('0' + n % 10);
		putchar('\n');
		fflush(stdout);
		fprintf(v, "PASS fake\nEND\n");
	}
	fclose(v);
	sync();
	reboot(RB_AUTOBOOT);
	return 0;
}
