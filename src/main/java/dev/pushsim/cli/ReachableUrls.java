package dev.pushsim.cli;

import dev.pushsim.admin.AdminServer;
import dev.pushsim.apns.ApnsServer;
import dev.pushsim.apns.tls.ServerNames;

/**
 * The URLs {@code serve} prints, with a host a client can reach: a server listening on every
 * address ({@code 0.0.0.0}, {@code ::}) is printed under the first {@code --tls-name}, else
 * {@code localhost}; loopback as {@code localhost}, which the server certificate names.
 */
record ReachableUrls(ServerNames names) {

  /** The APNs server's base URL. */
  String url(ApnsServer server) {
    return url(server.isTls() ? "https" : "http", server.host(), server.port());
  }

  /** {@code scheme://host:port} for a server bound to {@code bound}. */
  String url(String scheme, String bound, int port) {
    return scheme + "://" + bracketed(hostFor(bound, scheme.equals("https"))) + ":" + port;
  }

  /** The admin API's base URL (plain HTTP; the certificate plays no part). */
  String adminUrl(AdminServer admin) {
    String base = admin.url();
    String host = base.substring("http://".length(), base.lastIndexOf(':'));
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return url("http", bare, admin.port());
  }

  private String hostFor(String bound, boolean tls) {
    if (isWildcard(bound)) {
      return names.first() != null ? names.first() : "localhost";
    }
    // The certificate names localhost, not 127.0.0.1 alone for every client; plain HTTP keeps the address.
    return tls && "127.0.0.1".equals(bound) ? "localhost" : bound;
  }

  static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("0:0:0:0:0:0:0:0");
  }

  private static String bracketed(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
