package dev.vetter.server.chatops;

import dev.vetter.server.testing.StoreFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** ChatOps command jobs and audit log on the embedded store. */
class EmbeddedChatOpsTest extends ChatOpsContract {
  @TempDir Path dir;

  @Override
  StoreFixture newFixture() {
    return StoreFixture.embedded(dir);
  }
}
