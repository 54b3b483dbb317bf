package dev.pushsim.harness;

/** Builds a failing step's message: what was expected, what happened, and the push's timeline. */
final class StepFailure {

  private StepFailure() {}

  static AssertionError of(String expected, String actual, String timeline) {
    return new AssertionError("Expected " + expected + "\n but " + actual + "\n\nTimeline of the last push (journal):\n" + timeline);
  }
}
