package dev.vetter.server.store;

import dev.vetter.server.testing.StoreFixture;

/**
 * The queue contract on PostgreSQL at 127.0.0.1:5432 (database test, user postgres), each test in a fresh schema.
 * A database restart is simulated by terminating the store's server-side sessions ({@code pg_terminate_backend})
 * while new connections are refused, which is what clients see when the server restarts.
 */
class PostgresQueueTest extends QueueContract {
  @Override
  StoreFixture newFixture() {
    return StoreFixture.postgres();
  }
}
