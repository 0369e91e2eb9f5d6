package dev.vetter.server.chatops;

import dev.vetter.server.testing.StoreFixture;

/** ChatOps command jobs and audit log on PostgreSQL (a fresh schema per test; skipped when PostgreSQL does not answer). */
class PostgresChatOpsTest extends ChatOpsContract {
  @Override
  StoreFixture newFixture() {
    return StoreFixture.postgres();
  }
}
