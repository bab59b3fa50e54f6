package org.eventscim.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code ./scim bench <benchmark> [--base-url URL] [--token T] [--cycles N] [--warm-up N]}. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("write-read")) {
            System.err.println("Usage: ./scim bench write-read [--base-url URL] [--token T] [--cycles N] [--warm-up N]");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        String token = options.getOrDefault("--token", firstNonBlank(System.getenv("SCIM_TOKEN"), System.getenv("SCIM_BOOTSTRAP_TOKEN")));
        if (token == null) {
            System.err.println("A token is needed: --token T, or SCIM_TOKEN / SCIM_BOOTSTRAP_TOKEN.");
            System.exit(2);
        }
        String port = firstNonBlank(System.getenv("SCIM_PORT"), "8080");
        ScimHttp scim = new ScimHttp(options.getOrDefault("--base-url", "http://localhost:" + port + "/scim/v2"), token);
        new WriteReadBenchmark(scim).run(Integer.parseInt(options.getOrDefault("--cycles", "1000")),
                Integer.parseInt(options.getOrDefault("--warm-up", "50")));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
