package dev.localhome.bootstrap.cli.client;

import java.util.function.Consumer;

/**
 * Reads Server-Sent Events line by line (the WHATWG HTML "event stream" format, as far as the daemon uses it): hands
 * on the data of each {@code exchange} event; comments ({@code : keepalive}) and other events are skipped.
 */
final class EventLines implements Consumer<String> {
    private final Consumer<String> exchanges;
    private String event = "message";
    private final StringBuilder data = new StringBuilder();

    EventLines(Consumer<String> exchanges) {
        this.exchanges = exchanges;
    }

    @Override
    public void accept(String line) {
        if (line.isEmpty()) { // the blank line ends an event
            if (event.equals("exchange") && !data.isEmpty()) exchanges.accept(data.toString());
            event = "message";
            data.setLength(0);
        } else if (line.startsWith("event:")) {
            event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) data.append('\n');
            data.append(line.substring(5).stripLeading());
        }
    }
}
