package org.eventscim.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./scim bench write-read [--cycles N] [--warm-up N]} or
 * {@code ./scim bench groups [--rounds N] [--group-size N] [--samples N]} or
 * {@code ./scim bench filters [--users N] [--samples N] [--index-paging-seconds S] [--elasticsearch URL]}, each also with
 * {@code [--base-url URL] [--token T]}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("write-read", "groups", "filters").contains(args[0])) {
            System.err.println("Usage: ./scim bench write-read [--cycles N] [--warm-up N] [--base-url URL] [--token T]");
            System.err.println("       ./scim bench groups [--rounds N] [--group-size N] [--samples N] [--base-url URL] [--token T]");
            System.err.println("       ./scim bench filters [--users N] [--samples N] [--index-paging-seconds S]"
                    + " [--tenant LOADED_TENANT] [--elasticsearch URL] [--token T]");
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
        if (args[0].equals("filters")) {
            new FiltersBenchmark("http://localhost:" + port, token,
                    ElasticsearchLocator.url(options.get("--elasticsearch"))).run(
                    Integer.parseInt(options.getOrDefault("--users", "1000000")),
                    Integer.parseInt(options.getOrDefault("--samples", "500")),
                    Integer.parseInt(options.getOrDefault("--index-paging-seconds", "600")),
                    options.get("--tenant"));
        } else if (args[0].equals("groups")) {
            new GroupsBenchmark(scim).run(Integer.parseInt(options.getOrDefault("--rounds", "5")),
                    Integer.parseInt(options.getOrDefault("--group-size", "100000")),
                    Integer.parseInt(options.getOrDefault("--samples", "200")));
        } else {
            new WriteReadBenchmark(scim).run(Integer.parseInt(options.getOrDefault("--cycles", "1000")),
                    Integer.parseInt(options.getOrDefault("--warm-up", "50")));
        }
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
