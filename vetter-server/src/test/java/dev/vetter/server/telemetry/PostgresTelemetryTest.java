package dev.vetter.server.telemetry;

import dev.vetter.server.testing.StoreFixture;

/** Webhooks to the report on PostgreSQL (a fresh schema per test; skipped when PostgreSQL does not answer). */
class PostgresTelemetryTest extends TelemetryContract {
  @Override
  StoreFixture newFixture() {
    return StoreFixture.postgres();
  }
}
