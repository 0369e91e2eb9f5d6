package dev.vetter.server.http;

import dev.vetter.server.testing.StoreFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The receiver end to end on the embedded store. */
class EmbeddedWebhookServerTest extends WebhookServerContract {
  @TempDir Path dir;

  @Override
  StoreFixture newFixture() {
    return StoreFixture.embedded(dir);
  }
}
