package dev.pushsim.harness;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/**
 * A Cucumber plugin that lists, after the run, every scenario not run against the provider under
 * test with its reason, and counts them by cause; Cucumber's own summary only says "skipped".
 * {@code pushsim test} adds it.
 */
public final class NotRun implements ConcurrentEventListener {

  /** Why a scenario does not apply to the provider under test. */
  enum Cause {
    MISSING_OPERATION("its provider file lacks an operation"),
    MISSING_CAPABILITY("it does not declare a capability"),
    PROVIDER_CLOCK("it runs on its own clock");

    private final String phrase;

    Cause(String phrase) {
      this.phrase = phrase;
    }
  }

  /** The abort that skips a scenario the provider cannot take part in, carrying the cause for the count. */
  static final class NotApplicable extends TestAbortedException {
    private static final long serialVersionUID = 1L;
    private final transient Cause cause;

    NotApplicable(Cause cause, String reason) {
      super(reason);
      this.cause = cause;
    }

    Cause kind() {
      return cause;
    }
  }

  private final List<String> lines = new ArrayList<>();
  private final Map<Cause, Integer> counts = new EnumMap<>(Cause.class);
  private final PrintStream out;

  public NotRun() {
    this(System.out);
  }

  NotRun(PrintStream out) {
    this.out = out;
  }

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestCaseFinished.class, this::remember);
    publisher.registerHandlerFor(TestRunFinished.class, event -> report());
  }

  private synchronized void remember(TestCaseFinished event) {
    if (event.getResult().getStatus() == Status.SKIPPED && event.getResult().getError() instanceof NotApplicable why) {
      counts.merge(why.kind(), 1, Integer::sum);
      lines.add("  " + event.getTestCase().getName() + " (" + event.getTestCase().getUri() + ":"
          + event.getTestCase().getLocation().getLine() + ")\n    " + why.getMessage());
    }
  }

  private synchronized void report() {
    if (lines.isEmpty()) {
      return;
    }
    out.println();
    out.println(lines.size() + " scenario(s) not run against " + ProviderSelection.describeName() + ": "
        + counts.entrySet().stream().map(entry -> entry.getValue() + " because " + entry.getKey().phrase)
            .collect(Collectors.joining(", ")));
    lines.forEach(out::println);
  }
}
