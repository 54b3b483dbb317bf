package dev.pushsim.harness;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.SnippetsSuggestedEvent;
import io.cucumber.plugin.event.TestRunFinished;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Cucumber plugin that answers an undefined step close to one of PushSim's steps with "did you
 * mean …" instead of leaving only a Java snippet that a feature author cannot plug in. {@code pushsim
 * test} adds it; a JUnit Platform suite adds it with {@code cucumber.plugin=dev.pushsim.harness.DidYouMean}.
 */
public final class DidYouMean implements ConcurrentEventListener {

  /** How alike (1 = equal) an undefined step and a PushSim step must be to be suggested. */
  static final double MIN_SIMILARITY = 0.75;

  private final Map<String, List<String>> undefined = new TreeMap<>();
  private final PrintStream out;

  public DidYouMean() {
    this(System.out);
  }

  DidYouMean(PrintStream out) {
    this.out = out;
  }

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(SnippetsSuggestedEvent.class, this::remember);
    publisher.registerHandlerFor(TestRunFinished.class, event -> report());
  }

  private synchronized void remember(SnippetsSuggestedEvent event) {
    String step = event.getSuggestion().getStep();
    undefined.computeIfAbsent(step, key -> new ArrayList<>()).add(event.getUri() + ":" + event.getStepLocation().getLine());
  }

  private synchronized void report() {
    undefined.forEach((step, where) -> {
      List<String> near = suggestionsFor(step);
      if (!near.isEmpty()) {
        out.println();
        out.println("Undefined step \"" + step + "\" (" + String.join(", ", where) + ")");
        near.forEach(suggestion -> out.println("  did you mean: " + suggestion));
      }
    });
  }

  /** PushSim's steps most like {@code stepText} (without its keyword), best first; at most three. */
  public static List<String> suggestionsFor(String stepText) {
    String wanted = shape(stepText, false);
    return StepReference.steps().stream()
        .map(step -> new Candidate(step, similarity(wanted, shape(step.substring(step.indexOf(' ') + 1), true))))
        .filter(candidate -> candidate.similarity() >= MIN_SIMILARITY)
        .sorted(Comparator.comparingDouble(Candidate::similarity).reversed())
        .limit(3)
        .map(Candidate::step)
        .toList();
  }

  /** Text with its arguments (quoted strings, numbers; in an expression its {@code {parameters}}) as "{}". */
  static String shape(String text, boolean expression) {
    String shaped = expression
        ? text.replaceAll("\\{[^}]*}", "{}").replaceAll("[()]", "")
        : text.replaceAll("\"[^\"]*\"", "{}").replaceAll("\\b\\d+\\b", "{}");
    return shaped.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
  }

  /** 1 minus the edit distance over the longer length. */
  static double similarity(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    int longer = Math.max(a.length(), b.length());
    return longer == 0 ? 1 : 1 - (double) previous[b.length()] / longer;
  }

  private record Candidate(String step, double similarity) {}
}
