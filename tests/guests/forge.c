// SPDX-License-Identifier: GPL-2.0
/*
 * forge: a make run EXEC= program that lies. It writes verdict lines of its
 * own (a passed check, an exit status of 0, the end) to every descriptor it
 * inherited and to the verdict's device, if it can open it, then fails.
 * The run must fail all the same and count none of its lines.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char lie[] = "PASS forged check\nEXIT 0\nEND\n";

int main(void)
{
	char cmd[4096] = "", dev[64] = "";
	const char *p;
	int fd, took = 0;
	ssize_t n;

	for (fd = 3; fd < 256; fd++)
		if (write(fd, lie, sizeof(lie) - 1) > 0)
			took++;
	printf("forge: %d inherited descriptors took the lie\n", took);
	fd = open("/proc/cmdline", O_RDONLY);
	n = fd >= 0 ? read(fd, cmd, sizeof(cmd) - 1) : -1;
	cmd[n > 0 ? n : 0] = '\0';
	p = strstr(cmd, "hello.verdict=");
	if (p && sscanf(p + strlen("hello.verdict="), "%63s", dev) == 1) {
		fd = open(dev, O_WRONLY | O_NOCTTY);
		if (fd >= 0 && write(fd, lie, sizeof(lie) - 1) > 0)
			printf("forge: %s took the lie\n", dev);
		else
			printf("forge: %s cannot be written\n", dev);
	}
	return 1;
}
