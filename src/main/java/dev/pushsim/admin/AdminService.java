package dev.pushsim.admin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the admin server answers to one complete request, with no socket in sight: the dashboard's
 * files, or the bearer token checked and the request handed to its route.
 */
final class AdminService {

  private static final Logger log = LoggerFactory.getLogger(AdminService.class);

  private final RouteTable routes;
  private final DashboardFiles dashboard = new DashboardFiles();
  private final String bearerToken;
  private final OriginGuard guard;

  AdminService(RouteTable routes, String bearerToken, OriginGuard guard) {
    this.routes = routes;
    this.bearerToken = bearerToken;
    this.guard = guard;
  }

  /** The answer to {@code method target}; {@code headers} finds a request header's first value. */
  AdminReply reply(String method, String target, Function<String, String> headers, byte[] body) {
    String path = target;
    try {
      URI uri = parse(target);
      path = uri.getRawPath();
      boolean api = path.equals("/admin") || path.startsWith("/admin/");
      guard.check(method, api, headers, body.length);
      if (!path.equals("/admin") && !path.startsWith("/admin/")) {
        return dashboard.serve(method, path);
      }
      Map<String, String> query = AdminRequest.parseQuery(uri.getRawQuery());
      authorize(headers.apply("Authorization"), query.get(AdminRequest.ACCESS_TOKEN));
      RouteTable.Match match = routes.match(method, path);
      AdminRequest request = new AdminRequest(match.parameters(), query, headers, body);
      Object result = match.route().handler().handle(request);
      return result instanceof AdminReply reply ? reply : result == null ? AdminReply.noContent() : AdminReply.json(200, result);
    } catch (AdminException e) {
      return AdminReply.error(e.status(), e.getMessage(), e.headers());
    } catch (IllegalArgumentException e) {
      return AdminReply.error(400, e.getMessage(), Map.of());
    } catch (IllegalStateException e) {
      // The domain refuses what the world's state does not allow: installed twice, no call ringing, ...
      return AdminReply.error(409, e.getMessage(), Map.of());
    } catch (Exception e) {
      log.error("The admin route {} {} failed", method, path, e);
      return AdminReply.error(500, "The admin server failed on " + method + " " + path + ": " + e, Map.of());
    }
  }

  /** The request target as a URI; only origin-form ({@code /path?query}) names a route or file. */
  private static URI parse(String target) {
    try {
      URI uri = new URI(target);
      if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
        throw AdminException.badRequest("The request target must be a path like /admin/health, not '" + target + "'.");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw AdminException.badRequest("The request target is not a valid URI: " + e.getMessage());
    }
  }

  private void authorize(String authorization, String accessToken) {
    if (bearerToken == null) {
      return;
    }
    String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim()
        : accessToken;
    if (given == null) {
      throw new AdminException(401, "This admin API needs 'Authorization: Bearer <token>' (the --admin-token it was started with).",
          Map.of("WWW-Authenticate", "Bearer realm=\"pushsim\""));
    }
    // Constant-time comparison: the answer's timing must not reveal how much of a guess was right.
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), bearerToken.getBytes(StandardCharsets.UTF_8))) {
      throw new AdminException(401, "The bearer token is wrong.", Map.of("WWW-Authenticate", "Bearer realm=\"pushsim\", error=\"invalid_token\""));
    }
  }
}
