package dev.pushsim.admin;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Keeps other web pages away from the admin API: a browser lets any page send requests to loopback,
 * so the Host must be a name this server serves (a DNS-rebinding page sends its own name), and a
 * state-changing request must come from the server's own origin with a JSON body (a form or a
 * no-CORS fetch from another page can send neither a same-origin Origin nor application/json).
 */
final class OriginGuard {

  private static final Set<String> CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");
  /** An IP literal, v4 or bracketed v6: no page can rebind one, since it names no DNS record. */
  private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+(%[^\\]]+)?]");

  private final Set<String> names = new LinkedHashSet<>();

  /** {@code served} are names besides loopback's that clients use (the --tls-name values, the admin host). */
  OriginGuard(Collection<String> served) {
    names.add("localhost");
    served.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
  }

  /** @throws AdminException 400, 421, 403 or 415, with a sentence, when the request may not go on */
  void check(String method, boolean api, Function<String, String> headers, int bodyLength) {
    String host = headers.apply("Host");
    if (host == null || host.isBlank()) {
      throw AdminException.badRequest("An HTTP/1.1 request needs a Host header.");
    }
    String name = nameOf(host.trim().toLowerCase(Locale.ROOT));
    if (!IP_LITERAL.matcher(name).matches() && !names.contains(name)) {
      throw new AdminException(421, "This admin server does not serve '" + name + "'; it answers to an IP address or "
          + String.join(", ", names) + " (another name may be a DNS-rebinding page; serve it with --tls-name).");
    }
    if (!api || !CHANGING.contains(method)) {
      return;
    }
    String origin = headers.apply("Origin");
    if (origin != null && !origin.equalsIgnoreCase("http://" + host.trim())) {
      throw new AdminException(403, method + " from the page at " + origin + " is refused: the admin API changes state only for"
          + " its own dashboard (http://" + host.trim() + ") and for clients that are no web page.");
    }
    String site = headers.apply("Sec-Fetch-Site");
    if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
      throw new AdminException(403, method + " from a " + site + " page is refused: the admin API changes state only for"
          + " its own dashboard and for clients that are no web page.");
    }
    String type = headers.apply("Content-Type");
    if (type == null ? bodyLength > 0 : !isJson(type)) {
      throw new AdminException(415, "A " + method + " body must be JSON: send 'Content-Type: application/json' (curl --json),"
          + " not " + (type == null ? "no Content-Type" : "'" + type + "'") + ".");
    }
  }

  private static boolean isJson(String contentType) {
    return contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json");
  }

  /** The host without its port: {@code [::1]:8197} is {@code [::1]}, {@code localhost:8197} is {@code localhost}. */
  private static String nameOf(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(0, close + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
