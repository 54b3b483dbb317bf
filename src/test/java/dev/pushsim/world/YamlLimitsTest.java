package dev.pushsim.world;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A world file with one huge value, or a huge or endless document, fails fast in one line, not by filling the heap. */
class YamlLimitsTest {

  private static InputStream yaml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aValueOverTheLimit_isRefusedWithWhereAndWhy() {
    String name = "x".repeat(YamlFiles.VALUE_LIMIT + 1);
    assertThatThrownBy(() -> WorldFile.read(yaml("devices:\n  - name: " + name + "\n"), "world.yaml"))
        .isInstanceOf(YamlFiles.InvalidFileException.class)
        .hasMessageStartingWith("world.yaml:")
        .hasMessageEndingWith(": a value is longer than 65536 characters (names, paths and ids are short)");
  }

  @Test
  void aDocumentOverTheLimit_isRefusedBeforeItIsParsed() {
    String comment = "# " + "x".repeat(YamlFiles.DOCUMENT_LIMIT) + "\n";
    assertThatThrownBy(() -> WorldFile.read(yaml(comment + "devices: []\n"), "world.yaml"))
        .isInstanceOf(YamlFiles.InvalidFileException.class)
        .hasMessage("world.yaml: is over 4194304 bytes, too large for a world or provider file (they are a few KB)");
  }

  @Test
  void anEndlessStream_isReadOnlyUpToTheLimit() {
    InputStream zeros = new InputStream() {
      @Override public int read() {
        return ' ';
      }
    };
    assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        assertThatThrownBy(() -> WorldFile.read(zeros, "world.yaml")).hasMessageContaining("is over 4194304 bytes"));
  }
}
