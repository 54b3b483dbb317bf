package dev.pushsim.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.clock.SimClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The scenario report's and the dashboard's sequence diagram, drawn from journal events. */
class SequenceDiagramTest {

  @Test
  void drawsEachStepOfAPushOnItsLane_andMarksFailures() {
    Journal journal = new Journal(SimClock.virtual(Instant.parse("2026-01-01T09:00:00Z")));
    journal.record(EventDraft.of("apns.request").apnsId("A").with("pushType", "voip").with("status", 200));
    journal.record(EventDraft.of("device.delivered").apnsId("A"));
    journal.record(EventDraft.of("callkit.reported").apnsId("A").with("result", "filteredByDoNotDisturb"));
    journal.record(EventDraft.of("app.terminated").apnsId("A").with("reason", "<boom> & more").with("exception", null));
    journal.record(EventDraft.of("apns.connection.opened"));

    String svg = SequenceDiagram.svg(journal.events());

    assertThat(svg).startsWith("<svg").contains("Provider", "APNs", "Device", "App", "CallKit")
        .contains("voip → 200", "delivered", "report call → filteredByDoNotDisturb")
        .contains("terminated: &lt;boom&gt; &amp; more")
        .contains("09:00:00.000")
        .doesNotContain("apns.connection.opened");
    assertThat(svg.split("<line ").length - 1).as("5 lifelines + 3 arrows").isEqualTo(8);
  }
}
