#!/bin/sh
# OpenAPI Generator's "validate --recommend" exits 0 when it only has recommendations (warnings);
# the build accepts none, so they fail it too. Usage: openapi-generator-validate.sh JAVA CLI_JAR SPEC
set -eu
java=$1 jar=$2 spec=$3
if ! out=$("$java" -jar "$jar" validate --recommend -i "$spec" 2>&1); then
	printf '%s\n' "$out" >&2
	exit 1
fi
printf '%s\n' "$out"
case "$out" in
*Warnings:* | *recommendation*)
	echo "OpenAPI Generator has recommendations for $spec: the build accepts none" >&2
	exit 1
	;;
esac
