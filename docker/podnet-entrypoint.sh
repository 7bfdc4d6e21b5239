#!/bin/sh
# Starts podnet in its image. A secret may come as a file (a Docker secret) by the convention the
# postgres image follows: POSTGRES_PASSWORD_FILE names a file whose content (without trailing
# newlines) becomes POSTGRES_PASSWORD, so the password is neither in the compose file nor in what
# `docker inspect` shows. The same for PODNET_ADMIN_TOKEN_FILE.
set -e

# file_env NAME: NAME from the file that NAME_FILE names, if it names one
file_env() {
	eval "file=\${$1_FILE:-}"
	[ -n "$file" ] || return 0
	if eval "[ -n \"\${$1+set}\" ]"; then
		echo "podnet: both $1 and $1_FILE are set; set one of them" >&2
		exit 1
	fi
	value=$(cat "$file")
	export "$1=$value"
	unset "$1_FILE" file value
}

file_env POSTGRES_PASSWORD
file_env PODNET_ADMIN_TOKEN
exec java -XX:MaxRAMPercentage=75 -jar /opt/podnet/podnet.jar "$@"
