Feature: The same call UUID reported twice fails with callUUIDAlreadyExists
  CallKit refuses a second reportNewIncomingCall for a UUID it already has
  (CXErrorCodeIncomingCallError.callUUIDAlreadyExists, code 2), and a refused report still counts as
  reported. Apple DTS (forums 768136) recommends exactly this for a push that arrives during a call:
  report it again with the existing call's UUID. The second push comes during an active call, so it
  needs no report anyway; the app is not killed either way.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed

  # Catches: a second report of a ringing call's UUID that succeeds (two calls shown) or kills the app.
  Scenario: A second push for a ringing call is reported again and CallKit refuses it
    When the provider sends a VoIP push to "Bob's iPhone" with:
      | payload | {"aps":{},"caller":"Alice","callId":"6f9619ff-8b86-d011-b42d-00c04fc964ff"} |
    And the provider sends a VoIP push to "Bob's iPhone" with:
      | payload | {"aps":{},"caller":"Alice","callId":"6f9619ff-8b86-d011-b42d-00c04fc964ff"} |
    And 10 seconds pass
    Then the CallKit report on "Bob's iPhone" fails with "callUUIDAlreadyExists"
    And "Bob's iPhone" has had 1 incoming call
    And "Bob's iPhone" shows an incoming call from "Alice"
    And the app on "Bob's iPhone" is running
    And the app on "Bob's iPhone" has 0 strikes

  # Catches: refusing a UUID whose call has ended (CallKit forgets an ended call).
  Scenario: Once the call is declined, the same UUID rings again
    When the provider sends a VoIP push to "Bob's iPhone" with:
      | payload | {"aps":{},"caller":"Alice","callId":"6f9619ff-8b86-d011-b42d-00c04fc964ff"} |
    And the user declines the call on "Bob's iPhone"
    And the provider sends a VoIP push to "Bob's iPhone" with:
      | payload | {"aps":{},"caller":"Alice","callId":"6f9619ff-8b86-d011-b42d-00c04fc964ff"} |
    Then "Bob's iPhone" shows an incoming call from "Alice"
    And the journal shows "callkit.call.shown" for the last push
