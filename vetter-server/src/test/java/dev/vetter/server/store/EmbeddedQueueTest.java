package dev.vetter.server.store;

import dev.vetter.server.testing.StoreFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The queue contract on the embedded store (SQLite file under the data directory). */
class EmbeddedQueueTest extends QueueContract {
  @TempDir Path dir;

  @Override
  StoreFixture newFixture() {
    return StoreFixture.embedded(dir);
  }
}
