-- The database itself refuses a name the API would refuse, whatever the code does: names reach the
-- shell scripts operators run as root (the exports), so a row written around the API must not
-- carry a command in its name.
--
-- A name is a DNS-1123 label, exactly as the API accepts it (api/Names): 1 to 63 characters, each
-- a lower-case letter, a digit or '-', the first and last not '-'. Written without anchors: H2
-- reads a regex the Java way, where '$' also matches before a final newline ('web' plus a newline
-- would pass '^...$'), while PostgreSQL's '$' does not. "No character outside the set" means the
-- same to both, as does the set spelt out letter by letter (no range, which could follow a
-- collation). '~' is PostgreSQL's operator, which H2 accepts in every mode.
--
-- A database holding a name podnet never accepted (written by hand) stops at this migration,
-- naming the constraint; correct or remove that row, and start podnet again.

ALTER TABLE cluster ADD CONSTRAINT ck_cluster_name CHECK (
    CHAR_LENGTH(name) BETWEEN 1 AND 63 AND name NOT LIKE '-%' AND name NOT LIKE '%-'
    AND NOT (name ~ '[^-abcdefghijklmnopqrstuvwxyz0123456789]'));

ALTER TABLE node ADD CONSTRAINT ck_node_name CHECK (
    CHAR_LENGTH(name) BETWEEN 1 AND 63 AND name NOT LIKE '-%' AND name NOT LIKE '%-'
    AND NOT (name ~ '[^-abcdefghijklmnopqrstuvwxyz0123456789]'));

-- the copy of the node's name that placement reads
ALTER TABLE node_pods ADD CONSTRAINT ck_node_pods_node_name CHECK (
    CHAR_LENGTH(node_name) BETWEEN 1 AND 63 AND node_name NOT LIKE '-%' AND node_name NOT LIKE '%-'
    AND NOT (node_name ~ '[^-abcdefghijklmnopqrstuvwxyz0123456789]'));

ALTER TABLE pod ADD CONSTRAINT ck_pod_namespace CHECK (
    CHAR_LENGTH(namespace) BETWEEN 1 AND 63 AND namespace NOT LIKE '-%' AND namespace NOT LIKE '%-'
    AND NOT (namespace ~ '[^-abcdefghijklmnopqrstuvwxyz0123456789]'));

ALTER TABLE pod ADD CONSTRAINT ck_pod_name CHECK (
    CHAR_LENGTH(name) BETWEEN 1 AND 63 AND name NOT LIKE '-%' AND name NOT LIKE '%-'
    AND NOT (name ~ '[^-abcdefghijklmnopqrstuvwxyz0123456789]'));

-- The host end of the pod's veth, named by podnet ("veth" and 8 hex digits, pod/HostInterfaceNames)
-- and written into every pod's script: held to the same rule, within Linux's 15 characters.
ALTER TABLE pod ADD CONSTRAINT ck_pod_host_interface CHECK (
    CHAR_LENGTH(host_interface) BETWEEN 1 AND 15 AND host_interface NOT LIKE '-%' AND host_interface NOT LIKE '%-'
    AND NOT (host_interface ~ '[^-abcdefghijklmnopqrstuvwxyz0123456789]'));
