package org.eventscim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue #9's soak: a steady, rate-limited mixed load like an IdP's ({@link SoakKind}) from several clients for
 * many minutes against a running stack, one line a minute (requests, errors, p50/p99 per kind, the heap of
 * each service after a full GC), then the {@link SoakVerdict} and the series as JSON. Runs in the token's
 * tenant, whose rate limit must allow the rate (a 429 is an error); deletes what it created at the end.
 */
final class SoakBenchmark {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final ScimHttp scim;
    private final String baseUrl;
    private final HeapAfterGc heap;

    SoakBenchmark(ScimHttp scim, String baseUrl, HeapAfterGc heap) {
        this.scim = scim;
        this.baseUrl = baseUrl;
        this.heap = heap;
    }

    /** Runs the soak; answers whether it passed. */
    boolean run(int minutes, double rate, int clients, int poolPerClient, Path out) throws Exception {
        if (minutes < 3 || poolPerClient < 4) {
            throw new IllegalArgumentException("The soak needs --minutes 3 or more (warm-up, then a first and a last window)"
                    + " and --pool 4 or more");
        }
        heap.measure(); // fails before anything is created if the services' heaps cannot be read
        String run = "soak-" + Long.toString(System.currentTimeMillis(), 36);
        SoakMetrics metrics = new SoakMetrics();
        AtomicBoolean running = new AtomicBoolean(true);
        List<SoakClient> load = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            load.add(new SoakClient(scim, run + "-" + c, poolPerClient, rate / clients, metrics, running));
        }
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            System.out.printf("soak %s: %d min at %.0f requests/s from %d clients, %d users each; warm-up %d min, windows of %d min%n",
                    run, minutes, rate, clients, poolPerClient, SoakVerdict.warmUp(minutes), SoakVerdict.window(minutes));
            each(threads, load, SoakClient::prepare);
            Map<String, Double> startHeap = heap.measure();
            System.out.println("heap after GC at start, MB: " + startHeap);
            List<SoakMinute> series = load(threads, load, metrics, running, minutes);
            SoakVerdict verdict = SoakVerdict.of(series);
            String line = verdict.line(minutes, rate, clients);
            Path json = write(out, minutes, rate, clients, startHeap, series, verdict, line);
            each(threads, load, SoakClient::cleanUp);
            System.out.println("Written: " + json);
            System.out.println(line);
            return verdict.passed();
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
    }

    private List<SoakMinute> load(ExecutorService threads, List<SoakClient> load, SoakMetrics metrics, AtomicBoolean running,
                                  int minutes) throws Exception {
        metrics.interval(); // what the set-up sent is not part of minute 1
        List<Future<?>> clients = load.stream().map(threads::submit).toList();
        long started = System.nanoTime();
        List<SoakMinute> series = new ArrayList<>();
        for (int minute = 1; minute <= minutes; minute++) {
            long wait = started + minute * MINUTE - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            SoakMetrics.Interval interval = metrics.interval();
            SoakMinute measured = new SoakMinute(minute, interval.requests(), interval.errors(), interval.latencies(),
                    heap.measure(), interval.causes());
            series.add(measured);
            System.out.println(measured.line());
        }
        running.set(false);
        for (Future<?> client : clients) {
            client.get();
        }
        return series;
    }

    /** Runs {@code step} for every client at once and waits for all; the first failure is thrown. */
    private static void each(ExecutorService threads, List<SoakClient> clients, Step step) throws Exception {
        List<Callable<Void>> tasks = clients.stream().<Callable<Void>>map(client -> () -> {
            step.on(client);
            return null;
        }).toList();
        for (Future<Void> task : threads.invokeAll(tasks)) {
            task.get();
        }
    }

    @FunctionalInterface
    private interface Step {
        void on(SoakClient client) throws Exception;
    }

    private Path write(Path directory, int minutes, double rate, int clients, Map<String, Double> startHeap,
                       List<SoakMinute> series, SoakVerdict verdict, String line) throws Exception {
        Instant now = Instant.now();
        Files.createDirectories(directory);
        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode().put("generatedAt", now.toString()).put("baseUrl", baseUrl)
                .put("minutes", minutes).put("requestsPerSecond", rate).put("clients", clients)
                .put("warmUpMinutes", SoakVerdict.warmUp(minutes)).put("windowMinutes", SoakVerdict.window(minutes));
        startHeap.forEach(report.putObject("heapAfterGcAtStartMb")::put);
        ArrayNode minutesNode = report.putArray("series");
        for (SoakMinute minute : series) {
            ObjectNode item = minutesNode.addObject().put("minute", minute.minute()).put("requests", minute.requests())
                    .put("errors", minute.errors()).put("requestsPerSecond", minute.requestsPerSecond())
                    .put("p50Ms", SoakMinute.millis(minute.all(), 50)).put("p99Ms", SoakMinute.millis(minute.all(), 99));
            ObjectNode kinds = item.putObject("latencyMs");
            minute.latencies().forEach((kind, histogram) -> kinds.putObject(kind.label()).put("count", histogram.getTotalCount())
                    .put("p50", SoakMinute.millis(histogram, 50)).put("p99", SoakMinute.millis(histogram, 99))
                    .put("max", histogram.getMaxValue() / 1e6));
            minute.heapMb().forEach(item.putObject("heapAfterGcMb")::put);
            minute.causes().forEach(item.putArray("firstErrors")::add);
        }
        ObjectNode result = report.putObject("verdict").put("passed", verdict.passed()).put("line", line)
                .put("requests", verdict.requests()).put("errors", verdict.errors()).put("requestsPerSecondAfterWarmUp", verdict.achievedRate())
                .put("p99FirstWindowMs", verdict.p99First()).put("p99LastWindowMs", verdict.p99Last());
        verdict.failures().forEach(result.putArray("failures")::add);
        ObjectNode heapNode = result.putObject("heap");
        verdict.heapFirstLast().forEach((service, values) -> heapNode.putObject(service)
                .put("firstWindowMb", values[0]).put("lastWindowMb", values[1]).put("slopeMbPerMinute", verdict.heapSlopes().get(service)));
        Path file = directory.resolve("soak-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now) + ".json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
        return file;
    }
}
