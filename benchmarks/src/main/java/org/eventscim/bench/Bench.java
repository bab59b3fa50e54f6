package org.eventscim.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./scim bench <name> [options]} against a running service; {@code [--base-url URL] [--token T]}
 * for any of them (default: {@code http://localhost:$SCIM_PORT/scim/v2} and SCIM_TOKEN / SCIM_BOOTSTRAP_TOKEN).
 */
public final class Bench {

    private static final List<String> USAGE = List.of(
            "./scim bench suite [--runs N] [--users N] [--out DIR]",
            "./scim bench write-read [--cycles N] [--warm-up N]",
            "./scim bench groups [--rounds N] [--group-size N] [--samples N]",
            "./scim bench filters [--users N] [--samples N] [--index-paging-seconds S] [--tenant LOADED_TENANT] [--elasticsearch URL]",
            "./scim bench bulk [--rounds N] [--users N]",
            "./scim bench gateway [--requests N]",
            "./scim bench soak [--minutes N] [--rate N] [--clients N] [--pool N] [--out DIR]");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || USAGE.stream().noneMatch(usage -> usage.startsWith("./scim bench " + args[0] + " "))) {
            System.err.println("Usage: " + String.join("\n       ", USAGE) + "\n       each also with [--base-url URL] [--token T]");
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
        switch (args[0]) {
            case "suite" -> {
                int runs = integer(options, "--runs", 3);
                Map<String, SuiteBenchmark.Figure> figures = new SuiteBenchmark(baseUrl, token)
                        .run(runs, integer(options, "--users", 2000), StackInfo.read());
                Path html = SuiteReport.write(Path.of(options.getOrDefault("--out", "bench-results")), baseUrl, runs, figures);
                System.out.println("Written: " + html + " and its .json");
            }
            case "filters" -> new FiltersBenchmark(baseUrl.replaceFirst("/scim/v2$", ""), token,
                    options.getOrDefault("--elasticsearch", StackInfo.read().get("elasticsearch.url")))
                    .run(integer(options, "--users", 1_000_000), integer(options, "--samples", 500),
                            integer(options, "--index-paging-seconds", 600), options.get("--tenant"));
            case "groups" -> new GroupsBenchmark(scim).run(integer(options, "--rounds", 5),
                    integer(options, "--group-size", 100_000), integer(options, "--samples", 200));
            case "bulk" -> new BulkBenchmark(scim).run(integer(options, "--rounds", 3), integer(options, "--users", 1000));
            case "gateway" -> new GatewayOverheadBenchmark(scim).run(integer(options, "--requests", 5000), 500);
            case "soak" -> {
                HeapAfterGc heap = new HeapAfterGc(Path.of(firstNonBlank(System.getenv("SCIM_DATA_DIR"), ".scim-data")));
                boolean passed = new SoakBenchmark(scim, baseUrl, heap).run(integer(options, "--minutes", 30),
                        integer(options, "--rate", 200), integer(options, "--clients", 8), integer(options, "--pool", 50),
                        Path.of(options.getOrDefault("--out", "bench-results")));
                if (!passed) {
                    System.exit(1);
                }
            }
            default -> new WriteReadBenchmark(scim).run(integer(options, "--cycles", 1000), integer(options, "--warm-up", 50));
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
