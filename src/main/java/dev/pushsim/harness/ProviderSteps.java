package dev.pushsim.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pushsim.apns.ApnsService;
import dev.pushsim.app.TokenRegistration;
import dev.pushsim.app.VendorEvents;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.provider.ReferenceProvider;
import dev.pushsim.push.Channel;
import dev.pushsim.push.Environment;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The provider under test and the app's calling SDK: users sign in and out, call and message
 * each other; then what the provider sent, judged from the fake APNs' journal.
 */
public final class ProviderSteps {

  private final ScenarioWorld world;

  public ProviderSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("the app's calling SDK is configured for {environment}")
  public void theSdkIsConfiguredFor(Environment environment) {
    world.sdkEnvironment = environment;
  }

  /** Tencent's console: one uploaded VoIP certificate yields one certificate ID per environment. */
  @Given("the provider has certificate ID {string} for {environment}")
  public void theProviderHasCertificateId(String certificateId, Environment environment) {
    world.providerCertificateIds.put(certificateId, environment);
  }

  @Given("the app's calling SDK uses certificate ID {string}")
  public void theSdkUsesCertificateId(String certificateId) {
    world.certificateId = certificateId;
  }

  @Given("{string} launches the app on {string}")
  public void launchesTheApp(String user, String device) {
    world.sdk(device).appLaunched();
  }

  @Given("{string} signs in on {string}")
  public void signsIn(String user, String device) {
    world.sdk(device).appLaunched();
    world.sdk(device).login(user);
  }

  @When("{string} logs in on {string}")
  public void logsIn(String user, String device) {
    world.sdk(device).login(user);
  }

  @When("{string} logs out on {string}")
  public void logsOut(String user, String device) {
    world.sdk(device).logout();
  }

  /** Sinch's managed push without VoIP: the app hands the backend its regular APNs token only. */
  @Given("{string} registered only an APNs token for alerts on {string}")
  public void registeredOnlyAnApnsToken(String user, String device) {
    InstalledApp app = world.installedApp(device);
    world.provider().registerToken(new TokenRegistration(user, app.apnsToken().hex(), app.bundleId(), app.spec().environment(), null, Channel.APNS));
  }

  @Given("the provider authenticates with a provider token")
  public void theProviderUsesTokenAuth() {
    world.providerTokenRefresh = ReferenceProvider.DEFAULT_TOKEN_REFRESH;
  }

  @Given("the provider renews its provider token every {duration}")
  public void theProviderRenewsItsTokenEvery(Duration every) {
    world.providerTokenRefresh = every;
  }

  /** A reference provider that gives up early: how a scenario shows a provider without retries. */
  @Given("the provider gives up after {count} attempt(s)")
  public void theProviderGivesUpAfter(int attempts) {
    world.providerMaxAttempts = attempts;
  }

  @Given("{string} is online in the messaging service")
  public void isOnline(String user) {
    world.provider().setPresence(user, true);
  }

  @Given("APNs answers the next {count} request(s) with {answer}")
  public void apnsAnswersTheNextRequestsWith(int count, ParameterTypes.ExpectedAnswer answer) {
    dev.pushsim.push.Reason reason = java.util.Optional.ofNullable(answer.reason()).flatMap(dev.pushsim.push.Reason::fromWireString)
        .orElseThrow(() -> new IllegalArgumentException("An injected fault answers with an error, e.g. \"503 ServiceUnavailable\", not \"" + answer + "\""));
    world.sim.faults().respondWith(reason, count);
  }

  @When("{string} calls {string}")
  public void calls(String caller, String callee) {
    world.provider().placeCall(caller, callee, caller);
    world.lastApnsId = lastRequest().map(JournalEvent::apnsId).orElse(null);
  }

  /** Sinch: a caller whose SDK was given no display name ({@code setDisplayName:} never called). */
  @When("{string} calls {string} without a display name")
  public void callsWithoutADisplayName(String caller, String callee) {
    world.provider().placeCall(caller, callee, null);
    world.lastApnsId = lastRequest().map(JournalEvent::apnsId).orElse(null);
  }

  @When("{string} goes offline in the messaging service")
  public void goesOffline(String user) {
    world.provider().setPresence(user, false);
  }

