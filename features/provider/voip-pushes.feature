@register-token @place-call
Feature: The provider sends VoIP pushes as Apple and the seeds require
  The provider under test is the bundled reference provider unless a provider file says
  otherwise (pushsim test --provider). What it sent is judged from the fake APNs' journal.
  Scenarios tagged @provider-clock move the virtual clock and need a provider on it. Capability
  tags (@sinch, @offline-only, @token-auth, …) name what a provider file must declare for the
  scenario to apply; the others are not run, and the console says why.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And the app reports calls to CallKit at once

  Scenario: A call is a VoIP push to <bundle id>.voip at priority 10 that expires at once
    Given a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Alice" calls "Bob"
    Then "Bob's iPhone" shows an incoming call from "Alice"
    And every VoIP push the provider sent had push type voip, topic "com.example.phone.voip", priority 10 and expiration 0
    And every push the provider sent was at most 5120 bytes

  Scenario: The provider keeps its connection to APNs
    Given a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Alice" calls "Bob"
    And "Carol" calls "Bob"
    And "Dave" calls "Bob"
    Then the provider sent 3 pushes
    And the provider used 1 connection

  Scenario: A production-signed app is pushed through the production APNs
    Given the app is signed for production
    And a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Alice" calls "Bob"
    Then the provider sent 1 push to the production APNs
    And "Bob's iPhone" shows an incoming call from "Alice"

  Scenario: The provider stops pushing to a token that answered 410
    Given a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When the app is uninstalled from "Bob's iPhone"
    And "Alice" calls "Bob"
    Then the provider saw "410 Unregistered"
    When "Carol" calls "Bob"
    Then the provider sent 1 push

  @provider-clock
  Scenario Outline: <answer> is retried with backoff
    Given a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    And APNs answers the next 2 requests with "<answer>"
    When "Alice" calls "Bob"
    Then the provider sent 1 push
    When 1 second passes
    Then the provider sent 2 pushes
    When 2 seconds pass
    Then the provider sent 3 pushes
    And "Bob's iPhone" shows an incoming call from "Alice"

    Examples:
      | answer                  |
      | 503 ServiceUnavailable  |
      | 500 InternalServerError |
      | 429 TooManyRequests     |

  @provider-clock
  Scenario Outline: <answer> is never retried
    Given a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    And APNs answers the next 1 request with "<answer>"
    When "Alice" calls "Bob"
    And 30 seconds pass
    Then the provider sent 1 push
    And "Bob's iPhone" shows no incoming call

    Examples:
      | answer                   |
      | 400 BadTopic             |
      | 403 InvalidProviderToken |

  @provider-clock @token-auth
  Scenario: With token auth, the provider renews its provider token every 20 to 60 minutes
    Given the provider authenticates with a provider token
    And a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    When "Alice" calls "Bob" every 10 minutes for 3 hours
    Then the provider sent 18 pushes
    And the provider renewed its provider token every 20 to 60 minutes
    And the provider used 1 connection

  @sinch
  Scenario: A user with no VoIP token gets the call as Sinch's display-name alert
    Given a device "Bob's iPhone" with the app installed
    And "Bob" registered only an APNs token for alerts on "Bob's iPhone"
    When "Alice" calls "Bob"
    Then the provider sent 1 push
    And "Bob's iPhone" shows the notification "Incoming call from Alice"
    And "Bob's iPhone" shows no incoming call

  @presence @offline-only
  Scenario: VoIP pushes go only to users who are offline (Tencent IM)
    Given a device "Bob's iPhone" with the app installed
    And "Bob" signs in on "Bob's iPhone"
    And "Bob" is online in the messaging service
    When "Alice" calls "Bob"
    Then the provider sent 0 pushes
