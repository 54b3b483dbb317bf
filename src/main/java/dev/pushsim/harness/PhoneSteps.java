package dev.pushsim.harness;

import dev.pushsim.device.Call;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.device.ProcessState;
import dev.pushsim.device.ShownNotification;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the user does with a phone, what time does, and what the phone then shows. */
public final class PhoneSteps {

  private final ScenarioWorld world;

  public PhoneSteps(ScenarioWorld world) {
    this.world = world;
  }

  // ---- time and the user ----

  @When("{duration} pass(es)")
  public void timePasses(Duration duration) {
    world.sim.advance(duration);
  }

  @When("the user kills the app on {string}")
  public void theUserKillsTheApp(String device) {
    world.device(device).kill(world.app.bundleId());
  }

  @When("the user launches the app on {string}")
  public void theUserLaunchesTheApp(String device) {
    world.device(device).launch(world.app.bundleId());
  }

  @When("the app is reinstalled on {string}")
  public void theAppIsReinstalled(String device) {
    // The reinstalled app registers its new tokens with the provider at launch.
    world.knownApps.put(device, world.device(device).reinstall(world.app.bundleId()));
  }

  @When("the app is uninstalled from {string}")
  public void theAppIsUninstalled(String device) {
    world.device(device).uninstall(world.app.bundleId());
  }

  @When("{string} comes back online")
  public void comesBackOnline(String device) {
    world.device(device).goOnline();
  }

  @When("{string} restarts")
  public void restarts(String device) {
    world.device(device).restart();
  }

  @When("the user answers the call on {string}")
  public void answers(String device) {
    world.device(device).callKit().answer(ringing(device).update().callUuid());
  }

  @When("the user declines the call on {string}")
  public void declines(String device) {
    world.device(device).callKit().decline(ringing(device).update().callUuid());
  }

  // ---- what the phone shows ----

  @Then("{string} shows an incoming call from {string}")
  public void showsAnIncomingCallFrom(String device, String caller) {
    Optional<Call> call = world.device(device).callKit().ringingCall();
    if (call.isEmpty() || !call.get().displayName().equals(caller)) {
      throw StepFailure.of("\"" + device + "\" to ring with a call from \"" + caller + "\"",
          call.map(c -> "it shows a " + c).orElse("it shows no incoming call"), world.timelineOfLastPush());
    }
  }

  @Then("{string} shows no incoming call")
  public void showsNoIncomingCall(String device) {
    Optional<Call> call = world.device(device).callKit().ringingCall();
    if (call.isPresent()) {
      throw StepFailure.of("\"" + device + "\" not to ring", "it shows a " + call.get(), world.timelineOfLastPush());
    }
  }

  @Then("the call on {string} is {word}")
  public void theCallIs(String device, String state) {
    List<Call> calls = world.device(device).callKit().calls();
    Call last = calls.isEmpty() ? null : calls.get(calls.size() - 1);
    if (last == null || !last.state().name().equalsIgnoreCase(state)) {
      throw StepFailure.of("the last call on \"" + device + "\" to be " + state, "it is " + (last == null ? "absent" : last.state()), world.timelineOfLastPush());
    }
  }

  /** Every call shown on the device, ringing or ended: catches a push delivered that should not have been. */
  @Then("{string} has had {count} incoming call(s)")
  public void hasHadIncomingCalls(String device, int count) {
    List<Call> calls = world.device(device).callKit().calls();
    if (calls.size() != count) {
      throw StepFailure.of(count + " incoming call(s) on \"" + device + "\"", "it had " + calls,
          world.timelineOfLastPush());
    }
  }

  @Then("{string} shows the notification {string}")
  public void showsTheNotification(String device, String text) {
    List<ShownNotification> shown = world.device(device).notifications();
    if (shown.stream().noneMatch(notification -> text.equals(notification.text()))) {
      throw StepFailure.of("\"" + device + "\" to show the notification \"" + text + "\"",
          "it shows " + shown.stream().map(ShownNotification::text).toList(), world.timelineOfLastPush());
    }
  }

  @Then("the app on {string} is terminated with {string}")
  public void theAppIsTerminatedWith(String device, String reasonOrException) {
    InstalledApp app = world.installedApp(device);
    List<JournalEvent> terminations = world.journal().find(EventPattern.type(DeviceEvents.TERMINATED).withDevice(device));
    boolean matches = terminations.stream().anyMatch(event ->
        reasonOrException.equals(event.get("reason")) || reasonOrException.equals(event.get("exception")));
    if (app.state() != ProcessState.TERMINATED_BY_SYSTEM || !matches) {
      throw StepFailure.of("the app on \"" + device + "\" to be terminated with \"" + reasonOrException + "\"",
          "the app is " + app.state() + (terminations.isEmpty() ? " and was never terminated"
              : "; terminations: " + terminations.stream().map(event -> event.get("reason") + " (" + event.get("exception") + ")").toList()),
          world.timelineOfLastPush());
    }
  }

