package dev.pushsim.apns.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pushsim.push.Environment;
import org.junit.jupiter.api.Test;

class ProviderDirectoryTest {

  final ProviderDirectory directory = new ProviderDirectory();

  @Test
  void teamIsCreatedOnceAndFound() {
    Team team = directory.team("TEAM123456");

    assertThat(directory.team("TEAM123456")).isSameAs(team);
    assertThat(directory.findTeam("TEAM123456")).containsSame(team);
    assertThat(directory.findTeam("NOPE123456")).isEmpty();
    assertThat(directory.findTeam(null)).isEmpty();
    assertThat(directory.teams()).containsExactly(team);
  }

  @Test
  void keysAreFoundByKeyIdAcrossTeams() {
    SigningKey a = SigningKey.generate("TEAMAAAAAA", "KEYAAAAAAA");
    SigningKey b = SigningKey.generate("TEAMBBBBBB", "KEYBBBBBBB");
    directory.team("TEAMAAAAAA").addKey(a);
    directory.addKey(b);

    assertThat(directory.findKey("KEYAAAAAAA")).containsSame(a);
    assertThat(directory.findKey("KEYBBBBBBB")).containsSame(b);
    assertThat(directory.findKey("KEYCCCCCCC")).isEmpty();
    assertThat(directory.findKey(null)).isEmpty();
    assertThat(directory.team("TEAMAAAAAA").keys()).containsExactly(a);
  }

  @Test
  void keyIdOfAnotherTeamIsRefused() {
    directory.addKey(SigningKey.generate("TEAMAAAAAA", "KEYAAAAAAA"));
    SigningKey clash = SigningKey.generate("TEAMBBBBBB", "KEYAAAAAAA");

    assertThatThrownBy(() -> directory.team("TEAMBBBBBB").addKey(clash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KEYAAAAAAA")
        .hasMessageContaining("TEAMAAAAAA");
    assertThat(directory.team("TEAMBBBBBB").keys()).isEmpty();
  }

  @Test
  void keyOfAnotherTeamCannotBeAdded() {
    SigningKey key = SigningKey.generate("TEAMAAAAAA", "KEYAAAAAAA");

    assertThatThrownBy(() -> directory.team("TEAMBBBBBB").addKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Key KEYAAAAAAA belongs to team TEAMAAAAAA, not to team TEAMBBBBBB.");
    assertThat(directory.findKey("KEYAAAAAAA")).isEmpty();
  }

  @Test
  void sameKeyIdInTheSameTeamReplacesTheKey() {
    SigningKey key = SigningKey.generate("TEAMAAAAAA", "KEYAAAAAAA");
    directory.addKey(key);
    directory.addKey(key.limitedTo(Environment.PRODUCTION));

    assertThat(directory.findKey("KEYAAAAAAA").orElseThrow().environments())
        .containsExactly(Environment.PRODUCTION);
    assertThat(directory.team("TEAMAAAAAA").keys()).hasSize(1);
  }

  @Test
  void bundleIdsBelongToOneTeam() {
    Team team = directory.team("TEAMAAAAAA").addBundleId("com.example.app");

    assertThat(team.owns("com.example.app")).isTrue();
    assertThat(team.owns("com.example.app.voip")).isFalse();
    assertThat(team.owns(null)).isFalse();
    assertThat(team.bundleIds()).containsExactly("com.example.app");
    assertThat(directory.ownerOf("com.example.app")).containsSame(team);
    assertThat(directory.ownerOf("com.other")).isEmpty();
    assertThatThrownBy(() -> directory.team("TEAMBBBBBB").addBundleId("com.example.app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TEAMAAAAAA");
    assertThatThrownBy(() -> team.addBundleId(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badTeamIdIsRefused() {
    assertThatThrownBy(() -> directory.team("team"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'team'");
  }
}
