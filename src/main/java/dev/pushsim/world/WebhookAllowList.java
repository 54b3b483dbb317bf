package dev.pushsim.world;

import dev.pushsim.app.WebhookBehaviour;
import dev.pushsim.device.AppBehaviour;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The webhook origins an operator allows a world file or the admin API to send pushes to, so that
 * whoever can set an app's behaviour cannot make PushSim POST to any address it reaches (issue 17:
 * a page set {@code webhook http://127.0.0.1:<port>/internal}). An entry is an origin,
 * {@code scheme://host[:port]}; a webhook is allowed when its scheme, host and port equal an entry's.
 * Nothing is allowed by default, loopback included: a loopback webhook is the SSRF this list exists
 * to stop, so the operator names each local receiver (e.g. {@code http://127.0.0.1:9000}).
 * Java code (the library and Cucumber steps) builds behaviours directly and is not checked.
 */
public record WebhookAllowList(List<String> origins) {

  public WebhookAllowList {
    origins = origins == null ? List.of() : origins.stream().map(WebhookAllowList::origin).toList();
  }

  /** Refuses every webhook. */
  public static WebhookAllowList none() {
    return new WebhookAllowList(List.of());
  }

  /**
   * {@code behaviour}, when it is no webhook or an allowed one.
   *
   * @throws IllegalArgumentException naming the webhook and what to add to the list
   */
  public AppBehaviour check(AppBehaviour behaviour) {
    if (behaviour instanceof WebhookBehaviour webhook && !allows(webhook.url())) {
      throw new IllegalArgumentException("webhook " + webhook.url() + " is not allowed: its origin " + originOf(webhook.url())
          + " is not in world.yaml's webhooks.allow " + origins);
    }
    return behaviour;
  }

  public boolean allows(URI url) {
    return url.getHost() != null && origins.contains(originOf(url));
  }

  /** {@code scheme://host:port}, lower case, with the scheme's default port spelled out. */
  private static String originOf(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + String.valueOf(url.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
  }

  private static String origin(String entry) {
    URI url;
    try {
      url = new URI(entry == null ? "" : entry.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("webhooks.allow entry '" + entry + "' is not a URL: " + e.getReason());
    }
    boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
    boolean bare = (url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/"))
        && url.getRawQuery() == null && url.getRawFragment() == null && url.getRawUserInfo() == null;
    if (!http || url.getHost() == null || !bare) {
      throw new IllegalArgumentException("webhooks.allow entry '" + entry
          + "' must be an http or https origin like https://hooks.example.com or http://127.0.0.1:9000, with no path");
    }
    return originOf(url);
  }
}
