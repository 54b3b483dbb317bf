Feature: iOS 26.4's metadata delegate and PKVoIPPushMetadata.mustReport
  iOS 26.4 adds pushRegistry(_:didReceiveIncomingVoIPPushWith:metadata:withCompletionHandler:), which
  asks the app "to report a VoIP call using CallKit or LiveCommunicationKit", and PKVoIPPushMetadata's
  mustReport: "whether a VoIP app must report a call or live conversation in response to receiving
  this VoIP notification" (developer.apple.com/documentation/pushkit/pkvoippushmetadata/mustreport).
  Apple DTS (forums 817976): false in the foreground, on an active call, and for pushes "old enough"
  to discard. PushSim calls a push stale when APNs held it longer than staleAfter (30s by default, a
  model choice). Older iOS versions ignore the new delegate. See docs/device-model.md.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"

  # Catches: no staleness, or mustReport always true: the app rings for a call long gone.
  Scenario: A push held while the phone was offline is stale: mustReport is false and needs no report
    Given the app reports calls to CallKit only when mustReport
    And the app implements the iOS 26.4 metadata delegate
    And a device "Dan's iPhone" on iOS "26.4" with the app installed
    And "Dan's iPhone" is offline
    When the provider sends a VoIP push to "Dan's iPhone" with caller "Alice" expiring in 1 hour
    And 40 seconds pass
    And "Dan's iPhone" comes back online
    And 10 seconds pass
    Then PushKit passes the app on "Dan's iPhone" mustReport false for the last push
    And "Dan's iPhone" shows no incoming call
    And the app on "Dan's iPhone" is running
    And the app on "Dan's iPhone" has 0 strikes
    And the journal shows "pushkit.exempt" for the last push

  # Catches: a metadata delegate that exempts every push.
  Scenario: A fresh push to a background app must be reported, or the app is killed
    Given the app never reports calls to CallKit
    And the app implements the iOS 26.4 metadata delegate
    And a device "Dan's iPhone" on iOS "26.4.1" with the app installed
    When the provider sends a VoIP push to "Dan's iPhone" with caller "Alice"
    And 10 seconds pass
    Then PushKit passes the app on "Dan's iPhone" mustReport true for the last push
    And the app on "Dan's iPhone" is terminated with "NSInternalInconsistencyException"
    And the app on "Dan's iPhone" has 1 strike

  # Catches: mustReport computed without the foreground rule.
  Scenario: In the foreground mustReport is false
    Given the app reports calls to CallKit only when mustReport
    And the app implements the iOS 26.4 metadata delegate
    And a device "Dan's iPhone" on iOS "26.4" with the app installed
    When the user launches the app on "Dan's iPhone"
    And the provider sends a VoIP push to "Dan's iPhone" with caller "Alice"
    And 10 seconds pass
    Then PushKit passes the app on "Dan's iPhone" mustReport false for the last push
    And the app on "Dan's iPhone" is running
    And the app on "Dan's iPhone" has 0 strikes

  # Catches: the staleAfter knob being ignored.
  Scenario: With staleAfter 2m, a push held for 40 seconds must still be reported
    Given the device model's staleAfter is "2m"
    And the app reports calls to CallKit only when mustReport
    And the app implements the iOS 26.4 metadata delegate
    And a device "Dan's iPhone" on iOS "26.4" with the app installed
    And "Dan's iPhone" is offline
    When the provider sends a VoIP push to "Dan's iPhone" with caller "Alice" expiring in 1 hour
    And 40 seconds pass
    And "Dan's iPhone" comes back online
    Then PushKit passes the app on "Dan's iPhone" mustReport true for the last push
    And "Dan's iPhone" shows an incoming call from "Alice"

  # Catches: honouring the new delegate on an iOS that does not have it.
  Scenario: iOS 26.3 ignores the metadata delegate: the classic one runs and a stale push rings
    Given the app reports calls to CallKit only when mustReport
    And the app implements the iOS 26.4 metadata delegate
    And a device "Eve's iPhone" on iOS "26.3" with the app installed
    And "Eve's iPhone" is offline
    When the provider sends a VoIP push to "Eve's iPhone" with caller "Alice" expiring in 1 hour
    And 40 seconds pass
    And "Eve's iPhone" comes back online
    Then PushKit passes the app on "Eve's iPhone" mustReport absent for the last push
    And "Eve's iPhone" shows an incoming call from "Alice"

  # Catches: a LiveCommunicationKit report not counted by the iOS 26.4 delegate.
  Scenario: Through the metadata delegate a LiveCommunicationKit report counts
    Given the app reports calls to LiveCommunicationKit only when mustReport
    And the app implements the iOS 26.4 metadata delegate
    And a device "Dan's iPhone" on iOS "26.4" with the app installed
    When the provider sends a VoIP push to "Dan's iPhone" with caller "Alice"
    And 10 seconds pass
    Then "Dan's iPhone" shows an incoming call from "Alice"
    And the app on "Dan's iPhone" is running
    And the app on "Dan's iPhone" has 0 strikes

  # Catches: a LiveCommunicationKit report counted under the classic delegate (a model choice).
  Scenario: Under the classic delegate a LiveCommunicationKit report does not count
    Given the app reports calls to LiveCommunicationKit only when mustReport
    And a device "Eve's iPhone" on iOS "26.4" with the app installed
    When the provider sends a VoIP push to "Eve's iPhone" with caller "Alice"
    Then the app on "Eve's iPhone" is terminated with "NSInternalInconsistencyException"
    And the app on "Eve's iPhone" has 1 strike
    And the journal shows "pushkit.report.notCounted" for the last push
