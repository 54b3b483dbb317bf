package dev.pushsim.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.device.DeviceEvents;
import dev.pushsim.world.Simulator;
import org.junit.jupiter.api.Test;

/** The journal's list of type names cannot drift from the names the recording packages write. */
class EventTypesTest {

  @Test
  void theNamesAreTheOnesRecorded() {
    assertThat(EventTypes.APNS_REQUEST).isEqualTo(ApnsService.REQUEST_EVENT);
    assertThat(EventTypes.APNS_CONNECTION_OPENED).isEqualTo(ApnsService.CONNECTION_OPENED_EVENT);
    assertThat(EventTypes.APNS_CONNECTION_CLOSED).isEqualTo(ApnsService.CONNECTION_CLOSED_EVENT);
    assertThat(EventTypes.APNS_CONNECTION_REJECTED).isEqualTo(ApnsService.CONNECTION_REJECTED_EVENT);
    assertThat(EventTypes.APNS_STREAM_REJECTED).isEqualTo(ApnsService.STREAM_REJECTED_EVENT);
    assertThat(EventTypes.APNS_ROUTE_FAILED).isEqualTo(ApnsService.ROUTE_FAILED_EVENT);
    assertThat(EventTypes.DEVICE_ADDED).isEqualTo(DeviceEvents.ADDED);
    assertThat(EventTypes.DEVICE_REMOVED).isEqualTo(Simulator.DEVICE_REMOVED_EVENT);
    assertThat(EventTypes.DEVICE_PUSHED).isEqualTo(DeviceEvents.PUSHED);
    assertThat(EventTypes.DEVICE_DELIVERED).isEqualTo(DeviceEvents.DELIVERED);
    assertThat(EventTypes.DEVICE_STORED).isEqualTo(DeviceEvents.STORED);
    assertThat(EventTypes.DEVICE_REPLACED).isEqualTo(DeviceEvents.REPLACED);
    assertThat(EventTypes.DEVICE_EXPIRED).isEqualTo(DeviceEvents.EXPIRED);
    assertThat(EventTypes.DEVICE_DROPPED).isEqualTo(DeviceEvents.DROPPED);
    assertThat(EventTypes.APP_INSTALLED).isEqualTo(DeviceEvents.INSTALLED);
    assertThat(EventTypes.APP_UNINSTALLED).isEqualTo(DeviceEvents.UNINSTALLED);
    assertThat(EventTypes.APP_KILLED).isEqualTo(DeviceEvents.KILLED_BY_USER);
    assertThat(EventTypes.APP_TERMINATED).isEqualTo(DeviceEvents.TERMINATED);
    assertThat(EventTypes.CALLKIT_REPORTED).isEqualTo(DeviceEvents.REPORTED);
    assertThat(EventTypes.CALL_SHOWN).isEqualTo(DeviceEvents.CALL_SHOWN);
    assertThat(EventTypes.CALL_ANSWERED).isEqualTo(DeviceEvents.CALL_ANSWERED);
    assertThat(EventTypes.CALL_DECLINED).isEqualTo(DeviceEvents.CALL_DECLINED);
    assertThat(EventTypes.CALL_UNANSWERED).isEqualTo(DeviceEvents.CALL_UNANSWERED);
    assertThat(EventTypes.NOTIFICATION_SHOWN).isEqualTo(DeviceEvents.NOTIFICATION_SHOWN);
    assertThat(EventTypes.WORLD_RESET).isEqualTo(Simulator.RESET_EVENT);
  }
}
