@register-token
Feature: Capabilities and payload formats the seeds name
  Tencent FAQ: no VoIP token is obtained when the Push Notifications capability is missing.
  Tencent, "Initiating VoIP Push": the caller's details travel in ext.entity (sender, nickname).

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once

  # Catches: issuing PushKit tokens to an app without the Push Notifications capability.
  Scenario: Without the Push Notifications capability there is no token to register
    Given the app has no Push Notifications capability
    And a device "Bob's iPhone" with the app installed
    When "Bob" signs in on "Bob's iPhone"
    Then the app on "Bob's iPhone" has no VoIP token
    And the app on "Bob's iPhone" has registered no token

  # Catches: a device that ignores Tencent's ext string and reports an unknown caller.
  Scenario: A Tencent ext entity names the caller to CallKit
    Given a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with:
      | body | {"aps":{},"ext":"{\"entity\":{\"action\":1,\"sender\":\"alice01\",\"nickname\":\"Alice Li\"}}"} |
    Then APNs answers "200"
    And "Bob's iPhone" shows an incoming call from "Alice Li"
