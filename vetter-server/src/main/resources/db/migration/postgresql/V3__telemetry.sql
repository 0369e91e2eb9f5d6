-- Outcome telemetry (docs/metrics.md). Times are epoch milliseconds, as in V1.

-- The pull request timeline, one row per event a webhook reported: GitHub pull_request and pull_request_review,
-- GitLab merge request and note hooks. A redelivery adds nothing (unique delivery id and kind).
CREATE TABLE pr_events (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  forge       TEXT    NOT NULL,
  repository  TEXT    NOT NULL,
  number      BIGINT  NOT NULL,
  kind        TEXT    NOT NULL,  -- opened | opened_draft | ready | draft | synchronize | reopened | closed | merged | commented | approved | changes_requested
  at          BIGINT  NOT NULL,  -- when the forge says it happened; the time of receipt when the payload does not say
  received_at BIGINT  NOT NULL,
  actor       TEXT,              -- who did it (login or username)
  actor_bot   INTEGER NOT NULL DEFAULT 0,  -- 1: a bot by the forge's word (GitHub type Bot, a [bot] login, a GitLab bot user)
  by_author   INTEGER NOT NULL DEFAULT 0,  -- 1: the pull request's own author did it
  head_sha    TEXT,
  delivery_id TEXT    NOT NULL,
  UNIQUE (forge, delivery_id, kind)
);
CREATE INDEX pr_events_pull_request ON pr_events (forge, repository, number);
CREATE INDEX pr_events_at ON pr_events (at);

-- A head Vetter reviewed and posted (a job that ended done with a review), and who Vetter was on the forge then.
CREATE TABLE reviews (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  forge       TEXT    NOT NULL,
  repository  TEXT    NOT NULL,
  number      BIGINT  NOT NULL,
  head_sha    TEXT    NOT NULL,
  job_id      BIGINT  NOT NULL,
  queued_at   BIGINT  NOT NULL,  -- when the event that asked for it was received
  reviewed_at BIGINT  NOT NULL,  -- when its result was first recorded
  bot_login   TEXT,
  UNIQUE (forge, repository, number, head_sha)
);
CREATE INDEX reviews_reviewed_at ON reviews (reviewed_at);

-- What that review found: posted findings (modes comment and block) and shadow findings (never posted).
CREATE TABLE review_findings (
  review_id   BIGINT  NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  fingerprint TEXT    NOT NULL,
  rule        TEXT    NOT NULL,
  category    TEXT,
  severity    TEXT,
  mode        TEXT    NOT NULL,  -- shadow | comment | block
  path        TEXT,
  line        INTEGER,
  PRIMARY KEY (review_id, fingerprint)
);

-- When the event that (re)queued a job was received: where the delivery-to-feedback time starts.
ALTER TABLE jobs ADD COLUMN queued_at BIGINT;
