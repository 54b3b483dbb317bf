package dev.pushsim.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pushsim.container.Scripts;
import dev.pushsim.testing.Tools;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * {@link PushSimContainer} against a real container runtime (podman's Docker-compatible socket in
 * CI: .ci/run starts it and exports DOCKER_HOST): Pushy, trusting the container's CA and signing with
 * its {@code .p8}, rings Alice's iPhone at the sandbox URL and gets 200.
 */
class PushSimContainerIT {

  @BeforeEach
  void needsAContainerRuntime() {
    boolean available = DockerClientFactory.instance().isDockerAvailable();
    String missing = "no Docker-compatible container runtime (DOCKER_HOST=" + System.getenv("DOCKER_HOST")
        + "; e.g. `podman system service --time=0 unix:///run/podman/podman.sock`)";
    if (!available) {
      // Printed as well: the console shows only "Skipped: 1" for an aborted test.
      System.out.println("PushSimContainerIT: " + missing);
    }
    Tools.require(available, missing);
    Scripts.buildImage();
  }

  @Test
  void pushyGets200FromTheContainerWithItsCaAndP8() throws Exception {
    try (PushSimContainer pushsim = new PushSimContainer()) {
      pushsim.start();
      String token = sandboxVoipTokenOf(pushsim, "Alice's iPhone");
      ApnsClient client = new ApnsClientBuilder()
          .setApnsServer(pushsim.getHost(), pushsim.sandboxPort())
          .setTrustedServerCertificateChain(new ByteArrayInputStream(pushsim.caPem()))
          .setSigningKey(ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(pushsim.p8()),
              PushSimContainer.TEAM_ID, pushsim.keyId()))
          .build();
      try {
        PushNotificationResponse<SimpleApnsPushNotification> response = client.sendNotification(
            new SimpleApnsPushNotification(token, "com.example.voip.voip", "{\"aps\":{},\"caller\":\"Bob\"}",
                Instant.EPOCH, DeliveryPriority.IMMEDIATE, PushType.VOIP)).get(30, TimeUnit.SECONDS);

        assertThat(response.isAccepted()).as("accepted; rejection %s", response.getRejectionReason()).isTrue();
        assertThat(response.getStatusCode()).isEqualTo(200);
      } finally {
        client.close().get(10, TimeUnit.SECONDS);
      }
      assertThat(pushsim.sandboxUrl()).isEqualTo("https://" + pushsim.getHost() + ":" + pushsim.sandboxPort());
      assertThat(pushsim.productionUrl()).isNotEqualTo(pushsim.sandboxUrl());
    }
  }

  /** The device's sandbox VoIP token, from the admin API's {@code GET /admin/tokens}. */
  private static String sandboxVoipTokenOf(PushSimContainer pushsim, String device) throws Exception {
    HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(pushsim.adminUrl() + "/admin/tokens"))
        .header("Authorization", "Bearer " + pushsim.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tokens.statusCode()).as("GET /admin/tokens: %s", tokens.body()).isEqualTo(200);
    JsonNode root = new ObjectMapper().readTree(tokens.body());
    for (JsonNode token : root.isArray() ? root : root.path("tokens")) {
      if (device.equals(token.path("device").asText()) && "VOIP".equals(token.path("channel").asText())
          && "development".equals(token.path("environment").asText())) {
        return token.path("token").asText();
      }
    }
    throw new AssertionError("No sandbox VoIP token of " + device + " in " + tokens.body());
  }
}
