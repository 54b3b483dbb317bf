package dev.pushsim.apns;

import dev.pushsim.apns.tls.ClientIdentity;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.PushType;

/**
 * One request on its way through the checks: each check reads what earlier ones established
 * (the token from the path, the authenticated team, the topic) and adds its own finding.
 */
final class PushContext {

  final ApnsRequest request;
  final ApnsConnection connection;
  final long nowMillis;

  String apnsId;
  String tokenHex;
  /** Token auth: the team and key of the verified JWT. */
  String teamId;
  String keyId;
  /** Certificate auth: the verified client certificate's identity. */
  ClientIdentity certificate;
  String topic;
  String bundleId;
  PushType pushType;
  int priority = 10;
  Long expiration;
  String collapseId;
  DeviceToken token;
  /** The accepted provider token's {@code iat}; 0 without token auth. */
  long tokenIssuedAtSeconds;

  PushContext(ApnsRequest request, ApnsConnection connection, long nowMillis) {
    this.request = request;
    this.connection = connection;
    this.nowMillis = nowMillis;
  }

  /** Who sent it, for the journal: "token TEAMID/KEYID" or "certificate <uid>". */
  String authIdentity() {
    if (certificate != null) {
      return "certificate " + certificate.subjectUid();
    }
    if (teamId != null) {
      return connection.tokenIdentity(teamId, keyId);
    }
    return null;
  }
}
