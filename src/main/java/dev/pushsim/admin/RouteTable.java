package dev.pushsim.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's routes in one table: a method, a path template with {@code {parameters}} and a
 * method reference each (WireMock's lesson: a table, not a class per route). The table also
 * describes itself, at {@code GET /admin}.
 */
final class RouteTable {

  /** What a route does; a plain returned object is answered as 200 JSON, null as 204. */
  @FunctionalInterface
  interface Handler {
    Object handle(AdminRequest request) throws Exception;
  }

  /** One row of the table; {@code segments} is the template split once, for matching every request. */
  record Route(String method, String template, List<String> segments, String summary, Handler handler) {}

  /** A route that matched a request, with the values of its path parameters. */
  record Match(Route route, Map<String, String> parameters) {}

  /** One row of the table as {@code GET /admin} lists it. */
  record Description(String method, String path, String summary) {}

  private final List<Route> routes = new ArrayList<>();

  RouteTable get(String template, String summary, Handler handler) {
    return add("GET", template, summary, handler);
  }

  RouteTable post(String template, String summary, Handler handler) {
    return add("POST", template, summary, handler);
  }

  RouteTable put(String template, String summary, Handler handler) {
    return add("PUT", template, summary, handler);
  }

  RouteTable delete(String template, String summary, Handler handler) {
    return add("DELETE", template, summary, handler);
  }

  private RouteTable add(String method, String template, String summary, Handler handler) {
    routes.add(new Route(method, template, List.copyOf(segmentsOf(template)), summary, handler));
    return this;
  }

  List<Description> describe() {
    return routes.stream().map(route -> new Description(route.method(), route.template(), route.summary())).toList();
  }

  /**
   * The route for {@code method} and {@code rawPath} (still percent-encoded).
   *
   * @throws AdminException 404 when no template matches the path, 405 (with {@code Allow}) when
   *     templates match but not for this method
   */
  Match match(String method, String rawPath) {
    List<String> path = segmentsOf(rawPath);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Map<String, String> parameters = bind(route.segments(), path);
      if (parameters == null) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Match(route, parameters);
      }
      allowed.add(route.method());
    }
    if (allowed.isEmpty()) {
      throw AdminException.notFound("No admin route " + method + " " + rawPath + "; GET /admin lists them.");
    }
    String allow = String.join(", ", allowed);
    throw new AdminException(405, method + " is not allowed on " + rawPath + "; use " + allow + ".", Map.of("Allow", allow));
  }

  /** The template's parameters bound to the path's segments, or null when they do not match. */
  private static Map<String, String> bind(List<String> template, List<String> path) {
    if (template.size() != path.size()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String expected = template.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        parameters.put(expected.substring(1, expected.length() - 1), decode(path.get(i)));
      } else if (!expected.equals(path.get(i))) {
        return null;
      }
    }
    return parameters;
  }

  private static List<String> segmentsOf(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }

  /** A path segment decoded: {@code %20} is a space, but a {@code +} stays a plus (it is not a query). */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw AdminException.badRequest("Malformed percent-encoding in the path segment '" + segment + "'");
    }
  }
}
