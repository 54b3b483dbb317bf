package dev.pushsim.apns.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.push.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenAuthPolicyTest {

  @Test
  void defaultsAreApplesRules() {
    TokenAuthPolicy policy = TokenAuthPolicy.defaults();

    assertThat(policy.maxTokenAge()).isEqualTo(Duration.ofHours(1));
    assertThat(policy.minRefreshInterval()).isEqualTo(Duration.ofMinutes(20));
    assertThat(policy.maxClockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.acceptDerSignatures()).isTrue();
    assertThat(policy.verifiedCacheSize()).isEqualTo(10_000);
  }

  @Test
  void withMethodsChangeOneField() {
    TokenAuthPolicy policy =
        TokenAuthPolicy.defaults()
            .withMaxTokenAge(Duration.ofMinutes(30))
            .withMinRefreshInterval(Duration.ofMinutes(5))
            .withMaxClockSkew(Duration.ZERO)
            .withAcceptDerSignatures(false)
            .withVerifiedCacheSize(7);

    assertThat(policy)
        .isEqualTo(
            new TokenAuthPolicy(
                Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ZERO, false, 7,
                Reason.BAD_ENVIRONMENT_KEY_IN_TOKEN));
  }

  @Test
  void theEnvironmentKeyReason_isOneOfItsTwoSpellings() {
    assertThat(TokenAuthPolicy.defaults().badEnvironmentKeyReason()).isEqualTo(Reason.BAD_ENVIRONMENT_KEY_IN_TOKEN);
    assertThat(TokenAuthPolicy.defaults().withBadEnvironmentKeyReason(Reason.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN)
        .badEnvironmentKeyReason()).isEqualTo(Reason.BAD_ENVIRONMENT_KEY_ID_IN_TOKEN);
    assertThatThrownBy(() -> TokenAuthPolicy.defaults().withBadEnvironmentKeyReason(Reason.FORBIDDEN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 403 Forbidden");
  }

  @Test
  void negativeValuesAreRefused() {
    assertThatThrownBy(() -> TokenAuthPolicy.defaults().withVerifiedCacheSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenAuthPolicy.defaults().withMaxClockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
