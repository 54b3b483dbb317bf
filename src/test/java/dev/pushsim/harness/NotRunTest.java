package dev.pushsim.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Location;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * NotRun lists only the scenarios skipped as not applicable, with their reason and place, and counts them by cause;
 * passed, failed and otherwise skipped scenarios stay out of the list, and a run with none prints nothing.
 * Causes are counted in the order NotRun.Cause declares them.
 */
class NotRunTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Bus bus = new Bus();

  NotRunTest() {
    new NotRun(new PrintStream(bytes, true, StandardCharsets.UTF_8)).setEventPublisher(bus);
  }

  @Test
  void listsEachScenarioNotApplicable_withItsReasonAndPlace_andCountsThemByCause() {
    finish("retries after 503", 12, Status.SKIPPED,
        new NotRun.NotApplicable(NotRun.Cause.PROVIDER_CLOCK, "it moves PushSim's clock"));
    finish("token renewal", 30, Status.SKIPPED,
        new NotRun.NotApplicable(NotRun.Cause.PROVIDER_CLOCK, "it waits 20 minutes"));
    finish("Sinch alert", 7, Status.SKIPPED,
        new NotRun.NotApplicable(NotRun.Cause.MISSING_CAPABILITY, "it needs the sinch capability"));
    finish("a passing one", 40, Status.PASSED, null);
    finish("a failing one", 50, Status.FAILED, new AssertionError("expected 200"));
    finish("skipped for another reason", 60, Status.SKIPPED, new TestAbortedException("assumption"));
    bus.runFinished();

    assertThat(printed()).contains("3 scenario(s) not run against ")
        .contains(": 1 because it does not declare a capability, 2 because it runs on its own clock\n")
        .contains("  retries after 503 (file:/features/provider/x.feature:12)\n    it moves PushSim's clock")
        .contains("  token renewal (file:/features/provider/x.feature:30)\n    it waits 20 minutes")
        .contains("  Sinch alert (file:/features/provider/x.feature:7)\n    it needs the sinch capability")
        .doesNotContain("a passing one").doesNotContain("a failing one").doesNotContain("another reason");
  }

  @Test
  void aRunWhereEveryScenarioApplies_printsNothing() {
    finish("a passing one", 40, Status.PASSED, null);
    finish("skipped for another reason", 60, Status.SKIPPED, new TestAbortedException("assumption"));
    bus.runFinished();

    assertThat(printed()).isEmpty();
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void finish(String name, int line, Status status, Throwable error) {
    bus.caseFinished(new TestCaseFinished(Instant.EPOCH, new Case(name, line),
        new Result(status, Duration.ZERO, error)));
  }

  /** Hands each event to the handlers NotRun registered, as Cucumber's event bus does. */
  private static final class Bus implements EventPublisher {
    private final List<EventHandler<TestCaseFinished>> finishedCases = new ArrayList<>();
    private final List<EventHandler<TestRunFinished>> finishedRuns = new ArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> void registerHandlerFor(Class<T> type, EventHandler<T> handler) {
      if (type == TestCaseFinished.class) {
        finishedCases.add((EventHandler<TestCaseFinished>) handler);
      } else if (type == TestRunFinished.class) {
        finishedRuns.add((EventHandler<TestRunFinished>) handler);
      }
    }

    @Override
    public <T> void removeHandlerFor(Class<T> type, EventHandler<T> handler) {
      finishedCases.remove(handler);
      finishedRuns.remove(handler);
    }

    void caseFinished(TestCaseFinished event) {
      finishedCases.forEach(handler -> handler.receive(event));
    }

    void runFinished() {
      TestRunFinished event = new TestRunFinished(Instant.EPOCH);
      finishedRuns.forEach(handler -> handler.receive(event));
    }
  }

  /** A scenario of a feature file, as Cucumber describes it to plugins. */
  private record Case(String getName, Integer getLine) implements TestCase {
    @Override
    public Location getLocation() {
      return new Location(getLine, 5);
    }

    @Override
    public String getKeyword() {
      return "Scenario";
    }

    @Override
    public String getScenarioDesignation() {
      return getUri() + ":" + getLine + " # " + getName;
    }

    @Override
    public List<String> getTags() {
      return List.of();
    }

    @Override
    public List<TestStep> getTestSteps() {
      return List.of();
    }

    @Override
    public URI getUri() {
      return URI.create("file:/features/provider/x.feature");
    }

    @Override
    public UUID getId() {
      return UUID.nameUUIDFromBytes(getName.getBytes(StandardCharsets.UTF_8));
    }
  }
}
