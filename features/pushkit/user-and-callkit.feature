Feature: What the user does, and what CallKit refuses

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once

  Scenario: Do Not Disturb fails the report, which still counts as reported
    Given a device "Bob's iPhone" with the app installed
    And "Bob's iPhone" is in Do Not Disturb
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 10 seconds pass
    Then the CallKit report on "Bob's iPhone" fails with "filteredByDoNotDisturb"
    And "Bob's iPhone" shows no incoming call
    And the app on "Bob's iPhone" is running

  Scenario: A blocked caller fails the report
    Given a device "Bob's iPhone" with the app installed
    And "Bob's iPhone" blocks calls from "Alice"
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then the CallKit report on "Bob's iPhone" fails with "filteredByBlockList"

  Scenario: An app without the CallKit entitlement cannot report
    Given the app has no CallKit entitlement
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then the CallKit report on "Bob's iPhone" fails with "unentitled"

  Scenario Outline: The call ends when the user <acts>
    Given a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And the user <acts> the call on "Bob's iPhone"
    Then the call on "Bob's iPhone" is <state>
    And "Bob's iPhone" shows no incoming call

    Examples:
      | acts     | state    |
      | answers  | answered |
      | declines | declined |

  Scenario: A call nobody answers ends after a minute
    Given a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 60 seconds pass
    Then the call on "Bob's iPhone" is unanswered

  Scenario: An app without the Voice over IP background mode gets no VoIP token
    Given the app has no Voice over IP background mode
    When a device "Bob's iPhone" with the app installed
    Then the app on "Bob's iPhone" has no VoIP token