  @When("{string} calls {string} every {duration} for {duration}")
  public void callsRepeatedly(String caller, String callee, Duration every, Duration during) {
    for (Duration elapsed = Duration.ZERO; elapsed.compareTo(during) < 0; elapsed = elapsed.plus(every)) {
      calls(caller, callee);
      world.sim.advance(every);
    }
  }

  @When("{string} sends {string} the message {string}")
  public void sendsAMessage(String from, String to, String text) {
    world.provider().sendMessage(from, to, text);
    world.lastApnsId = lastRequest().map(JournalEvent::apnsId).orElse(null);
  }

  @Then("every VoIP push the provider sent had push type voip, topic {string}, priority 10 and expiration 0")
  public void everyVoipPushWasCorrect(String topic) {
    List<JournalEvent> pushes = requests();
    if (pushes.isEmpty()) {
      throw StepFailure.of("VoIP pushes from the provider", "it sent none", world.timeline(EventPattern.any()));
    }
    for (JournalEvent push : pushes) {
      Map<?, ?> headers = (Map<?, ?>) push.get("headers");
      boolean correct = "voip".equals(headers.get("apns-push-type")) && topic.equals(headers.get("apns-topic"))
          && "10".equals(headers.get("apns-priority")) && "0".equals(headers.get("apns-expiration"));
      if (!correct) {
        throw StepFailure.of("apns-push-type voip, apns-topic " + topic + ", apns-priority 10, apns-expiration 0",
            "push " + push.apnsId() + " had " + headers, world.timeline(EventPattern.any().withApnsId(push.apnsId())));
      }
    }
  }

  @Then("the provider sent {count} push(es)")
  public void theProviderSent(int count) {
    List<JournalEvent> pushes = requests();
    if (pushes.size() != count) {
      throw StepFailure.of(count + " push(es) from the provider", "it sent " + pushes.size(), summaries(pushes));
    }
  }

  @Then("the provider sent {count} push(es) to the {environment} APNs")
  public void theProviderSentTo(int count, Environment environment) {
    List<JournalEvent> pushes = world.journal().find(EventPattern.type(ApnsService.REQUEST_EVENT).with("environment", environment.apsEnvironment()));
    if (pushes.size() != count) {
      throw StepFailure.of(count + " push(es) to the " + environment.apsEnvironment() + " APNs", "there were " + pushes.size(), summaries(requests()));
    }
  }

  @Then("the provider saw {answer}")
  public void theProviderSaw(ParameterTypes.ExpectedAnswer answer) {
    boolean seen = requests().stream().anyMatch(push -> Integer.valueOf(answer.status()).equals(push.get("status"))
        && java.util.Objects.equals(answer.reason(), push.get("reason")));
    if (!seen) {
      throw StepFailure.of("the provider to have received " + answer, "it received " + requests().stream()
          .map(push -> push.get("status") + (push.get("reason") == null ? "" : " " + push.get("reason"))).toList(), summaries(requests()));
    }
  }

  @Then("every push the provider sent was at most {count} bytes")
  public void everyPushWasAtMost(int bytes) {
    for (JournalEvent push : requests()) {
      if (((Number) push.get("payloadBytes")).intValue() > bytes) {
        throw StepFailure.of("payloads of at most " + bytes + " bytes", "push " + push.apnsId() + " carried " + push.get("payloadBytes"), summaries(requests()));
      }
    }
  }

  /**
   * Apple: a provider token is refused once its {@code iat} is an hour old, and renewing it more
   * often than every 20 minutes is refused too. Judged from the iat APNs accepted on each push.
   */
  @Then("the provider renewed its provider token every 20 to 60 minutes")
  public void theProviderRenewedItsTokenInTime() {
    List<JournalEvent> pushes = requests();
    List<Long> issued = pushes.stream().map(push -> (Long) push.get("tokenIat")).filter(java.util.Objects::nonNull).distinct().toList();
    for (JournalEvent push : pushes) {
      if (push.get("tokenIat") == null) {
        throw StepFailure.of("every push to carry a provider token APNs accepted", "push " + push.apnsId() + " was answered "
            + push.get("status") + " " + push.get("reason") + (push.get("detail") == null ? "" : " (" + push.get("detail") + ")"), summaries(pushes));
      }
    }
    if (issued.size() < 2) {
      throw StepFailure.of("the provider to renew its provider token", "it used " + issued.size() + " token(s) over "
          + Duration.between(pushes.get(0).time(), pushes.get(pushes.size() - 1).time()).toMinutes() + " minutes", summaries(pushes));
    }
    for (int i = 1; i < issued.size(); i++) {
      long minutes = (issued.get(i) - issued.get(i - 1)) / 60;
      if (minutes < 20 || minutes > 60) {
        throw StepFailure.of("a new provider token every 20 to 60 minutes", "token " + (i + 1) + " came " + minutes + " minutes after the one before",
            summaries(pushes));
      }
    }
  }

