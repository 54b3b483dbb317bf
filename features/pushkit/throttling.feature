Feature: Repeated misses make iOS stop delivering VoIP pushes
  Apple: "the system stops launching your app for VoIP push notifications" after repeated
  failures to report. PushSim's strike limit is 3 consecutive misses (model choices: Apple publishes none); it
  lasts until the app is reinstalled, and APNs keeps answering 200.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app never reports calls to CallKit
    And a device "Bob's iPhone" with the app installed

  Scenario: The third miss throttles the app
    When the provider sends 2 VoIP pushes to "Bob's iPhone"
    Then VoIP pushes to the app on "Bob's iPhone" are not throttled
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then VoIP pushes to the app on "Bob's iPhone" are throttled
    And the app on "Bob's iPhone" has 3 strikes

  Scenario: A throttled app never rings, though APNs answers 200
    Given the provider sends 3 VoIP pushes to "Bob's iPhone"
    And the app reports calls to CallKit at once
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And the last push is dropped on "Bob's iPhone"
    And "Bob's iPhone" shows no incoming call

  Scenario: Reinstalling restores delivery
    Given the provider sends 3 VoIP pushes to "Bob's iPhone"
    And the app reports calls to CallKit at once
    When the app is reinstalled on "Bob's iPhone"
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then "Bob's iPhone" shows an incoming call from "Alice"
    And VoIP pushes to the app on "Bob's iPhone" are not throttled

  # Catches: the strikeLimit knob being ignored (the default 3 would throttle here).
  Scenario: With a strike limit of 5, three misses do not throttle
    Given the device model's strikeLimit is "5"
    When the provider sends 4 VoIP pushes to "Bob's iPhone"
    Then VoIP pushes to the app on "Bob's iPhone" are not throttled
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then VoIP pushes to the app on "Bob's iPhone" are throttled

  # Catches: strikes that add up across good calls under the default (only consecutive misses count).
  Scenario: A reported call forgives earlier misses
    When the provider sends 2 VoIP pushes to "Bob's iPhone"
    And the app reports calls to CallKit at once
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And the user declines the call on "Bob's iPhone"
    And the app never reports calls to CallKit
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then the app on "Bob's iPhone" has 1 strike
    And VoIP pushes to the app on "Bob's iPhone" are not throttled

  # Catches: the strikeDecay knob being ignored.
  Scenario: With strikeDecay none, misses add up across a good call
    Given the device model's strikeDecay is "none"
    When the provider sends 2 VoIP pushes to "Bob's iPhone"
    And the app reports calls to CallKit at once
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And the user declines the call on "Bob's iPhone"
    And the app never reports calls to CallKit
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then VoIP pushes to the app on "Bob's iPhone" are throttled
