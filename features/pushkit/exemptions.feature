Feature: No CallKit report is needed in the foreground or during a call
  Apple DTS (developer forums threads 768136 and 817976): an app must report a VoIP push to CallKit
  "unless: 1. Your app is the foreground. 2. Your app already has an active call". Such a push is
  exempt from both checks: no kill, no strike, and the journal says "pushkit.exempt" with why.
  PushSim judges the app's state once, as the push is delivered (see docs/device-model.md).

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"

  # Catches: killing or striking a foreground app (the rule before issue 19).
  Scenario: A foreground app that never reports is not killed and has 0 strikes
    Given the app never reports calls to CallKit
    And a device "Bob's iPhone" with the app installed
    When the user launches the app on "Bob's iPhone"
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 10 seconds pass
    Then APNs answers "200"
    And the app on "Bob's iPhone" is running
    And the app on "Bob's iPhone" has 0 strikes
    And the journal shows "pushkit.exempt" for the last push

  # Catches: judging only the foreground, so that a background app on a call is killed.
  Scenario: An app on an active call that does not report a second push is not killed
    Given the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And the user answers the call on "Bob's iPhone"
    And the app never reports calls to CallKit
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    And 10 seconds pass
    Then the app on "Bob's iPhone" is running
    And the app on "Bob's iPhone" has 0 strikes
    And the call on "Bob's iPhone" is answered
    And the journal shows "pushkit.exempt" for the last push

  # Catches: an exemption that outlives its reason (the call ended, the app went on being exempt).
  Scenario: Once the call is declined, an unreported push is a miss again
    Given the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And the user declines the call on "Bob's iPhone"
    And the app never reports calls to CallKit
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    Then the app on "Bob's iPhone" is terminated with "Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push."
    And the app on "Bob's iPhone" has 1 strike
