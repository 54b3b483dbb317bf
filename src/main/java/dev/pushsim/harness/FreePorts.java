package dev.pushsim.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports for a provider run: each 0 becomes a port the system had free just now.
 * The sockets are held until all are chosen, so two zeros never get the same port; another
 * process could take one before PushSim binds it, which would fail the run with "address in use".
 */
final class FreePorts {

  private FreePorts() {}

  /** {@code wanted} with each 0 replaced by a free port; other values (negative: unused) stay. */
  static List<Integer> pick(int... wanted) {
    List<ServerSocket> held = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int port : wanted) {
        if (port == 0) {
          ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          held.add(socket);
          ports.add(socket.getLocalPort());
        } else {
          ports.add(port);
        }
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port for the provider run: " + e.getMessage(), e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket that never accepted cannot lose anything.
        }
      }
    }
  }
}
