Feature: The app must set its PushKit delegate at every launch
  PushKit hands a VoIP push only to a PKPushRegistry delegate; an app launched for a push that
  sets none in time never reports, and callservicesd kills it at check 2 with 0xbaadca11 (Apple
  DTS, developer forums thread 781211: "two separate mechanisms"). The Sinch seed: create
  SINManagedPush "as early as possible in the application's life-cycle".

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once

  # Catches: delivering to an app that set no delegate, or not killing it; the journal says why.
  Scenario: An app that sets no PushKit delegate at launch is killed at check 2
    Given the app does not set its PushKit delegate at launch
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 6 seconds pass
    Then the app on "Bob's iPhone" is running
    When 1 second passes
    Then the app on "Bob's iPhone" is terminated with "0xbaadca11"
    And the app on "Bob's iPhone" has 1 strike
    And "Bob's iPhone" shows no incoming call
    And the journal shows "pushkit.delegate.missing" for the last push

  # Catches: a late delegate that is never handed the held push, or check 2 restarting at the delegate.
  Scenario: A delegate set 3 seconds after launch still gets the push in time
    Given the app sets its PushKit delegate only 3 seconds after launch
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 3 seconds pass
    Then "Bob's iPhone" shows an incoming call from "Alice"
    When 10 seconds pass
    Then the app on "Bob's iPhone" is running

  # Catches: a deadline counted from the late delegate instead of from delivery.
  Scenario: A delegate set 8 seconds after launch is too late
    Given the app sets its PushKit delegate only 8 seconds after launch
    And a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 10 seconds pass
    Then the app on "Bob's iPhone" is terminated with "0xbaadca11"
    And "Bob's iPhone" shows no incoming call
