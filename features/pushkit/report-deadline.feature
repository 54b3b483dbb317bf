Feature: PushKit terminates apps that do not report VoIP pushes to CallKit
  Since iOS 13 every VoIP push must be reported as an incoming call to CallKit. PushKit checks
  twice: when the app's delegate returns (check 1), and about 7 seconds after delivery (check 2).

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"

  Scenario: An app that reports at once shows the incoming call
    Given the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And "Bob's iPhone" shows an incoming call from "Alice"
    And the app on "Bob's iPhone" is running

  Scenario: Check 1 — the delegate returns without reporting
    Given the app never reports calls to CallKit
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And the app on "Bob's iPhone" is terminated with "Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push."
    And "Bob's iPhone" shows no incoming call
    And the app on "Bob's iPhone" has 1 strike

  Scenario: Reporting after 2 seconds is in time
    Given the app reports calls to CallKit after 2 seconds
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 2 seconds pass
    Then "Bob's iPhone" shows an incoming call from "Alice"
    When 10 seconds pass
    Then the app on "Bob's iPhone" is running

  Scenario: Check 2 — reporting after 8 seconds is too late
    Given the app reports calls to CallKit after 8 seconds
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 6 seconds pass
    Then the app on "Bob's iPhone" is running
    When 1 second passes
    Then the app on "Bob's iPhone" is terminated with "0xbaadca11"
    And "Bob's iPhone" shows no incoming call

  Scenario: A delegate that blocks is killed at the deadline
    Given the app blocks its PushKit delegate for 30 seconds
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 7 seconds pass
    Then the app on "Bob's iPhone" is terminated with "0xbaadca11"

  Scenario: A crash in the delegate is a miss too
    Given the app crashes when a VoIP push arrives
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then the app on "Bob's iPhone" has 1 strike
