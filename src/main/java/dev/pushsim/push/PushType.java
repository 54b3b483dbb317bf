package dev.pushsim.push;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The values of {@code apns-push-type}, with the topic suffix Apple requires for each. */
public enum PushType {
  ALERT("alert", "", Channel.APNS),
  BACKGROUND("background", "", Channel.APNS),
  LOCATION("location", ".location-query", Channel.APNS),
  VOIP("voip", ".voip", Channel.VOIP),
  COMPLICATION("complication", ".complication", Channel.APNS),
  FILEPROVIDER("fileprovider", ".pushkit.fileprovider", Channel.APNS),
  /** MDM pushes use the topic of the MDM certificate: no suffix rule applies. */
  MDM("mdm", null, Channel.APNS),
  LIVEACTIVITY("liveactivity", ".push-type.liveactivity", Channel.APNS),
  PUSHTOTALK("pushtotalk", ".voip-ptt", Channel.APNS),
  WIDGETS("widgets", ".push-type.widgets", Channel.APNS),
  CONTROLS("controls", ".push-type.controls", Channel.APNS);

  private static final Map<String, PushType> BY_HEADER =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(PushType::headerValue, Function.identity()));

  private static final List<PushType> SUFFIXED = Arrays.stream(values())
      .filter(type -> type.topicSuffix != null && !type.topicSuffix.isEmpty())
      .sorted(Comparator.comparingInt((PushType type) -> type.topicSuffix.length()).reversed())
      .toList();

  private final String headerValue;
  private final String topicSuffix;
  private final Channel channel;

  PushType(String headerValue, String topicSuffix, Channel channel) {
    this.headerValue = headerValue;
    this.topicSuffix = topicSuffix;
    this.channel = channel;
  }

  /** The value of the {@code apns-push-type} header. */
  public String headerValue() {
    return headerValue;
  }

  /** What Apple appends to the bundle id to form this type's topic; "" for none, null for MDM. */
  public String topicSuffix() {
    return topicSuffix;
  }

  /** The device registration whose token this type of push must address. */
  public Channel channel() {
    return channel;
  }

  /** The topic for pushes of this type to the app {@code bundleId}. */
  public String topicFor(String bundleId) {
    return topicSuffix == null ? bundleId : bundleId + topicSuffix;
  }

  /** The push types whose topic is the bundle id plus a suffix, longest suffix first. */
  public static List<PushType> suffixed() {
    return SUFFIXED;
  }

  /** The type named by an {@code apns-push-type} header value (exact, lower case). */
  public static Optional<PushType> fromHeader(String value) {
    return Optional.ofNullable(BY_HEADER.get(value));
  }
}
