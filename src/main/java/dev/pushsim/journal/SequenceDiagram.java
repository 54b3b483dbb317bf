package dev.pushsim.journal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a scenario's journal as a sequence diagram (SVG): provider → APNs → device → app →
 * CallKit, one arrow or note per event, with the simulated time. Attached to every scenario in
 * the HTML report.
 */
public final class SequenceDiagram {

  private static final List<String> LANES = List.of("Provider", "APNs", "Device", "App", "CallKit");
  private static final int LANE_WIDTH = 190;
  private static final int ROW_HEIGHT = 26;
  private static final int TOP = 50;
  private static final int LEFT = 140;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private SequenceDiagram() {}

  public static String svg(List<JournalEvent> events) {
    List<Row> rows = new ArrayList<>();
    for (JournalEvent event : events) {
      Row row = rowFor(event);
      if (row != null) {
        rows.add(row);
      }
    }
    int width = LEFT + LANE_WIDTH * LANES.size();
    int height = TOP + ROW_HEIGHT * (rows.size() + 1);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
        .append("<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\">")
        .append("<path d=\"M0,0 L8,4 L0,8 z\" fill=\"#444\"/></marker></defs>\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    for (int lane = 0; lane < LANES.size(); lane++) {
      int x = laneX(lane);
      svg.append("<text x=\"").append(x).append("\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"13\">")
          .append(LANES.get(lane)).append("</text>\n")
          .append("<line x1=\"").append(x).append("\" y1=\"30\" x2=\"").append(x).append("\" y2=\"").append(height - 5)
          .append("\" stroke=\"#bbb\" stroke-dasharray=\"4,3\"/>\n");
    }
    int y = TOP;
    for (Row row : rows) {
      svg.append("<text x=\"4\" y=\"").append(y + 4).append("\" fill=\"#777\">").append(escape(row.time)).append("</text>\n");
      int from = laneX(row.from);
      int to = laneX(row.to);
      String colour = row.bad ? "#c0392b" : "#444";
      if (row.from == row.to) {
        svg.append("<rect x=\"").append(from - 80).append("\" y=\"").append(y - 11).append("\" width=\"160\" height=\"16\" rx=\"3\" fill=\"")
            .append(row.bad ? "#fdecea" : "#eef3fb").append("\" stroke=\"").append(colour).append("\"/>\n");
        svg.append("<text x=\"").append(from).append("\" y=\"").append(y + 1).append("\" text-anchor=\"middle\" fill=\"").append(colour).append("\">")
            .append(escape(shorten(row.label, 30))).append("</text>\n");
      } else {
        svg.append("<line x1=\"").append(from).append("\" y1=\"").append(y).append("\" x2=\"").append(to).append("\" y2=\"").append(y)
            .append("\" stroke=\"").append(colour).append("\" marker-end=\"url(#arrow)\"/>\n");
        svg.append("<text x=\"").append((from + to) / 2).append("\" y=\"").append(y - 4).append("\" text-anchor=\"middle\" fill=\"").append(colour).append("\">")
            .append(escape(shorten(row.label, 40))).append("</text>\n");
      }
      y += ROW_HEIGHT;
    }
    return svg.append("</svg>\n").toString();
  }

  /** Where an event goes in the diagram, or null for events the diagram leaves out. */
  private static Row rowFor(JournalEvent event) {
    String time = TIME.format(event.time());
    Map<String, Object> data = event.data();
    String type = event.type();
    return switch (type) {
      case "apns.request" -> {
        Object status = data.get("status");
        String answer = status == null ? "dropped" : status + (data.get("reason") == null ? "" : " " + data.get("reason"));
        yield new Row(time, 0, 1, data.getOrDefault("pushType", "push") + " → " + answer, status == null || !"200".equals(String.valueOf(status)));
      }
      case "device.pushed" -> new Row(time, 0, 2, data.get("pushType") + " push, bypassing APNs (pushsim push)", false);
      case "device.delivered" -> new Row(time, 1, 2, "delivered", false);
      case "device.stored" -> new Row(time, 1, 1, "stored (device offline)", false);
      case "device.replaced" -> new Row(time, 1, 1, "replaced by a newer push", true);
      case "device.expired" -> new Row(time, 1, 1, "expired", true);
      case "device.dropped" -> new Row(time, 2, 2, "dropped: " + data.get("reason"), true);
      case "app.launched" -> new Row(time, 2, 3, "launch (" + data.get("by") + ")", false);
      case "pushkit.delegate.entered" -> new Row(time, 2, 3, "didReceiveIncomingPush", false);
      case "pushkit.delegate.returned" -> new Row(time, 3, 3, "delegate returned", false);
      case "callkit.reported" -> new Row(time, 3, 4, "report call → " + data.get("result"), !"success".equals(data.get("result")));
      case "callkit.call.shown" -> new Row(time, 4, 4, "ringing: " + data.get("caller"), false);
      case "callkit.call.answered", "callkit.call.declined", "callkit.call.unanswered" -> new Row(time, 4, 4, type.substring("callkit.call.".length()), false);
      case "app.terminated" -> new Row(time, 3, 3, "terminated: " + (data.get("exception") != null ? data.get("exception") : data.get("reason")), true);
      case "pushkit.strike" -> new Row(time, 2, 2, "strike " + data.get("strikes") + " of " + data.get("limit"), true);
      case "pushkit.throttled" -> new Row(time, 2, 2, "VoIP pushes throttled", true);
      case "notification.shown" -> new Row(time, 2, 2, "banner: " + data.get("text"), false);
      case "app.woken" -> new Row(time, 2, 3, "background wake", false);
      case "app.token.registered" -> new Row(time, 3, 0, "register token (" + data.get("environment") + ")", false);
      case "app.token.unregistered" -> new Row(time, 3, 0, "unregister token", false);
      default -> null;
    };
  }

  private static int laneX(int lane) {
    return LEFT + LANE_WIDTH * lane + LANE_WIDTH / 2 - 60;
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private record Row(String time, int from, int to, String label, boolean bad) {}
}
