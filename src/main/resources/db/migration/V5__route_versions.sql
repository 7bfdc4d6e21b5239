-- Every resource carries a version for ETag / If-Match, gateway routes too.
ALTER TABLE gateway_route ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
