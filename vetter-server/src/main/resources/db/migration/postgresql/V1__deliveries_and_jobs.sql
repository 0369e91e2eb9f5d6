-- Times are epoch milliseconds (the application's clock), so both stores compare them the same way.
CREATE TABLE deliveries (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  forge       TEXT    NOT NULL,
  delivery_id TEXT    NOT NULL,
  event       TEXT    NOT NULL,
  action      TEXT,
  repository  TEXT,
  number      BIGINT ,
  head_sha    TEXT,
  received_at BIGINT  NOT NULL,
  status      TEXT    NOT NULL,  -- accepted | dead
  reason      TEXT,
  body        BYTEA   NOT NULL,  -- the raw bytes as received, never re-encoded
  UNIQUE (forge, delivery_id)
);

CREATE TABLE jobs (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  forge        TEXT    NOT NULL,
  installation TEXT    NOT NULL,
  repository   TEXT    NOT NULL,
  number       BIGINT  NOT NULL,
  head_sha     TEXT    NOT NULL,
  state        TEXT    NOT NULL,  -- queued | running | done | skipped | dead | superseded
  trigger_name TEXT    NOT NULL,
  events       INTEGER NOT NULL DEFAULT 1,
  rerun        INTEGER NOT NULL DEFAULT 0,
  attempts     INTEGER NOT NULL DEFAULT 0,
  run_after    BIGINT  NOT NULL,
  lease_owner  TEXT,
  lease_until  BIGINT ,
  result       TEXT,
  last_error   TEXT,
  created_at   BIGINT  NOT NULL,
  updated_at   BIGINT  NOT NULL,
  UNIQUE (forge, repository, number, head_sha)
);
-- (forge, repository, number) lookups use the unique index
CREATE INDEX jobs_due ON jobs (state, run_after);
CREATE INDEX jobs_lease ON jobs (state, lease_until);
-- the per-repository and per-installation caps count running jobs
CREATE INDEX jobs_repository_state ON jobs (state, forge, repository);
CREATE INDEX jobs_installation_state ON jobs (state, forge, installation);
