package dev.vetter.checks.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.checks.deps.OsvDatabase.Event;
import dev.vetter.checks.deps.OsvDatabase.Range;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvDatabaseTest {
  static final Path FIXTURES = Path.of("src/test/resources/osv");

  private static Range range(String... kindsAndVersions) {
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < kindsAndVersions.length; i += 2) events.add(new Event(kindsAndVersions[i], kindsAndVersions[i + 1]));
    return new Range("ECOSYSTEM", events);
  }

  @Test
  void evaluatesEventsAsTheSchemaDescribes() {
    // several intervals in one range, given out of order
    Range r = range("fixed", "2.3.1", "introduced", "2.13.0", "introduced", "2.0-beta9", "fixed", "2.15.0");
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, r, "2.0-beta8")).isFalse();
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, r, "2.0-beta9")).isTrue();
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, r, "2.3.0")).isTrue();
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, r, "2.3.1")).isFalse();
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, r, "2.12.0")).isFalse();
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, r, "2.14.1")).isTrue();
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, r, "2.15.0")).isFalse();

    Range last = range("introduced", "0", "last_affected", "2.9.10");
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, last, "1.0")).isTrue();
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, last, "2.9.10")).isTrue();
    assertThat(OsvDatabase.inRange(Ecosystem.MAVEN, last, "2.9.10.1")).isFalse();

    Range limited = range("introduced", "0.2.7", "fixed", "0.2.23", "limit", "0.3.0");
    assertThat(OsvDatabase.inRange(Ecosystem.CRATES_IO, limited, "0.2.22")).isTrue();
    assertThat(OsvDatabase.inRange(Ecosystem.CRATES_IO, limited, "0.3.5")).isFalse();

    Range open = range("introduced", "1.0.0");
    assertThat(OsvDatabase.inRange(Ecosystem.NPM, open, "9.9.9")).isTrue();
    assertThat(OsvDatabase.inRange(Ecosystem.NPM, open, "0.9.9")).isFalse();
  }

  @Test
  void loadsOnlyTheRequestedPackagesAndSkipsWhatIsNotOsv() throws Exception {
    OsvDatabase db = OsvDatabase.load(FIXTURES, Set.of(
        new OsvDatabase.Package(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core"),
        new OsvDatabase.Package(Ecosystem.PYPI, "pyyaml"),
        new OsvDatabase.Package(Ecosystem.NPM, "lodash")));
    var log4j = db.affecting(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1");
    assertThat(log4j).extracting(m -> m.advisory().id()).containsExactly("VETTER-TEST-MAVEN-1"); // the withdrawn record is ignored
    assertThat(log4j.get(0).fixed()).isEqualTo("2.15.0");
    assertThat(db.affecting(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.2")).extracting(OsvDatabase.Match::fixed).containsExactly("2.3.1");
    // PyPI names are normalised: the record says PyYAML
    assertThat(db.affecting(Ecosystem.PYPI, "PyYaml", "5.3.1")).hasSize(1);
    assertThat(db.affecting(Ecosystem.PYPI, "pyyaml", "5.4")).isEmpty();
    assertThat(db.affecting(Ecosystem.NPM, "lodash", "4.17.21")).isEmpty();
    // not asked for, so not loaded
    assertThat(db.affecting(Ecosystem.PYPI, "requests", "2.30.0")).isEmpty();
  }

  @Test
  void explicitVersionsListsAndEcosystemsVetterDoesNotRead() throws Exception {
    OsvDatabase db = OsvDatabase.load(FIXTURES, Set.of(new OsvDatabase.Package(Ecosystem.NPM, "@babel/traverse"),
        new OsvDatabase.Package(Ecosystem.PYPI, "requests")));
    assertThat(db.affecting(Ecosystem.NPM, "@babel/traverse", "7.22.1")).hasSize(1);
    assertThat(db.affecting(Ecosystem.NPM, "@babel/traverse", "7.22.2")).isEmpty(); // its GIT range is not evaluated
    assertThat(db.affecting(Ecosystem.PYPI, "requests", "2.0.0")).isEmpty(); // only the Debian entry covers it
  }

  @Test
  void anEmptyDirectoryHasNoAdvisories(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"id\": 12, \"affected\": \"lodash\"}");
    OsvDatabase db = OsvDatabase.load(dir, Set.of(new OsvDatabase.Package(Ecosystem.NPM, "lodash")));
    assertThat(db.affecting(Ecosystem.NPM, "lodash", "1.0.0")).isEmpty();
  }
}
