package dev.pushsim.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IosVersionTest {

  @Test
  void theMetadataDelegateArrivesWithIos264() {
    assertThat(IosVersion.atLeast("26.4", IosVersion.METADATA_DELEGATE)).isTrue();
    assertThat(IosVersion.atLeast("26.4.1", IosVersion.METADATA_DELEGATE)).isTrue();
    assertThat(IosVersion.atLeast("27", IosVersion.METADATA_DELEGATE)).isTrue();
    assertThat(IosVersion.atLeast("26.10", IosVersion.METADATA_DELEGATE)).as("numbers, not text").isTrue();
    assertThat(IosVersion.atLeast("26.3.9", IosVersion.METADATA_DELEGATE)).isFalse();
    assertThat(IosVersion.atLeast("26", IosVersion.METADATA_DELEGATE)).isFalse();
    assertThat(IosVersion.atLeast("17.5", IosVersion.METADATA_DELEGATE)).isFalse();
    assertThat(IosVersion.atLeast("beta", IosVersion.METADATA_DELEGATE)).isFalse();
  }
}
