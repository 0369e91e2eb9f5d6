-- Times are epoch milliseconds (the application's clock), so both stores compare them the same way.
CREATE TABLE deliveries (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  forge       TEXT    NOT NULL,
  delivery_id TEXT    NOT NULL,
  event       TEXT    NOT NULL,
  action      TEXT,
  repository  TEXT,
  number      INTEGER,
  head_sha    TEXT,
  received_at INTEGER NOT NULL,
  status      TEXT    NOT NULL,  -- accepted | dead
  reason      TEXT,
  body        BLOB    NOT NULL,  -- the raw bytes as received, never re-encoded
  UNIQUE (forge, delivery_id)
);

CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  forge        TEXT    NOT NULL,
  installation TEXT    NOT NULL,
  repository   TEXT    NOT NULL,
  number       INTEGER NOT NULL,
  head_sha     TEXT    NOT NULL,
  state        TEXT    NOT NULL,  -- queued | running | done | skipped | dead | superseded
  trigger_name TEXT    NOT NULL,
  events       INTEGER NOT NULL DEFAULT 1,
  rerun        INTEGER NOT NULL DEFAULT 0,
  attempts     INTEGER NOT NULL DEFAULT 0,
  run_after    INTEGER NOT NULL,
  lease_owner  TEXT,
  lease_until  INTEGER,
  result       TEXT,
  last_error   TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (forge, repository, number, head_sha)
);
-- (forge, repository, number) lookups use the unique index
CREATE INDEX jobs_due ON jobs (state, run_after);
CREATE INDEX jobs_lease ON jobs (state, lease_until);
-- the per-repository and per-installation caps count running jobs
CREATE INDEX jobs_repository_state ON jobs (state, forge, repository);
CREATE INDEX jobs_installation_state ON jobs (state, forge, installation);
