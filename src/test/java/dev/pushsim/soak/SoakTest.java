package dev.pushsim.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The short soak profile, part of {@code mvn verify}: about half a minute of everything at once
 * (valid and broken requests on many connections, faults, phones churning), then every request
 * accounted for in the client's view and the journal's, and nothing leaked. The long profile is
 * {@code src/bench/run-soak.sh}.
 */
class SoakTest {

  @Test
  void everythingAtOnce_losesNothing_andLeaksNothing() throws Exception {
    SoakReport report = new Soak(SoakPlan.ci()).run();
    System.out.println(report);

    assertThat(report.brokenInvariants()).as(report.toString()).isEmpty();
    assertThat(report.sent()).as("requests sent").isGreaterThan(1_000);
    assertThat(report.byStatus()).as("answers").containsKeys(200, 400, 403, 404, 405, 410, 413, 431, 500, 503);
    assertThat(report.resets()).as("malformed requests reset").isPositive();
    assertThat(report.faults().keySet()).as("faults").anyMatch(kind -> kind.contains("dropped by an injected fault"))
        .anyMatch(kind -> kind.startsWith("connections closed: GOAWAY"));
    assertThat(report.churn()).as("device churn").containsKeys("reinstall", "offline", "kill", "restart");
  }
}
