Feature: The fake APNs answers every request as Apple does
  Providers switch on Apple's status codes and reason strings; each one here is reached by a
  real HTTP/2 request over TLS.

  Background:
    Given a team "TEAM123456" with a signing key
    And an app "com.example.phone"
    And a device "Bob's iPhone" with the app installed

  Scenario: A correct VoIP push is accepted
    When the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "200"

  Scenario Outline: <field> set to <value> is answered <answer>
    When the provider sends a VoIP push to "Bob's iPhone" with:
      | <field> | <value> |
    Then APNs answers "<answer>"

    Examples: headers
      | field            | value                                                              | answer                     |
      | apns-priority    | 7                                                                  | 400 BadPriority            |
      | apns-priority    | 5                                                                  | 200                        |
      | apns-expiration  | tomorrow                                                           | 400 BadExpirationDate      |
      | apns-id          | not-a-uuid                                                         | 400 BadMessageId           |
      | apns-collapse-id | 12345678901234567890123456789012345678901234567890123456789012345  | 400 BadCollapseId          |
      | apns-push-type   | pager                                                              | 400 InvalidPushType        |
      | apns-push-type   | alert                                                              | 400 InvalidPushType        |
      | apns-topic       | com.example.phone                                                  | 400 InvalidPushType        |
      | apns-topic       | (none)                                                             | 400 MissingTopic           |
      | apns-topic       | com example phone                                                  | 400 BadTopic               |
      | apns-topic       | com.other.app.voip                                                 | 400 TopicDisallowed        |
      | authorization    | (none)                                                             | 403 MissingProviderToken   |
      | authorization    | bearer not.a.token                                                 | 403 InvalidProviderToken   |

    Examples: path, method and payload
      | field   | value                    | answer                 |
      | :path   | /3/device/               | 400 MissingDeviceToken |
      | :path   | /3/device/not-hex        | 400 BadDeviceToken     |
      | :path   | /3/devices/abc           | 404 BadPath            |
      | :method | PUT                      | 405 MethodNotAllowed   |
      | body    | (none)                   | 400 PayloadEmpty       |
      | body    | [1, 2, 3]                | 400 BadPayload         |
      | body    | {"aps":                  | 400 BadPayload         |

  Scenario: A background push at priority 10 is refused
    When the provider sends an alert push to "Bob's iPhone" with:
      | apns-push-type | background                   |
      | apns-priority  | 10                           |
      | body           | {"aps":{"content-available":1}} |
    Then APNs answers "400 BadPriority"

  Scenario: A VoIP push to the app's APNs token is not for that topic
    When the provider sends an alert push to "Bob's iPhone" with:
      | apns-push-type | voip                    |
      | apns-topic     | com.example.phone.voip  |
    Then APNs answers "400 DeviceTokenNotForTopic"

  Scenario: The token of an uninstalled app answers 410 with the uninstall time
    When the app is uninstalled from "Bob's iPhone"
    And the provider sends a VoIP push to "Bob's iPhone" with caller "Alice"
    Then APNs answers "410 Unregistered"
    And the answer's timestamp is when the app was uninstalled
