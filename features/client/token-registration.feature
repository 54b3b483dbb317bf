@register-token @place-call
Feature: The app registers its VoIP token the way the seeds require
  Sinch holds the PushKit token until a client (a signed-in user) exists; Tencent's setVOIP is
  called after login with the certificate ID of the build's environment; both unregister at logout.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once

  Scenario: The token is held until the user logs in, then registered
    Given a device "Bob's iPhone" with the app installed
    When "Bob" launches the app on "Bob's iPhone"
    Then the app on "Bob's iPhone" has registered no token
    When "Bob" logs in on "Bob's iPhone"
    Then the app on "Bob's iPhone" registered its VoIP token for development
    When "Alice" calls "Bob"
    Then "Bob's iPhone" shows an incoming call from "Alice"

  @unregister-token
  Scenario: Logging out unregisters the token, and calls stop
    Given a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Bob" logs out on "Bob's iPhone"
    Then the app on "Bob's iPhone" unregistered its VoIP token
    When "Alice" calls "Bob"
    Then the provider sent 0 pushes

  Scenario: An SDK configured for production in a development build makes calls fail
    Given the app is signed for development
    And the app's calling SDK is configured for production
    And a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Alice" calls "Bob"
    Then the provider saw "400 BadDeviceToken"
    And "Bob's iPhone" shows no incoming call

  Scenario: Without the Voice over IP background mode there is no VoIP token to register
    Given the app has no Voice over IP background mode
    And a device "Bob's iPhone" with the app installed
    When "Bob" signs in on "Bob's iPhone"
    Then the app on "Bob's iPhone" has no VoIP token
    And the app on "Bob's iPhone" has registered no token
