package dev.pushsim.apns.tls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extra names the server certificate answers for, beyond loopback and Apple's hosts: a compose
 * service name, a Kubernetes service, a LAN address. Each is a DNS name (a leading {@code *.}
 * wildcard allowed) or an IPv4 or IPv6 address, checked when parsed.
 *
 * @param dnsNames DNS names, lower case
 * @param ipAddresses IP address literals, as given
 */
public record ServerNames(List<String> dnsNames, List<String> ipAddresses) {

  /** No extra names. */
  public static final ServerNames NONE = new ServerNames(List.of(), List.of());

  // RFC 1123 labels: letters, digits and inner hyphens, at most 63 characters.
  private static final Pattern LABEL = Pattern.compile("(?!-)[a-z0-9-]{1,63}(?<!-)");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");
  private static final int MAX_DNS_LENGTH = 253;

  public ServerNames {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  /**
   * Sorts {@code names} into DNS names and IP addresses, dropping duplicates.
   *
   * @throws IllegalArgumentException naming the first that is neither, and why
   */
  public static ServerNames parse(Collection<String> names) {
    Set<String> dns = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    for (String raw : names) {
      String name = raw == null ? "" : raw.trim();
      if (isIpAddress(name)) {
        ips.add(name.startsWith("[") ? name.substring(1, name.length() - 1) : name);
      } else {
        dns.add(checkDnsName(name));
      }
    }
    return new ServerNames(new ArrayList<>(dns), new ArrayList<>(ips));
  }

  /** True when there are no extra names. */
  public boolean isEmpty() {
    return dnsNames.isEmpty() && ipAddresses.isEmpty();
  }

  /** The first name given, preferring DNS names (what a client types), or null when there is none. */
  public String first() {
    return !dnsNames.isEmpty() ? dnsNames.get(0) : ipAddresses.isEmpty() ? null : ipAddresses.get(0);
  }

  private static boolean isIpAddress(String name) {
    if (IPV4.matcher(name).matches()) {
      return true;
    }
    String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    if (!bare.contains(":") || !IPV6_CHARACTERS.matcher(bare).matches()) {
      return false;
    }
    try {
      // Only hex digits, colons and dots reach here, so this parses a literal and never resolves a name.
      return java.net.InetAddress.getByName(bare) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("TLS name '" + name + "' is not an IPv6 address: " + e.getMessage());
    }
  }

  private static String checkDnsName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String rest = lower.startsWith("*.") ? lower.substring(2) : lower;
    if (rest.endsWith(".")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    if (rest.isEmpty() || lower.length() > MAX_DNS_LENGTH) {
      throw notAName(name, rest.isEmpty() ? "it is empty" : "it is longer than 253 characters");
    }
    for (String label : rest.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw notAName(name, label.isEmpty() ? "it has an empty label" : "label '" + label
            + "' must be 1 to 63 letters, digits or inner hyphens");
      }
    }
    if (rest.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      throw notAName(name, "it is all digits but not an IPv4 address");
    }
    return lower.startsWith("*.") ? "*." + rest : rest;
  }

  private static IllegalArgumentException notAName(String name, String why) {
    return new IllegalArgumentException(
        "TLS name '" + name + "' is neither a DNS name nor an IP address: " + why + ".");
  }
}
