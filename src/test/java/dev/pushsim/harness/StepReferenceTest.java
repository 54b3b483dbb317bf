package dev.pushsim.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed step reference is the one the step definitions generate. */
class StepReferenceTest {

  @Test
  void featuresStepsMd_isUpToDate() throws IOException {
    String committed = Files.readString(Path.of("features", "STEPS.md"));
    assertThat(committed)
        .as("features/STEPS.md is stale: regenerate it with ./pushsim steps --write features/STEPS.md")
        .isEqualTo(StepReference.markdown());
  }

  @Test
  void everyStepClassIsInTheReference() {
    assertThat(StepReference.markdown())
        .contains("a team {string} with a signing key")
        .contains("APNs answers {answer}")
        .contains("{duration} pass(es)");
  }
}
