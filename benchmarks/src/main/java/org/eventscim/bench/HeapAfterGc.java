package org.eventscim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap each service of a stack started by {@code ./scim up} holds right after a full GC, which is what
 * stays reachable: {@code jcmd <pid> GC.run}, then {@code GC.heap_info}. The pids are those the stack records
 * in {@code $SCIM_DATA_DIR/run/<service>.pid} (first line, first field), read at every measurement so a
 * restarted service is followed.
 */
final class HeapAfterGc {

    static final List<String> SERVICES = List.of("gateway", "command-service", "query-service");

    /** The heap's own lines name their total (G1: "garbage-first heap total ...", Serial, Parallel); Metaspace's do not. */
    private static final Pattern HEAP_USED = Pattern.compile("total.*?used (\\d+)K");

    private final Path runDirectory;
    private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    HeapAfterGc(Path dataDirectory) {
        this.runDirectory = dataDirectory.resolve("run");
    }

    /** MB of heap used after a full GC, per service, in {@link #SERVICES} order. */
    Map<String, Double> measure() throws IOException, InterruptedException {
        Map<String, Double> megabytes = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String pid = pid(service);
            jcmd(pid, "GC.run");
            megabytes.put(service, usedKilobytes(service, jcmd(pid, "GC.heap_info")) / 1024.0);
        }
        return megabytes;
    }

    private String pid(String service) throws IOException {
        Path file = runDirectory.resolve(service + ".pid");
        if (!Files.exists(file)) {
            throw new IllegalStateException("No " + file + ": the soak measures the heap of a stack started by ./scim up"
                    + " on this machine, with the same SCIM_DATA_DIR");
        }
        return Files.readAllLines(file).getFirst().trim().split("\\s+")[0];
    }

    private String jcmd(String pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd, pid, command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }

    private static long usedKilobytes(String service, String heapInfo) {
        long used = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            Matcher matcher = HEAP_USED.matcher(line);
            if (matcher.find()) {
                used += Long.parseLong(matcher.group(1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("No heap usage in GC.heap_info of " + service + ":\n" + heapInfo);
        }
        return used;
    }
}
