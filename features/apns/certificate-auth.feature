Feature: Certificate auth is judged like Apple judges it
  Instead of a provider token, a provider may present an APNs client certificate in the TLS
  handshake. The certificate's topics and environments decide: a VoIP Services certificate covers
  <bundle id>.voip in both environments; a development certificate only the sandbox; a certificate
  that Apple's CA did not issue is refused.

  Background:
    Given a team "TEAM123456" with a signing key
    And the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed

  Scenario: A VoIP Services certificate rings the phone, with no provider token
    Given the provider authenticates with a VoIP Services certificate
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And "Bob's iPhone" shows an incoming call from "Alice"

  Scenario: A development certificate sends alerts to the sandbox
    Given the provider authenticates with a development certificate
    When the provider sends an alert push to "Bob's iPhone" with payload "{\"aps\":{\"alert\":\"Hello\"}}"
    Then APNs answers "200"
    And "Bob's iPhone" shows the notification "Hello"

  Scenario: A development certificate is refused by the production APNs
    Given the provider authenticates with a development certificate
    When the provider sends the VoIP push for "Bob's iPhone" to the production APNs
    Then APNs answers "403 BadCertificateEnvironment"

  Scenario: A development certificate does not cover the app's VoIP topic
    Given the provider authenticates with a development certificate
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "400 TopicDisallowed"
    And "Bob's iPhone" shows no incoming call

  Scenario: A certificate from a CA other than Apple's is refused
    Given the provider authenticates with a certificate from another CA
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "403 BadCertificate"
    And "Bob's iPhone" shows no incoming call