  @Then("the provider used {count} connection(s)")
  public void theProviderUsedConnections(int count) {
    List<JournalEvent> opened = world.journal().find(EventPattern.type(ApnsService.CONNECTION_OPENED_EVENT));
    if (opened.size() != count) {
      throw StepFailure.of(count + " APNs connection(s) from the provider", "it opened " + opened.size(), summaries(opened));
    }
  }

  @Then("the app on {string} registered its VoIP token for {environment}")
  public void registeredItsToken(String device, Environment environment) {
    List<JournalEvent> registered = world.journal().find(EventPattern.type(VendorEvents.TOKEN_REGISTERED).withDevice(device));
    if (registered.isEmpty() || !environment.apsEnvironment().equals(String.valueOf(registered.get(registered.size() - 1).get("environment")))) {
      throw StepFailure.of("the app on \"" + device + "\" to register its VoIP token for " + environment.apsEnvironment(),
          registered.isEmpty() ? "it registered nothing" : "it registered " + registered.get(registered.size() - 1).data(),
          world.timeline(EventPattern.any().withDevice(device)));
    }
  }

  @Then("the app on {string} has registered no token")
  public void registeredNoToken(String device) {
    List<JournalEvent> registered = world.journal().find(EventPattern.type(VendorEvents.TOKEN_REGISTERED).withDevice(device));
    if (!registered.isEmpty()) {
      throw StepFailure.of("no token registration from \"" + device + "\"", "it registered " + registered.get(0).data(), world.timeline(EventPattern.any().withDevice(device)));
    }
  }

  @Then("the app on {string} unregistered its VoIP token")
  public void unregisteredItsToken(String device) {
    if (world.journal().find(EventPattern.type(VendorEvents.TOKEN_UNREGISTERED).withDevice(device)).isEmpty()) {
      throw StepFailure.of("the app on \"" + device + "\" to unregister its token", "it did not", world.timeline(EventPattern.any().withDevice(device)));
    }
  }

  /**
   * A field of the last payload the provider sent, by dotted path ({@code aps.alert.loc-key});
   * {@code expected} is JSON ({@code ["Alice"]}) or else plain text.
   */
  @Then("the last push the provider sent has {string} set to {string}")
  public void theLastPushHas(String path, String expected) {
    JsonNode actual = lastPayloadField(path);
    JsonNode wanted = PayloadFields.parseOrText(expected);
    if (!wanted.equals(actual)) {
      throw StepFailure.of(path + " = " + wanted, actual.isMissingNode() ? "it is absent" : path + " = " + actual,
          summaries(requests()));
    }
  }

  @Then("the last push the provider sent has a {string} field")
  public void theLastPushHasField(String path) {
    if (lastPayloadField(path).isMissingNode()) {
      throw StepFailure.of("a field " + path + " in the payload", "it is absent", summaries(requests()));
    }
  }

  @Then("the last push the provider sent has no {string} field")
  public void theLastPushHasNoField(String path) {
    JsonNode actual = lastPayloadField(path);
    if (!actual.isMissingNode()) {
      throw StepFailure.of("no field " + path + " in the payload", path + " = " + actual, summaries(requests()));
    }
  }

  private JsonNode lastPayloadField(String path) {
    JournalEvent push = lastRequest().orElseThrow(() -> StepFailure.of("a push from the provider", "it sent none",
        world.timeline(EventPattern.any())));
    return PayloadFields.at(String.valueOf(push.get("payload")), path);
  }

  private List<JournalEvent> requests() {
    return world.journal().find(EventPattern.type(ApnsService.REQUEST_EVENT));
  }

  private java.util.Optional<JournalEvent> lastRequest() {
    List<JournalEvent> pushes = requests();
    return pushes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pushes.get(pushes.size() - 1));
  }

  private static String summaries(List<JournalEvent> events) {
    return events.isEmpty() ? "(none)" : String.join("\n", events.stream().map(event -> "  " + event.summary()).toList());
  }
}
