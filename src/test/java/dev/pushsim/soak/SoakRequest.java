package dev.pushsim.soak;

import dev.pushsim.testing.PushRequest;
import dev.pushsim.testing.TestProvider;
import java.util.SplittableRandom;

/** The soak's mix of requests, valid or broken in one of the ways providers break them. */
final class SoakRequest {

  private SoakRequest() {}

  /** The kinds of request, each with its share of the mix. */
  enum Kind {
    VOIP(35), ALERT(15), BAD_TOPIC(5), BAD_PRIORITY(4), UNKNOWN_TOKEN(5), BAD_JSON(5), TOO_LARGE(3), MISSING_TOPIC(3),
    FORGED_TOKEN(5), WRONG_METHOD(2), BAD_PATH(2), DUPLICATE_HEADERS(2), MALFORMED_HEADER(4), HEADER_LIST_TOO_LARGE(1);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }

    static final int TOTAL = java.util.Arrays.stream(values()).mapToInt(kind -> kind.weight).sum();

    static Kind pick(SplittableRandom random) {
      int ticket = random.nextInt(TOTAL);
      for (Kind kind : values()) {
        ticket -= kind.weight;
        if (ticket < 0) {
          return kind;
        }
      }
      throw new AssertionError("weights add up to " + TOTAL);
    }
  }

  /** The next request of the mix, tagged with the soak id {@code id}. */
  static PushRequest next(SplittableRandom random, TestProvider provider, Soak.TokenPool voipTokens, Soak.TokenPool apnsTokens, long id) {
    Kind kind = Kind.pick(random);
    PushRequest push = kind == Kind.ALERT ? provider.alert(apnsTokens.any(random)) : provider.voip(voipTokens.any(random));
    push.header("apns-id", Soak.uuid(random)).header(Soak.SOAK_ID, Long.toString(id));
    switch (kind) {
      case BAD_TOPIC -> push.header("apns-topic", "com.example.elsewhere.voip");
      case BAD_PRIORITY -> push.header("apns-priority", "7");
      case UNKNOWN_TOKEN -> push.path("/3/device/" + Long.toHexString(random.nextLong()).repeat(4));
      case BAD_JSON -> push.body("{\"aps\":");
      case TOO_LARGE -> push.body("{\"aps\":{},\"pad\":\"" + "x".repeat(5200) + "\"}");
      case MISSING_TOPIC -> push.without("apns-topic");
      case FORGED_TOKEN -> push.header("authorization", forged(provider.bearer()));
      case WRONG_METHOD -> push.method("GET").noBody();
      case BAD_PATH -> push.path("/3/devices/" + id);
      case DUPLICATE_HEADERS -> push.repeatHeader("apns-priority", "5");
      case MALFORMED_HEADER -> push.header("X-Vendor", "uppercase names are malformed in HTTP/2");
      case HEADER_LIST_TOO_LARGE -> push.header("x-padding", "p".repeat(9000)).noBody();
      default -> { }
    }
    return push;
  }

  /** The bearer with one character of its signature changed. */
  private static String forged(String bearer) {
    int at = bearer.length() - 5;
    char changed = bearer.charAt(at) == 'A' ? 'B' : 'A';
    return bearer.substring(0, at) + changed + bearer.substring(at + 1);
  }
}
