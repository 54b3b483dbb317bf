package dev.pushsim.device;

/** Where an installed app's process is, as iOS sees it. */
public enum ProcessState {
  /** Installed, not launched since boot or since it ended normally. */
  NOT_RUNNING,
  /** Running without UI: launched for a push, or sent to the background by the user. */
  BACKGROUND,
  /** On screen. */
  FOREGROUND,
  /** Ended by the system, e.g. for not reporting a VoIP push to CallKit. */
  TERMINATED_BY_SYSTEM,
  /** Swiped away in the app switcher: iOS delivers it nothing until the user launches it. */
  KILLED_BY_USER;

  public boolean running() {
    return this == BACKGROUND || this == FOREGROUND;
  }
}
