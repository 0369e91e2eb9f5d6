-- ChatOps (docs/chatops.md). Times are epoch milliseconds, as in V1.

-- A /vetter command received in a comment: a durable job of its own, one per comment (a redelivery, or the same
-- comment reported by two hooks, adds nothing).
CREATE TABLE chat_commands (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  forge        TEXT    NOT NULL,
  comment_id   TEXT    NOT NULL,
  installation TEXT    NOT NULL,
  repository   TEXT    NOT NULL,
  number       BIGINT  NOT NULL,
  actor        TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  reply_to     TEXT,              -- the comment (GitHub) or discussion (GitLab) the command answers, when it answers one
  head_sha     TEXT,              -- the head the payload named, when it did (the live head is read when it runs)
  state        TEXT    NOT NULL,  -- queued | running | done | dead
  attempts     BIGINT  NOT NULL DEFAULT 0,
  run_after    BIGINT  NOT NULL,
  lease_owner  TEXT,
  lease_until  BIGINT,
  result       TEXT,
  received_at  BIGINT  NOT NULL,
  UNIQUE (forge, comment_id)
);
CREATE INDEX chat_commands_due ON chat_commands (state, run_after);

-- Append-only: rows are inserted, never updated or deleted. An undo is a row of its own naming the row it withdraws.
CREATE TABLE audit_log (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  forge       TEXT    NOT NULL,
  repository  TEXT    NOT NULL,
  number      BIGINT  NOT NULL,
  at          BIGINT  NOT NULL,
  actor       TEXT    NOT NULL,
  role        TEXT,              -- the role the forge reported: none | read | triage | write | maintain | admin
  command     TEXT    NOT NULL,  -- override | waive | fp | recheck | undo | invalid | help
  target      TEXT,              -- a rule or fingerprint (waive, fp), the undone row (undo)
  head_sha    TEXT,              -- the head it was given on: overrides and waivers apply to it only
  reason      TEXT,
  result      TEXT    NOT NULL,  -- accepted | denied | invalid
  detail      TEXT,
  expires_at  BIGINT,           -- waivers: when it stops applying
  undoes      BIGINT  NOT NULL DEFAULT 0,
  comment_id  TEXT    NOT NULL,
  UNIQUE (forge, comment_id)
);
CREATE INDEX audit_log_pull_request ON audit_log (forge, repository, number);
CREATE INDEX audit_log_at ON audit_log (at);
