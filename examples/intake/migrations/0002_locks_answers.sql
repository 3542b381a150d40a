-- Periods that an administrator unlocked for a division (解锁), until a
-- given instant.
CREATE TABLE unlocks (
	division TEXT   NOT NULL,
	period   TEXT   NOT NULL,
	until_ms BIGINT NOT NULL,
	token    TEXT   NOT NULL,
	created  BIGINT NOT NULL,
	PRIMARY KEY (division, period)
);

-- The first answer to each Idempotency-Key, by token (its SHA-256, never
-- the token itself), replayed to a repeated request.
CREATE TABLE answers (
	token    TEXT   NOT NULL,
	idem_key TEXT   NOT NULL,
	request  TEXT   NOT NULL,
	status   BIGINT NOT NULL,
	body     TEXT   NOT NULL,
	created  BIGINT NOT NULL,
	PRIMARY KEY (token, idem_key)
);

CREATE INDEX answers_created ON answers (created);

-- Settings the server keeps between starts, such as the pseudonym key
-- that -demo generated.
CREATE TABLE settings (
	name  TEXT NOT NULL PRIMARY KEY,
	value TEXT NOT NULL
);
