@register-token @place-call @sinch
Feature: A callee without a VoIP token gets Sinch's display-name alert, key by key
  Sinch seed, "Push Notification Display Name": with a display name the alert is
  aps.alert.loc-key SIN_INCOMING_CALL_DISPLAY_NAME with the name in loc-args; without one it is
  loc-key SIN_INCOMING_CALL; both carry Sinch's opaque "sin" payload. The rendered banner alone
  cannot tell a plain alert from Sinch's format, so these scenarios check the keys.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed
    And "Bob" registered only an APNs token for alerts on "Bob's iPhone"

  # Catches: a plain title/body alert, a missing loc-args or a missing "sin" key.
  Scenario: With a display name the alert is SIN_INCOMING_CALL_DISPLAY_NAME with the name in loc-args
    When "Alice" calls "Bob"
    Then the provider sent 1 push
    And the last push the provider sent has "aps.alert.loc-key" set to "SIN_INCOMING_CALL_DISPLAY_NAME"
    And the last push the provider sent has "aps.alert.loc-args" set to '["Alice"]'
    And the last push the provider sent has a "sin" field
    And "Bob's iPhone" shows the notification "Incoming call from Alice"

  # Catches: SIN_INCOMING_CALL_DISPLAY_NAME with an empty or null name, or a dropped "sin" key.
  Scenario: Without a display name the alert is SIN_INCOMING_CALL with no loc-args
    When "Alice" calls "Bob" without a display name
    Then the provider sent 1 push
    And the last push the provider sent has "aps.alert.loc-key" set to "SIN_INCOMING_CALL"
    And the last push the provider sent has no "aps.alert.loc-args" field
    And the last push the provider sent has a "sin" field
    And "Bob's iPhone" shows the notification "Incoming call"
