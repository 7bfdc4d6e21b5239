#!/bin/sh
# The role podnet connects as, made once by the postgres image on an empty data directory (mounted
# into /docker-entrypoint-initdb.d, run as the superuser). It is no superuser and may create neither
# databases nor roles; it owns its database, and in it a schema of its own name, which PostgreSQL's
# default search_path ("$user", public) makes its current schema: Flyway creates podnet's tables
# there, owned by the role. Its password is read from a file (a Docker secret), never written here.
#
# PODNET_DB_NAME           the role, its database and its schema (default podnet)
# PODNET_DB_PASSWORD_FILE  the role's password (default /run/secrets/podnet_db_password)
# POSTGRES_USER            the superuser to connect as (the image sets it; else PGUSER, else postgres)
#
# Needs psql 15 or newer (\getenv). Outside Docker, with the usual PGHOST, PGPORT, PGUSER, PGPASSWORD:
#   PGHOST=db.example PODNET_DB_PASSWORD_FILE=./podnet_db_password sh docker/postgres/10-podnet-role.sh
set -e
password_file=${PODNET_DB_PASSWORD_FILE:-/run/secrets/podnet_db_password}
# $(…) drops trailing newlines, as the postgres image and podnet's own entrypoint do with their files
PODNET_DB_PASSWORD=$(cat "$password_file")
if [ -z "$PODNET_DB_PASSWORD" ]; then
	echo "10-podnet-role.sh: $password_file is empty" >&2
	exit 1
fi
# in psql's environment rather than on its command line, where ps would show it
export PODNET_DB_PASSWORD
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-${PGUSER:-postgres}}" --dbname postgres \
	-v name="${PODNET_DB_NAME:-podnet}" <<'SQL'
\getenv password PODNET_DB_PASSWORD
CREATE ROLE :"name" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
\connect :"name"
CREATE SCHEMA :"name" AUTHORIZATION :"name";
SQL
unset PODNET_DB_PASSWORD
