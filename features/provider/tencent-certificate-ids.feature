@register-token @place-call @certificate-ids
Feature: Tencent's certificate ID names the environment a token is pushed in
  Tencent seed, step 2: uploading one VoIP certificate generates one certificate ID for the
  development and one for the production environment; they "must be strictly distinguished" and
  an App Store app needs the production one, "otherwise, push notifications cannot be received".
  The provider under test maps the ID an app registers with (setVOIP) to the APNs it pushes to.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once
    And the provider has certificate ID "1001" for development
    And the provider has certificate ID "2002" for production

  # Catches: a provider that does not use the certificate ID at all (it still must reach the right APNs).
  Scenario: A development build registering the development certificate ID gets calls
    Given the app is signed for development
    And the app's calling SDK uses certificate ID "1001"
    And a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Alice" calls "Bob"
    Then the provider sent 1 push to the development APNs
    And "Bob's iPhone" shows an incoming call from "Alice"

  # Catches: a provider that ignores the certificate ID and trusts the environment the SDK sends.
  Scenario: A development build registering the production certificate ID gets no calls
    Given the app is signed for development
    And the app's calling SDK uses certificate ID "2002"
    And a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Alice" calls "Bob"
    Then the provider sent 1 push to the production APNs
    And the provider saw "400 BadDeviceToken"
    And "Bob's iPhone" shows no incoming call

  # Catches: an App Store (production-signed) build that still works with the development ID.
  Scenario: An App Store build registered with the development certificate ID gets no calls
    Given the app is signed for production
    And the app's calling SDK uses certificate ID "1001"
    And a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Alice" calls "Bob"
    Then the provider sent 1 push to the development APNs
    And the provider saw "400 BadDeviceToken"
    And "Bob's iPhone" shows no incoming call

  # Catches: a provider that accepts an ID it never issued and guesses an environment.
  Scenario: A certificate ID the provider never issued is refused at registration
    Given the app's calling SDK uses certificate ID "3003"
    And a device "Bob's iPhone" with the app installed
    When "Bob" signs in on "Bob's iPhone"
    Then the app on "Bob's iPhone" has registered no token
