Feature: Do Not Disturb lets allowed callers and repeated calls through
  Focus (Do Not Disturb) silences calls except from allowed people (Favorites or a chosen list)
  and, with Repeated Calls on (the default), a second call from the same caller within three
  minutes. A silenced call's CallKit report fails with filteredByDoNotDisturb and still counts as
  reported. See docs/device-model.md for the sources.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed
    And "Bob's iPhone" is in Do Not Disturb

  # Catches: Do Not Disturb filtering every caller, allowed ones included.
  Scenario: An allowed caller rings through Do Not Disturb
    Given "Bob's iPhone" allows calls from "Alice" in Do Not Disturb
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then "Bob's iPhone" shows an incoming call from "Alice"

  # Catches: an allowed list that lets everyone through.
  Scenario: A caller who is not allowed is silenced
    Given "Bob's iPhone" allows calls from "Alice" in Do Not Disturb
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    Then the CallKit report on "Bob's iPhone" fails with "filteredByDoNotDisturb"
    And "Bob's iPhone" shows no incoming call
    And the app on "Bob's iPhone" is running

  # Catches: no Repeated Calls rule.
  Scenario: A second call from the same caller within three minutes rings
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    And 2 minutes pass
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    Then "Bob's iPhone" shows an incoming call from "Carol"

  # Catches: a Repeated Calls window without an end.
  Scenario: A second call more than three minutes later is silenced again
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    And 4 minutes pass
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    Then the CallKit report on "Bob's iPhone" fails with "filteredByDoNotDisturb"
    And "Bob's iPhone" shows no incoming call

  # Catches: the Repeated Calls setting being ignored.
  Scenario: With Repeated Calls off, the second call is silenced too
    Given "Bob's iPhone" has Repeated Calls off
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    And 1 minute passes
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Carol"
    Then the CallKit report on "Bob's iPhone" fails with "filteredByDoNotDisturb"
