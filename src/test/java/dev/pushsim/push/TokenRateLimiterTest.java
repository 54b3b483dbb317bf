package dev.pushsim.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenRateLimiterTest {

  final TokenRateLimiter limiter = new TokenRateLimiter(3, Duration.ofSeconds(10));
  final DeviceToken token = token(1);

  static DeviceToken token(int value) {
    return new DeviceToken(new byte[] {(byte) value}, "com.example.app", Channel.APNS, Environment.SANDBOX, null);
  }

  @Test
  void admitsTheLimitPerWindow_thenAgainInTheNextWindow() {
    assertThat(limiter.admit(token, 1_000)).isTrue();
    assertThat(limiter.admit(token, 1_001)).isTrue();
    assertThat(limiter.admit(token, 1_002)).isTrue();
    assertThat(limiter.admit(token, 1_003)).isFalse();
    assertThat(limiter.admit(token, 10_999)).isFalse(); // the window opened at 1 s lasts until 11 s
    assertThat(limiter.admit(token, 11_000)).isTrue();
  }

  @Test
  void eachTokenHasItsOwnCount() {
    for (int i = 0; i < 3; i++) {
      limiter.admit(token, 0);
    }
    assertThat(limiter.admit(token, 0)).isFalse();
    assertThat(limiter.admit(token(2), 0)).isTrue();
  }

  @Test
  void aFloodStaysRefused_withoutTheCountOverflowing() {
    for (int i = 0; i < 3_000_000; i++) {
      limiter.admit(token, 5_000);
    }
    assertThat(limiter.admit(token, 5_000)).isFalse();
    assertThat(limiter.admit(token, 15_000)).isTrue();
  }

  @Test
  void pushesFromManyThreads_areCountedExactly() {
    TokenRateLimiter hundred = new TokenRateLimiter(100, Duration.ofSeconds(10));
    AtomicInteger admitted = new AtomicInteger();
    List<CompletableFuture<Void>> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 10_000; i++) {
          if (hundred.admit(token, 7_000)) {
            admitted.incrementAndGet();
          }
        }
      }));
    }
    threads.forEach(CompletableFuture::join);
    assertThat(admitted).hasValue(100);
  }

  @Test
  void noLimit_admitsEverything() {
    TokenRateLimiter none = new TokenRateLimiter(0, Duration.ofSeconds(10));
    for (int i = 0; i < 1000; i++) {
      assertThat(none.admit(token, 0)).isTrue();
    }
  }

  @Test
  void aLimitBeyondTheCounter_isRefusedAtOnce() {
    assertThatThrownBy(() -> new TokenRateLimiter(1 << 20, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be below");
  }
}
