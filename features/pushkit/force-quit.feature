Feature: VoIP pushes to an app the user force-quit
  Apple documents nothing for VoIP pushes to a force-quit app, and the evidence conflicts, so
  PushSim models both readings (the knob forceQuitVoip, docs/device-model.md):
  - launch (the default): PushKit launches the app anyway and the usual checks apply (Apple DTS
    in developer forums thread 781211: the app died with 0xBAADCA11; Stack Overflow 19068762);
  - withhold: the Sinch seed's "iOS will only start delivering notifications to the application
    again after the user has actively started the application again".

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"

  # Catches: withholding under the default (a correct app's call would never ring).
  Scenario: By default a force-quit app is launched for a VoIP push and rings
    Given the app reports calls to CallKit at once
    And a device "Bob's iPhone" with the app installed
    When the user kills the app on "Bob's iPhone"
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And "Bob's iPhone" shows an incoming call from "Alice"
    And the app on "Bob's iPhone" is running

  # Catches: a launch that skips PushKit's checks, hiding a miss (no kill, no strike).
  Scenario: By default a force-quit app that does not report is killed and struck
    Given the app blocks its PushKit delegate for 30 seconds
    And a device "Bob's iPhone" with the app installed
    When the user kills the app on "Bob's iPhone"
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    And 7 seconds pass
    Then the app on "Bob's iPhone" is terminated with "0xbaadca11"
    And the app on "Bob's iPhone" has 1 strike

  # Catches: the knob being ignored (the push launches the app) or a drop that costs a strike.
  Scenario: With forceQuitVoip withhold, the app gets nothing until the user launches it
    Given the device model's forceQuitVoip is "withhold"
    And the app never reports calls to CallKit
    And a device "Bob's iPhone" with the app installed
    When the user kills the app on "Bob's iPhone"
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"
    And the last push is dropped on "Bob's iPhone"
    And the app on "Bob's iPhone" has 0 strikes
    When the app reports calls to CallKit at once
    And the user launches the app on "Bob's iPhone"
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then "Bob's iPhone" shows an incoming call from "Alice"
