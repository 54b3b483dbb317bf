Feature: Repeated misses make iOS stop delivering VoIP pushes
  Apple: "the system stops launching your app for VoIP push notifications" after repeated
  failures to report. PushSim's strike limit is 3 (a model choice: Apple publishes none); it
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