  @Then("the app on {string} is running")
  public void theAppIsRunning(String device) {
    InstalledApp app = world.installedApp(device);
    if (!app.state().running()) {
      throw StepFailure.of("the app on \"" + device + "\" to be running", "it is " + app.state()
          + (app.lastTermination() == null ? "" : " (" + app.lastTermination() + ")"), world.timelineOfLastPush());
    }
  }

  @Then("the app on {string} has {count} strike(s)")
  public void theAppHasStrikes(String device, int strikes) {
    InstalledApp app = world.installedApp(device);
    if (app.strikes() != strikes) {
      throw StepFailure.of(strikes + " strike(s) for the app on \"" + device + "\"", "it has " + app.strikes(), world.timelineOfLastPush());
    }
  }

  @Then("VoIP pushes to the app on {string} are throttled")
  public void voipPushesAreThrottled(String device) {
    InstalledApp app = world.installedApp(device);
    if (!app.voipThrottled()) {
      throw StepFailure.of("VoIP pushes to the app on \"" + device + "\" to be throttled",
          "they are not (" + app.strikes() + " strike(s) of " + world.sim.deviceRules().strikeLimit() + ")", world.timelineOfLastPush());
    }
  }

  @Then("VoIP pushes to the app on {string} are not throttled")
  public void voipPushesAreNotThrottled(String device) {
    InstalledApp app = world.installedApp(device);
    if (app.voipThrottled()) {
      throw StepFailure.of("VoIP pushes to the app on \"" + device + "\" to be delivered", "they are throttled after " + app.strikes() + " strikes", world.timelineOfLastPush());
    }
  }

  @Then("the CallKit report on {string} fails with {string}")
  public void theCallKitReportFailsWith(String device, String error) {
    List<JournalEvent> reports = world.journal().find(EventPattern.type(DeviceEvents.REPORTED).withDevice(device).withApnsId(world.lastApnsId));
    if (reports.isEmpty() || !error.equals(reports.get(0).get("result"))) {
      throw StepFailure.of("the app's CallKit report of the last push to fail with " + error,
          reports.isEmpty() ? "the app reported nothing" : "CallKit answered " + reports.get(0).get("result"), world.timelineOfLastPush());
    }
  }

  @Then("the last push is {word} on {string}")
  public void theLastPushIs(String what, String device) {
    String type = switch (what) {
      case "stored" -> DeviceEvents.STORED;
      case "replaced" -> DeviceEvents.REPLACED;
      case "expired" -> DeviceEvents.EXPIRED;
      case "delivered" -> DeviceEvents.DELIVERED;
      case "dropped" -> DeviceEvents.DROPPED;
      default -> throw new IllegalArgumentException("Say stored, replaced, expired, delivered or dropped, not '" + what + "'");
    };
    if (world.journal().find(EventPattern.type(type).withApnsId(world.lastApnsId).withDevice(device)).isEmpty()) {
      throw StepFailure.of("the last push to be " + what + " on \"" + device + "\"", "the journal has no " + type + " event for it", world.timelineOfLastPush());
    }
  }

  @Then("the journal shows {string} for the last push")
  public void theJournalShows(String type) {
    if (world.journal().find(EventPattern.type(type).withApnsId(world.lastApnsId)).isEmpty()) {
      throw StepFailure.of("a " + type + " event for the last push", "there is none", world.timelineOfLastPush());
    }
  }

  /** {@code true}, {@code false}, or {@code absent} when PushKit called the classic delegate. */
  @Then("PushKit passes the app on {string} mustReport {word} for the last push")
  public void pushKitPassesMustReport(String device, String expected) {
    List<JournalEvent> entered = world.sim.journal().find(
        EventPattern.type(DeviceEvents.DELEGATE_ENTERED).withDevice(device).withApnsId(world.lastApnsId));
    if (!List.of("true", "false", "absent").contains(expected)) {
      throw new IllegalArgumentException("Say true, false or absent, not '" + expected + "'");
    }
    Object actual = entered.isEmpty() ? null : entered.get(0).get("mustReport");
    String got = actual == null ? "absent" : actual.toString();
    if (entered.isEmpty() || !got.equals(expected)) {
      throw StepFailure.of("mustReport " + expected + " for the last push on \"" + device + "\"",
          entered.isEmpty() ? "its PushKit delegate never ran" : "it was " + got, world.timelineOfLastPush());
    }
  }

  @Then("the app on {string} has no VoIP token")
  public void hasNoVoipToken(String device) {
    InstalledApp app = world.installedApp(device);
    if (app.voipToken() != null) {
      throw StepFailure.of("no VoIP token for the app on \"" + device + "\"", "it has " + app.voipToken().hex(), world.timelineOfLastPush());
    }
  }

  private Call ringing(String device) {
    return world.device(device).callKit().ringingCall().orElseThrow(() ->
        StepFailure.of("a call ringing on \"" + device + "\"", "none is", world.timelineOfLastPush()));
  }
}
