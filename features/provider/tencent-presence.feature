@register-token @place-call @offline-only
Feature: Tencent pushes calls again once the user goes offline
  Tencent seed: "VoIP Push supports offline push notifications only"; its FAQ says to test by
  sending the app to the background or killing it. A user who goes offline must get calls again.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once

  # Catches: a provider that stops pushing for good once it saw the user online.
  Scenario: Pushes resume when an online user goes offline
    Given a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    And "Bob" is online in the messaging service
    When "Alice" calls "Bob"
    Then the provider sent 0 pushes
    When "Bob" goes offline in the messaging service
    And "Carol" calls "Bob"
    Then the provider sent 1 push
    And "Bob's iPhone" shows an incoming call from "Carol"
