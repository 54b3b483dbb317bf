package dev.pushsim.apns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenRateLimiterTest {

  final ApnsSettings settings = ApnsSettings.defaults().withTokenRateLimit(3, Duration.ofSeconds(10));
  final TokenRateLimiter limiter = new TokenRateLimiter(settings);
  final DeviceToken token = new DeviceToken(new byte[] {1}, "com.example.app", Channel.APNS, Environment.SANDBOX, null);

  @Test
  void admitsTheLimitPerWindow_thenAgainInTheNextWindow() {
    assertThat(limiter.admit(token, 0)).isTrue();
    assertThat(limiter.admit(token, 1)).isTrue();
    assertThat(limiter.admit(token, 2)).isTrue();
    assertThat(limiter.admit(token, 3)).isFalse();
    assertThat(limiter.admit(token, 10_000)).isTrue();
  }

  @Test
  void forgetsWindowsThatEnded_soMemoryFollowsRecentTokens() {
    for (int i = 0; i < 1000; i++) {
      DeviceToken other = new DeviceToken(new byte[] {(byte) i, (byte) (i >> 8)}, "com.example.app", Channel.APNS, Environment.SANDBOX, null);
      limiter.admit(other, 1_000);
    }
    assertThat(limiter.size()).isEqualTo(1000);

    limiter.admit(token, 11_000); // one window later: the first push sweeps the ended ones

    assertThat(limiter.size()).isEqualTo(1);
  }

  @Test
  void aWindowStillOpen_survivesTheSweep() {
    DeviceToken other = new DeviceToken(new byte[] {2}, "com.example.app", Channel.APNS, Environment.SANDBOX, null);
    limiter.admit(other, 0);
    limiter.admit(token, 8_000);
    limiter.admit(token, 8_001);

    limiter.admit(other, 10_000); // a window after the last sweep: sweeps; the token's window is open until 18 s

    assertThat(limiter.size()).isEqualTo(2);
    assertThat(limiter.admit(token, 10_001)).isTrue();
    assertThat(limiter.admit(token, 10_002)).isFalse(); // its fourth push in the window
  }
}
