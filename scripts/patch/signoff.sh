# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Sourced by the series scripts: who signs the patches off, SIGNOFF="Name
# <mail>" or git's user.name and user.email, as $name and $mail; without
# one, the script ends (a patch needs a Signed-off-by).
signoff=${SIGNOFF:-}
if [ -z "$signoff" ] && git config user.name >/dev/null && git config user.email >/dev/null; then
	signoff="$(git config user.name) <$(git config user.email)>"
fi
case $signoff in
*" <"*@*">") ;;
*)	echo "$(basename "$0"): no one to sign the patches off: give SIGNOFF=\"Name <mail>\"" >&2
	echo "  (or git config --global user.name/user.email); a patch needs a Signed-off-by" >&2
	exit 2 ;;
esac
# shellcheck disable=SC2034 # name: used by the scripts that source this
name=${signoff% <*} mail=${signoff##*<}
mail=${mail%>}
