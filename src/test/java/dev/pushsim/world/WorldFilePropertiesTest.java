package dev.pushsim.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.clock.SimClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The bundled {@code world.yaml}, broken at random (lines dropped, doubled, swapped, re-indented,
 * characters changed, fragments inserted, cut short): it loads, or the error names the file, where
 * in it (line and column, or the entry) and what is wrong, in one line of plain words.
 */
class WorldFilePropertiesTest {

  private static final String SOURCE = "world.yaml";
  /** "world.yaml:12:7 (devices[0].apps[1]): ..." or "world.yaml (teams[0].keys[0]): ...". */
  private static final String LOCATED = "^world\\.yaml(:\\d+:\\d+)?( \\(.+?\\))?: \\S.*";

  private static List<String> bundled;
  private static DevelopmentCa ca;
  private static Path dir;

  @BeforeContainer
  static void readTheBundledWorld() throws Exception {
    bundled = Files.readAllLines(Path.of("simulator", "world.yaml"));
    ca = DevelopmentCa.create(SimClock.virtual());
    dir = Files.createTempDirectory("world-properties");
  }

  @AfterContainer
  static void removeTheKeys() throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Property(tries = 250)
  void aBrokenWorldFile_loadsOrSaysWhereAndWhatIsWrong(@ForAll("brokenWorlds") String yaml) {
    String problem = null;
    try (Simulator sim = Simulator.builder().ca(ca).threads(1).build()) {
      WorldFile world = WorldFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), SOURCE);
      WorldLoader.load(world, SOURCE, sim, dir, dir);
    } catch (YamlFiles.InvalidFileException invalid) {
      problem = invalid.getMessage();
    }
    if (problem != null) {
      assertThat(problem).as("the message for\n%s", yaml)
          .matches(LOCATED)
          .doesNotContain("\n")
          .doesNotContainPattern("(java|dev\\.pushsim|com\\.fasterxml)\\.[a-z]+\\.")
          .doesNotContain("Exception");
    }
  }

  @Provide
  Arbitrary<String> brokenWorlds() {
    return mutation().list().ofMinSize(1).ofMaxSize(3).map(mutations -> {
      List<String> lines = new ArrayList<>(bundled);
      for (Mutation mutation : mutations) {
        mutation.applyTo(lines);
      }
      return String.join("\n", lines) + "\n";
    });
  }

  /** One way to break a YAML file. */
  record Mutation(String kind, int at, int other, String text) {
    void applyTo(List<String> lines) {
      if (lines.isEmpty()) {
        lines.add(text);
        return;
      }
      int i = at % lines.size();
      int j = other % lines.size();
      switch (kind) {
        case "delete" -> lines.remove(i);
        case "duplicate" -> lines.add(i, lines.get(i));
        case "swap" -> {
          String line = lines.get(i);
          lines.set(i, lines.get(j));
          lines.set(j, line);
        }
        case "indent" -> lines.set(i, "  " + lines.get(i));
        case "dedent" -> lines.set(i, lines.get(i).replaceFirst("^  ", ""));
        case "character" -> {
          String line = lines.get(i);
          int position = line.isEmpty() ? 0 : other % line.length();
          lines.set(i, line.substring(0, position) + text + line.substring(Math.min(line.length(), position + 1)));
        }
        case "insert" -> lines.add(i, text);
        default -> lines.subList(i, lines.size()).clear();
      }
    }
  }

  private Arbitrary<Mutation> mutation() {
    Arbitrary<String> kind = Arbitraries.of("delete", "duplicate", "swap", "indent", "dedent", "character", "character", "insert", "insert", "truncate");
    Arbitrary<String> characters = Arbitraries.strings().withChars(":-[]{}#'\"\t |>&*!%@`,?~0123456789abcXYZ\u00e9").ofMinLength(1).ofMaxLength(2);
    Arbitrary<String> fragments = Arbitraries.of(
        "    offline: yes", "    offline: maybe", "  - name: Bob's iPhone", "  - name: \"\"", "  - {}", "      - { bundleId: com.example.voip }",
        "        behaviour: dance", "        behaviour: report after forever", "        behaviour: block -1s", "        behaviour: webhook not a url",
        "        signedFor: staging", "        capabilities: [push, fax]", "        capabilities: push",
        "apns: { sandboxPort: 99999 }", "apns: { sandboxPort: many }", "apns: 7", "teams: 7", "devices: ~", "devices: [1, 2]",
        "  - teamId: PUSHSIMDEV", "  - teamId: team-1", "    keys: [{ keyId: ABC123DEFG, p8: missing.p8 }]", "    keys: [{ p8: AuthKey.p8 }]",
        "    keys: [{ keyId: short }]", "    keys: [{ environment: staging }]", "    apps: [com.example.voip, com.example.voip]", "    apps: [\"\"]",
        "&anchor", "*alias", "!!binary", "---", "...", "? complex", "%YAML 1.2", "\t", "colour: red", "    ios: 17.5.1.2", "    ios: [17]");
    Arbitrary<String> text = Arbitraries.oneOf(characters, fragments);
    return Combinators.combine(kind, Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1000), text).as(Mutation::new);
  }

  @Property(tries = 1)
  void theBundledWorldItselfLoads() {
    try (Simulator sim = Simulator.builder().ca(ca).threads(1).build()) {
      WorldFile world = WorldFile.read(new ByteArrayInputStream(String.join("\n", bundled).getBytes(StandardCharsets.UTF_8)), SOURCE);
      assertThat(WorldLoader.load(world, SOURCE, sim, dir, dir).installed()).isNotEmpty();
    }
  }
}
