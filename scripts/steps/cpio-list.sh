#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# cpio-list.sh DIR DEST: gen_init_cpio lines that put the files and folders
# of DIR under DEST in the archive, with their modes.
set -eu
dir=$1 dest=$2
echo "dir $dest 0755 0 0"
(cd "$dir" && find . -mindepth 1 | sort) | while IFS= read -r f; do
	f=${f#./}
	mode=$(stat -c %a "$dir/$f")
	if [ -d "$dir/$f" ]; then
		echo "dir $dest/$f $mode 0 0"
	else
		echo "file $dest/$f $dir/$f $mode 0 0"
	fi
done
