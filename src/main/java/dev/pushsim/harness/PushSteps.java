package dev.pushsim.harness;

import dev.pushsim.harness.ParameterTypes.ExpectedAnswer;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;


/** Sends pushes to the fake APNs and checks its answers. */
public final class PushSteps {

  /** Bounds that keep a mistyped number from making a step run for hours or fill the heap. */
  static final int LARGEST_PAYLOAD = 1 << 20;
  static final int MOST_PUSHES = 10_000;

  private final ScenarioWorld world;

  public PushSteps(ScenarioWorld world) {
    this.world = world;
  }

  @When("the provider sends a VoIP push to {string} with caller {string}")
  public void sendsAVoipPush(String device, String caller) {
    world.send(world.voipPush(device, caller));
  }

  @When("the provider sends a VoIP push to {string} with caller {string} expiring in {duration}")
  public void sendsAVoipPushExpiringIn(String device, String caller, Duration lifetime) {
    long expiration = world.sim.clock().now().plus(lifetime).getEpochSecond();
    world.send(world.voipPush(device, caller).set("apns-expiration", String.valueOf(expiration)));
  }

  /** A valid VoIP push with the table's changes: header, {@code :path}, {@code :method} or {@code body}; "(none)" removes. */
  @When("the provider sends a VoIP push to {string} with:")
  public void sendsAVoipPushWith(String device, DataTable changes) {
    ApnsCall call = world.voipPush(device, "Alice");
    apply(call, changes);
    resolveSignedAgo(call);
    world.send(call);
  }

  @When("the provider sends a VoIP push to {string} with a payload of {count} bytes")
  public void sendsAVoipPushOfSize(String device, int bytes) {
    ApnsCall call = world.voipPush(device, "Alice");
    call.body = jsonOfSize(bytes);
    world.send(call);
  }

  @When("the provider sends an alert push to {string} with a payload of {count} bytes")
  public void sendsAnAlertPushOfSize(String device, int bytes) {
    world.send(world.alertPush(device, jsonOfSize(bytes)));
  }

  /** A JSON object of exactly {@code bytes} bytes, padded in a custom key. */
  static String jsonOfSize(int bytes) {
    String prefix = "{\"aps\":{},\"pad\":\"";
    String suffix = "\"}";
    int padding = bytes - prefix.length() - suffix.length();
    if (padding < 0 || bytes > LARGEST_PAYLOAD) {
      throw new IllegalArgumentException("This step makes payloads of " + (prefix.length() + suffix.length()) + " to " + LARGEST_PAYLOAD + " bytes, not " + bytes + ".");
    }
    return prefix + "x".repeat(padding) + suffix;
  }

  @When("the provider sends an alert push to {string} with payload {string}")
  public void sendsAnAlertPush(String device, String payload) {
    world.send(world.alertPush(device, payload));
  }

  @When("the provider sends an alert push to {string} with:")
  public void sendsAnAlertPushWith(String device, DataTable changes) {
    ApnsCall call = world.alertPush(device, "{\"aps\":{\"alert\":\"Hello\"}}");
    apply(call, changes);
    world.send(call);
  }

  @When("the provider sends the VoIP push for {string} to the {environment} APNs")
  public void sendsToTheOtherHost(String device, dev.pushsim.push.Environment environment) {
    ApnsCall call = world.voipPush(device, "Alice");
    call.environment = environment;
    world.send(call);
  }

  @When("the provider sends {count} VoIP pushes to {string}")
  public void sendsManyVoipPushes(int count, String device) {
    if (count < 1 || count > MOST_PUSHES) {
      throw new IllegalArgumentException("This step sends 1 to " + MOST_PUSHES + " pushes, not " + count + ".");
    }
    for (int i = 0; i < count; i++) {
      world.send(world.voipPush(device, "Alice"));
    }
  }

  @Then("APNs answers {answer}")
  public void apnsAnswers(ExpectedAnswer expected) {
    ApnsAnswer actual = world.lastAnswer;
    if (actual == null) {
      throw StepFailure.of("APNs to answer " + expected, "no push was sent in this scenario", world.timelineOfLastPush());
    }
    if (actual.status() != expected.status() || !java.util.Objects.equals(actual.reason(), expected.reason())) {
      throw StepFailure.of("APNs to answer " + expected, "it answered " + actual + " (apns-id " + actual.apnsId() + ")", world.timelineOfLastPush());
    }
    if (actual.apnsId() == null || actual.apnsId().length() != 36) {
      throw StepFailure.of("an apns-id header with every answer", "it was " + actual.apnsId(), world.timelineOfLastPush());
    }
  }

  @Then("the answer's timestamp is when the app was uninstalled")
  public void theTimestampIsTheUninstallTime() {
    Long uninstalledAt = world.journal().find(dev.pushsim.journal.EventPattern.type(dev.pushsim.device.DeviceEvents.UNINSTALLED))
        .stream().map(event -> event.time().toEpochMilli()).reduce((first, second) -> second).orElse(null);
    if (world.lastAnswer == null || uninstalledAt == null || !uninstalledAt.equals(world.lastAnswer.timestamp())) {
      throw StepFailure.of("the 410 timestamp to be the uninstall time " + uninstalledAt,
          "the answer was " + world.lastAnswer + " with timestamp " + (world.lastAnswer == null ? null : world.lastAnswer.timestamp()),
          world.timelineOfLastPush());
    }
  }

  private void apply(ApnsCall call, DataTable changes) {
    List<List<String>> rows = changes.asLists();
    for (List<String> row : rows) {
      if (row.size() != 2) {
        throw new IllegalArgumentException("Each row names one field and its value, e.g. | apns-priority | 5 |; got " + row);
      }
      call.set(row.get(0).trim(), row.get(1) == null ? "" : row.get(1));
    }
  }

  /** "bearer signed 61 minutes ago" in a table: a valid token, minted in the past. */
  private void resolveSignedAgo(ApnsCall call) {
    String value = call.headers.get("authorization");
    java.util.regex.Matcher ago = value == null ? null : java.util.regex.Pattern.compile("bearer signed (\\d+) minutes ago").matcher(value);
    if (ago != null && ago.matches()) {
      java.time.Instant issuedAt = world.sim.clock().now().minus(new ParameterTypes().duration(ago.group(1), "minutes"));
      call.set("authorization", "bearer " + dev.pushsim.apns.auth.ProviderTokens.sign(world.key, issuedAt));
    }
  }

}
