-- The records the platform accepted (已受理记录), one row per record and
-- submitter: a resubmission replaces the row, never adds one. The body is
-- the record's canonical JSON with every citizen ID masked; the pseudonym
-- is the keyed hash of the one citizen ID a record may name, or ''.
CREATE TABLE records (
	kind      TEXT   NOT NULL,
	id        TEXT   NOT NULL,
	submitter TEXT   NOT NULL,
	division  TEXT   NOT NULL,
	period    TEXT   NOT NULL,
	hash      TEXT   NOT NULL,
	pseudonym TEXT   NOT NULL,
	body      TEXT   NOT NULL,
	received  BIGINT NOT NULL,
	updated   BIGINT NOT NULL,
	revision  BIGINT NOT NULL,
	PRIMARY KEY (kind, id, submitter)
);

CREATE INDEX records_division ON records (division);

-- One row: the generation, raised by every transaction that changes a
-- record, by which a server knows that what it computed is stale.
CREATE TABLE state (
	id         BIGINT NOT NULL PRIMARY KEY,
	generation BIGINT NOT NULL
);

INSERT INTO state (id, generation) VALUES (1, 0);
