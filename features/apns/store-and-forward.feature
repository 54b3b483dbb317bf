Feature: APNs stores one notification per app and topic while a device is offline
  Apple: APNs stores one notification per app (bundle ID), in most cases the latest, "for 30 days or
  less" (sending-notification-requests-to-apns); apns-expiration 0 means never stored. PushSim
  reads a VoIP push (its own PushKit token and topic <bundle>.voip) as having its own slot; the
  knob offlineStore one-per-app is the literal reading (docs/device-model.md).

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed
    And "Bob's iPhone" is offline

  # Catches: a store that keeps every push (Alice would ring too, then Carol).
  Scenario: Only the newest push is delivered on reconnect
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice" expiring in 1 hour
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Carol" expiring in 1 hour
    Then APNs answers "200"
    And the last push is stored on "Bob's iPhone"
    When "Bob's iPhone" comes back online
    Then "Bob's iPhone" shows an incoming call from "Carol"
    And "Bob's iPhone" has had 1 incoming call

  # Catches: one slot for all of an app's pushes under the default (the alert discards the call).
  Scenario: A pending alert does not discard a pending call
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice" expiring in 1 hour
    And the provider sends an alert push to "Bob's iPhone" with payload "{\"aps\":{\"alert\":\"Hello\"}}"
    And "Bob's iPhone" comes back online
    Then "Bob's iPhone" shows an incoming call from "Alice"
    And "Bob's iPhone" shows the notification "Hello"

  # Catches: the offlineStore knob being ignored.
  Scenario: With offlineStore one-per-app, an alert discards a pending call
    Given the device model's offlineStore is "one-per-app"
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice" expiring in 1 hour
    And the provider sends an alert push to "Bob's iPhone" with payload "{\"aps\":{\"alert\":\"Hello\"}}"
    And "Bob's iPhone" comes back online
    Then "Bob's iPhone" shows no incoming call
    And "Bob's iPhone" shows the notification "Hello"

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

  # Catches: a store without the cap (before issue 19 a push rang after 400 simulated days),
  # and a cap that is too short (the 29-day push must still ring).
  Scenario Outline: APNs keeps a stored push 30 days at most, whatever its expiration
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice" expiring in 60 days
    And <offline> pass
    And "Bob's iPhone" comes back online
    Then "Bob's iPhone" has had <calls> incoming call

    Examples:
      | offline | calls |
      | 29 days | 1     |
      | 31 days | 0     |

  # Catches: the cap counted only for pushes with an expiration (absent means "the storage policy").
  Scenario: An alert without apns-expiration is not shown after 31 days offline
    When the provider sends an alert push to "Bob's iPhone" with payload "{\"aps\":{\"alert\":\"Hello\"}}"
    And 31 days pass
    And "Bob's iPhone" comes back online
    Then the last push is expired on "Bob's iPhone"
