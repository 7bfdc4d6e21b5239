/**
 * Backups of podnet's own data. On the embedded H2 database the service copies the database while
 * it keeps serving writes ({@code GET /api/v1/backup}); PostgreSQL is backed up with its own tools
 * (pg_dump), and the endpoint says so.
 */
package io.podnet.database.backup;
