Feature: Environments, provider tokens and limits

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"

  Scenario: A development token sent to the production APNs is a bad device token
    Given the app is signed for development
    And a device "Bob's iPhone" with the app installed
    When the provider sends the VoIP push for "Bob's iPhone" to the production APNs
    Then APNs answers "400 BadDeviceToken"

  Scenario: A production-signed app is reached through the production APNs
    Given the app is signed for production
    And a device "Bob's iPhone" with the app installed
    When the provider sends the VoIP push for "Bob's iPhone" to the production APNs
    Then APNs answers "200"

  Scenario: A provider token older than an hour is expired
    Given a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with:
      | authorization | bearer signed 61 minutes ago |
    Then APNs answers "403 ExpiredProviderToken"

  Scenario: A VoIP payload may be 5120 bytes, not one more
    Given a device "Bob's iPhone" with the app installed
    When the provider sends a VoIP push to "Bob's iPhone" with a payload of 5120 bytes
    Then APNs answers "200"
    When the provider sends a VoIP push to "Bob's iPhone" with a payload of 5121 bytes
    Then APNs answers "413 PayloadTooLarge"

  Scenario: An alert payload may be 4096 bytes, not one more
    Given a device "Bob's iPhone" with the app installed
    When the provider sends an alert push to "Bob's iPhone" with a payload of 4097 bytes
    Then APNs answers "413 PayloadTooLarge"
