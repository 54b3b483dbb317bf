package dev.pushsim.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a provider does beyond placing VoIP calls, declared under {@code capabilities} in its
 * provider file. A scenario that needs one carries its tag; a provider that does not declare it
 * does not run the scenario, and the console says so. Authentication is declared by {@code auth}.
 */
public enum Capability {
  /** Keeps VoIP tokens only: no alerts, so neither {@link #ALERTS} nor {@link #SINCH_DISPLAY_NAME_ALERT}. */
  VOIP_ONLY("voip-only", null, "keeps VoIP tokens only"),
  ALERTS("alerts", "alerts", "sends alert pushes to the APNs tokens users register"),
  SINCH_DISPLAY_NAME_ALERT("sinch-display-name-alert", "sinch",
      "calls a user who has no VoIP token with Sinch's display-name alert"),
  VOIP_ONLY_FOR_OFFLINE_USERS("voip-only-for-offline-users", "offline-only",
      "pushes calls only to users who are offline in its messaging service (Tencent's rule)"),
  CERTIFICATE_IDS("certificate-ids", "certificate-ids",
      "maps the certificate ID an app registers with to the APNs environment it pushes in (Tencent's rule)"),
  TOKEN_AUTH("token-auth", "token-auth", "authenticates to APNs with provider tokens (auth: token)"),
  CERTIFICATE_AUTH("certificate-auth", "certificate-auth",
      "authenticates to APNs with a client certificate (auth: certificate)");

  private final String key;
  private final String tag;
  private final String description;

  Capability(String key, String tag, String description) {
    this.key = key;
    this.tag = tag;
    this.description = description;
  }

  /** Its name in a provider file: {@code sinch-display-name-alert}. */
  public String key() {
    return key;
  }

  /** The tag, without {@code @}, of the scenarios that need it, or null when none does. */
  public String tag() {
    return tag;
  }

  public String description() {
    return description;
  }

  /** The capability a provider file names, or an error listing the known ones. */
  static Capability of(String key) {
    String wanted = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(capability -> capability.key.equals(wanted)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown capability '" + key + "'; known: "
            + Arrays.stream(values()).map(Capability::key).collect(Collectors.joining(", "))));
  }
}
