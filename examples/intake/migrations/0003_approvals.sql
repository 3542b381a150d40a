-- The steps of data approval (数据审核记录), one row per step: the key
-- (data set, division, month), the step's place in the key's history
-- from 0, and the step itself — its instant in Unix milliseconds, its
-- action, the actor's division, role and token identity (never a citizen
-- ID number), the reason and the digest of the data it saw. Rows are
-- only added: the state of a key is its history replayed
-- (approval.Policy.Replay), and the primary key lets no two steps take
-- the same place.
CREATE TABLE approvals (
	data_set       TEXT   NOT NULL,
	division       TEXT   NOT NULL,
	period         TEXT   NOT NULL,
	seq            BIGINT NOT NULL,
	at_ms          BIGINT NOT NULL,
	action         TEXT   NOT NULL,
	actor_division TEXT   NOT NULL,
	actor_role     TEXT   NOT NULL,
	actor_id       TEXT   NOT NULL,
	reason         TEXT   NOT NULL,
	digest         TEXT   NOT NULL,
	PRIMARY KEY (data_set, division, period, seq)
);

CREATE INDEX approvals_period ON approvals (data_set, period, division);
