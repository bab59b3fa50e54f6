package org.eventscim.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./scim bench write-read [--cycles N] [--warm-up N]} or
 * {@code ./scim bench groups [--rounds N] [--group-size N] [--samples N]} or
 * {@code ./scim bench bulk [--rounds N] [--users N]} or {@code ./scim bench gateway [--requests N]} or
 * {@code ./scim bench suite [--runs N] [--users N] [--out DIR]}, each also with
 * {@code [--base-url URL] [--token T]}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("write-read") || args[0].equals("groups") || args[0].equals("bulk")
                || args[0].equals("gateway") || args[0].equals("suite"))) {
            System.err.println("Usage: ./scim bench write-read [--cycles N] [--warm-up N] [--base-url URL] [--token T]");
            System.err.println("       ./scim bench groups [--rounds N] [--group-size N] [--samples N] [--base-url URL] [--token T]");
            System.err.println("       ./scim bench bulk [--rounds N] [--users N] [--base-url URL] [--token T]");
            System.err.println("       ./scim bench gateway [--requests N] [--base-url URL] [--token T]");
            System.err.println("       ./scim bench suite [--runs N] [--users N] [--out DIR] [--base-url URL] [--token T]");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        String token = options.getOrDefault("--token", firstNonBlank(System.getenv("SCIM_TOKEN"), System.getenv("SCIM_BOOTSTRAP_TOKEN")));
        if (token == null) {
            System.err.println("A token is needed: --token T, or SCIM_TOKEN / SCIM_BOOTSTRAP_TOKEN.");
            System.exit(2);
        }
        String port = firstNonBlank(System.getenv("SCIM_PORT"), "8080");
        String baseUrl = options.getOrDefault("--base-url", "http://localhost:" + port + "/scim/v2");
        ScimHttp scim = new ScimHttp(baseUrl, token);
        if (args[0].equals("suite")) {
            int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
            Map<String, SuiteBenchmark.Figure> figures = new SuiteBenchmark(baseUrl, token)
                    .run(runs, Integer.parseInt(options.getOrDefault("--users", "2000")), StackInfo.read());
            Path html = SuiteReport.write(Path.of(options.getOrDefault("--out", "bench-results")), baseUrl, runs, figures);
            System.out.println("Written: " + html + " and its .json");
        } else if (args[0].equals("gateway")) {
            new GatewayOverheadBenchmark(scim, baseUrl).run(Integer.parseInt(options.getOrDefault("--requests", "5000")), 500);
        } else if (args[0].equals("bulk")) {
            new BulkBenchmark(scim).run(Integer.parseInt(options.getOrDefault("--rounds", "3")),
                    Integer.parseInt(options.getOrDefault("--users", "1000")));
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
