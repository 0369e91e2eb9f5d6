package dev.vetter.server.http;

import dev.vetter.server.testing.StoreFixture;

/** The receiver end to end on PostgreSQL (a fresh schema per test; skipped when PostgreSQL does not answer). */
class PostgresWebhookServerTest extends WebhookServerContract {
  @Override
  StoreFixture newFixture() {
    return StoreFixture.postgres();
  }
}
