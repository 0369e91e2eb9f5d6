package dev.vetter.server.telemetry;

import dev.vetter.server.testing.StoreFixture;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks to the report on the embedded store, read beside the running server. */
class EmbeddedTelemetryTest extends TelemetryContract {
  @TempDir java.nio.file.Path dir;

  @Override
  StoreFixture newFixture() {
    return StoreFixture.embedded(dir);
  }
}
