Feature: World steps may declare the team and its app in either order
  A team declared before its app still has the app, and an app declared before its team is the
  team's: either way APNs takes the app's bundle id as a topic of the sender's team. Its bundle
  id ends in ".voip", which is still its own alert topic (APNs resolves topics against the
  team's registered bundle ids, docs/apns.md "Topics").

  Scenario: The team is declared before its app, whose bundle id ends in .voip
    Given a team "TEAM123456" with a signing key
    And an app "com.example.calls.voip"
    And a device "Bob's iPhone" with the app installed
    When the provider sends an alert push to "Bob's iPhone" with payload "{\"aps\":{\"alert\":\"Team first\"}}"
    Then APNs answers "200"
    And "Bob's iPhone" shows the notification "Team first"

  Scenario: The app is declared before its team
    Given an app "com.example.calls.voip"
    And a team "TEAM123456" with a signing key
    And a device "Bob's iPhone" with the app installed
    When the provider sends an alert push to "Bob's iPhone" with payload "{\"aps\":{\"alert\":\"App first\"}}"
    Then APNs answers "200"
    And "Bob's iPhone" shows the notification "App first"

  Scenario: A VoIP push to the .voip app rings whichever came first
    Given an app "com.example.calls.voip"
    And a team "TEAM123456" with a signing key
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And "Bob's iPhone" shows an incoming call from "Alice"
