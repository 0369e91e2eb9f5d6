-- What orders the heads of one pull request, from the events (never their arrival): the newest forge time (the pull
-- request's updated_at, epoch milliseconds) an event gave for this head, and the head a push said it replaced.
ALTER TABLE jobs ADD COLUMN event_at BIGINT;
ALTER TABLE jobs ADD COLUMN previous_sha TEXT;
