package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.push.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Socket-free: which effect the faults due give one judged answer, and which effects answer at all. */
class ExchangeTest {

  private static final ApnsResponse OK = new ApnsResponse(Reason.SUCCESS, "id", null, null, null);
  private static final Duration MS_5 = Duration.ofMillis(5);

  @Test
  void noFault_answersNow() {
    assertThat(Exchange.of(OK, List.of())).isEqualTo(new Exchange.Answer(OK));
  }

  @Test
  void delays_addUp_andAGoAwayKeepsThem() {
    assertThat(Exchange.of(OK, List.of(new Fault.Delay(MS_5), new Fault.Delay(MS_5))))
        .isEqualTo(new Exchange.DelayedAnswer(OK, Duration.ofMillis(10)));
    assertThat(Exchange.of(OK, List.of(new Fault.GoAway(Reason.SHUTDOWN), new Fault.Delay(MS_5))))
        .isEqualTo(new Exchange.AnswerThenGoAway(OK, MS_5, Reason.SHUTDOWN));
  }

  @Test
  void whatSendsNoAnswer_winsOverWhatShapesOne_dropThenResetThenStall() {
    Fault drop = new Fault.DropConnection();
    Fault reset = new Fault.ResetStream("CANCEL");
    Fault stall = new Fault.Stall();
    Fault goAway = new Fault.GoAway(Reason.SHUTDOWN);
    assertThat(Exchange.of(OK, List.of(goAway, stall, reset, drop))).isEqualTo(new Exchange.Drop(OK));
    assertThat(Exchange.of(OK, List.of(goAway, stall, reset))).isEqualTo(new Exchange.ResetStream(OK, "CANCEL", 8));
    assertThat(Exchange.of(OK, List.of(goAway, new Fault.Delay(MS_5), stall))).isEqualTo(new Exchange.Stall(OK));
  }

  @Test
  void onlyTheAnsweringEffects_answer() {
    assertThat(new Exchange.Answer(OK).answers()).isTrue();
    assertThat(new Exchange.DelayedAnswer(OK, MS_5).answers()).isTrue();
    assertThat(new Exchange.AnswerThenGoAway(OK, Duration.ZERO, Reason.SHUTDOWN).answers()).isTrue();
    assertThat(new Exchange.Drop(OK).answers()).isFalse();
    assertThat(new Exchange.ResetStream(OK, "CANCEL", 8).answers()).isFalse();
    assertThat(new Exchange.Stall(OK).answers()).isFalse();
  }
}
