Feature: CallKit is not available on the China storefront
  App Review rejects apps with CallKit active in China (Guideline 5.0, MIIT): "VoIP call functionality
  continues to be allowed but can no longer take advantage of CallKit's" features. PushSim models a
  device on the CN storefront as one where a CallKit report fails with unentitled (a model choice:
  Apple documents no runtime error) and still counts as reported; LiveCommunicationKit, Tencent's
  recommended path for mainland China, rings through the iOS 26.4 metadata delegate.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"

  # Catches: CallKit working on the China storefront.
  Scenario: On the CN storefront a CallKit report fails with unentitled and shows no call
    Given the app reports calls to CallKit at once
    And a device "Li's iPhone" with the app installed
    And "Li's iPhone" is on the CN storefront
    When the provider sends a VoIP push to "Li's iPhone" with caller "Wang"
    And 10 seconds pass
    Then the CallKit report on "Li's iPhone" fails with "unentitled"
    And "Li's iPhone" shows no incoming call
    And the app on "Li's iPhone" is running
    And the app on "Li's iPhone" has 0 strikes

  # Catches: the storefront rule applied to every storefront.
  Scenario: On the US storefront the same app rings
    Given the app reports calls to CallKit at once
    And a device "Li's iPhone" with the app installed
    And "Li's iPhone" is on the US storefront
    When the provider sends a VoIP push to "Li's iPhone" with caller "Wang"
    Then "Li's iPhone" shows an incoming call from "Wang"

  # Catches: LiveCommunicationKit refused along with CallKit.
  Scenario: On the CN storefront a LiveCommunicationKit report through the metadata delegate rings
    Given the app reports calls to LiveCommunicationKit only when mustReport
    And the app implements the iOS 26.4 metadata delegate
    And a device "Li's iPhone" on iOS "26.4" with the app installed
    And "Li's iPhone" is on the CN storefront
    When the provider sends a VoIP push to "Li's iPhone" with caller "Wang"
    Then "Li's iPhone" shows an incoming call from "Wang"
    And the app on "Li's iPhone" is running
