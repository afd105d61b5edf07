package io.tanhe.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the commands that call a running terminal's API share: connecting, printing an answer or its problem. */
final class ApiCommands {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ApiCommands() {
    }

    /** One call of the API. */
    @FunctionalInterface
    interface Call {
        ApiClient.Answer on(ApiClient client) throws IOException;
    }

    /** How an answer that worked is printed. */
    @FunctionalInterface
    interface Printer {
        void print(JsonNode answer);
    }

    /**
     * Runs {@code call} against the local terminal, prints the answer ({@code json}: as the API gave it) or
     * {@code command: problem} on stderr, and returns the exit code.
     */
    static int run(String command, LocalTerminal terminal, boolean json, Call call, Printer printer) {
        ApiClient client;
        try {
            client = terminal.client(TIMEOUT);
        } catch (LocalTerminal.Unreachable e) {
            System.err.println(command + ": " + e.getMessage());
            return 1;
        }
        return answer(command, client, json, call, printer);
    }

    static int answer(String command, ApiClient client, boolean json, Call call, Printer printer) {
        ApiClient.Answer a;
        try {
            a = call.on(client);
        } catch (IOException e) {
            System.err.println(command + ": the API at " + client.base() + " does not answer: " + e.getMessage());
            return 1;
        }
        if (!a.ok()) {
            System.err.println(command + ": " + a.problem());
            return a.exit();
        }
        if (json) {
            System.out.println(a.body());
        } else {
            printer.print(a.json());
        }
        return 0;
    }

    /** A request body of {@code field, value} pairs in order; a field whose value is null (an option not given) is left out. */
    static Map<String, Object> body(String... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("body() takes field, value pairs");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != null) {
                body.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        return body;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code text} cut to {@code width} characters (with … when cut), padded to it. */
    static String cell(String text, int width) {
        String t = text == null || text.equals("null") ? "-" : text.replace('\n', ' ');
        if (t.length() > width) {
            t = t.substring(0, width - 1) + "…";
        }
        return String.format("%-" + width + "s", t);
    }
}
