Feature: Topics are resolved against the apps the team has
  APNs knows which bundle ids are registered to a team: a topic that is one of them is that
  app's own alert and background topic, whatever it ends with; a topic with a push type's suffix
  (".voip", ".complication", ...) is valid when the rest is one of them. So an app whose bundle
  id ends in ".voip" gets alerts at "com.example.voip" and VoIP pushes at "com.example.voip.voip".
  World steps may come in any order: a team declared before its app still has the app.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.voip"
    And a device "Bob's iPhone" with the app installed

  Scenario: An app whose bundle id ends in .voip receives an alert push at its bundle id
    When the provider sends an alert push to "Bob's iPhone" with payload "{\"aps\":{\"alert\":\"Hello\"}}"
    Then APNs answers "200"
    And "Bob's iPhone" shows the notification "Hello"

  Scenario: The same app receives VoIP pushes at its bundle id plus .voip
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And "Bob's iPhone" shows an incoming call from "Alice"

  Scenario Outline: Topic <topic> with apns-push-type <type> is answered <answer>
    When the provider sends an alert push to "Bob's iPhone" with:
      | apns-topic     | <topic> |
      | apns-push-type | <type>  |
    Then APNs answers "<answer>"

    Examples:
      | topic                 | type       | answer              |
      | com.example.voip      | alert      | 200                 |
      | com.example.voip      | (none)     | 200                 |
      | com.example.voip.voip | alert      | 400 InvalidPushType |
      | com.example.voip      | voip       | 400 InvalidPushType |
      | com.example           | alert      | 400 TopicDisallowed |
      | com.other.app.voip    | voip       | 400 TopicDisallowed |
