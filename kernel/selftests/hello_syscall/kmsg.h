/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the kernel log record by record from /dev/kmsg, for the tests
 * that prove what a call logged.
 */
#ifndef __HELLO_SYSCALL_KMSG_H
#define __HELLO_SYSCALL_KMSG_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A reader that sees only what is logged after it was opened; -1 on error. */
static inline int kmsg_open_at_end(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/*
 * The next record's text, without its header and newline, in msg; 0 when
 * there is none left. Records lost to wrap-around are skipped.
 */
static inline int kmsg_next(int fd, char *msg, size_t size)
{
	char rec[8192], *text, *nl;
	ssize_t n;

	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			return 0;
		rec[n] = '\0';
		text = strchr(rec, ';');
		if (!text)
			continue;
		text++;
		nl = strchr(text, '\n');
		if (nl)
			*nl = '\0';
		snprintf(msg, size, "%s", text);
		return 1;
	}
}

#endif /* __HELLO_SYSCALL_KMSG_H */
