Feature: APNs stores one notification per app while a device is offline

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed
    And "Bob's iPhone" is offline

  Scenario: Only the newest push is delivered on reconnect
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice" expiring in 1 hour
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Carol" expiring in 1 hour
    Then APNs answers "200"
    And the last push is stored on "Bob's iPhone"
    When "Bob's iPhone" comes back online
    Then "Bob's iPhone" shows an incoming call from "Carol"

  Scenario: A push with apns-expiration 0 is not stored
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And the last push is expired on "Bob's iPhone"
    When "Bob's iPhone" comes back online
    Then "Bob's iPhone" shows no incoming call

  Scenario: A push that expires while the device is offline never rings
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice" expiring in 1 minute
    And 2 minutes pass
    And "Bob's iPhone" comes back online
    Then the last push is expired on "Bob's iPhone"
    And "Bob's iPhone" shows no incoming call
