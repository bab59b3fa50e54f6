package org.eventscim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Writes a suite's figures as JSON (for tools and for comparing runs) and as one small HTML page with a
 * bar per figure (the median, each run marked on it) and each write rate as a share of PostgreSQL's own
 * durable insert rate with as many connections.
 */
final class SuiteReport {

    private static final Map<String, String> LIMIT_OF = Map.of(
            "POST /Users, 1 client", "PostgreSQL durable inserts, 1 connection",
            "POST /Users, 8 clients", "PostgreSQL durable inserts, 8 connections",
            "PUT of an unchanged user, 8 clients", "PostgreSQL durable inserts, 8 connections");

    private SuiteReport() {
    }

    /** Writes {@code suite-<time>.json} and {@code .html} into {@code directory}; answers the HTML file. */
    static Path write(Path directory, String baseUrl, int runs, Map<String, SuiteBenchmark.Figure> figures) throws IOException {
        Instant now = Instant.now();
        String stem = "suite-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
        Files.createDirectories(directory);
        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode().put("generatedAt", now.toString()).put("baseUrl", baseUrl).put("runs", runs);
        ArrayNode list = report.putArray("figures");
        figures.values().forEach(figure -> {
            ObjectNode item = list.addObject().put("name", figure.name()).put("unit", figure.unit()).put("median", figure.median());
            figure.runs().forEach(item.withArray("runs")::add);
            String limit = LIMIT_OF.get(figure.name());
            if (limit != null && figures.containsKey(limit)) {
                item.put("shareOfPostgresLimit", figure.median() / figures.get(limit).median());
            }
        });
        json.writerWithDefaultPrettyPrinter().writeValue(directory.resolve(stem + ".json").toFile(), report);
        Path html = directory.resolve(stem + ".html");
        Files.writeString(html, html(now, baseUrl, runs, figures));
        return html;
    }

    private static String html(Instant now, String baseUrl, int runs, Map<String, SuiteBenchmark.Figure> figures) {
        StringBuilder page = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>eventscim benchmark suite</title>
                <style>body{font:14px system-ui,sans-serif;margin:2em}td,th{padding:4px 10px;text-align:left}
                td.n{text-align:right;font-variant-numeric:tabular-nums}svg{vertical-align:middle}</style></head><body>
                """);
        page.append("<h1>eventscim benchmark suite</h1><p>").append(escape(baseUrl)).append(", ").append(now)
                .append(", median of ").append(runs).append(" runs (dots: each run)</p><table><tr><th>figure</th><th>median</th>")
                .append("<th>unit</th><th></th><th>share of PostgreSQL's insert rate</th></tr>\n");
        for (String unit : figures.values().stream().map(SuiteBenchmark.Figure::unit).distinct().toList()) {
            double max = figures.values().stream().filter(figure -> figure.unit().equals(unit))
                    .flatMap(figure -> figure.runs().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
            for (SuiteBenchmark.Figure figure : figures.values()) {
                if (!figure.unit().equals(unit)) {
                    continue;
                }
                page.append("<tr><td>").append(escape(figure.name())).append("</td><td class=n>")
                        .append(String.format("%.1f", figure.median())).append("</td><td>").append(escape(unit))
                        .append("</td><td>").append(bar(figure, max)).append("</td><td class=n>");
                String limit = LIMIT_OF.get(figure.name());
                if (limit != null && figures.containsKey(limit)) {
                    page.append(String.format("%.0f%%", 100 * figure.median() / figures.get(limit).median()));
                }
                page.append("</td></tr>\n");
            }
        }
        return page.append("</table></body></html>\n").toString();
    }

    private static String bar(SuiteBenchmark.Figure figure, double max) {
        int width = 300;
        StringBuilder svg = new StringBuilder("<svg width=\"" + width + "\" height=\"14\">");
        svg.append(String.format("<rect x=\"0\" y=\"2\" height=\"10\" width=\"%.1f\" fill=\"#4a78b5\"/>", width * figure.median() / max));
        for (double run : figure.runs()) {
            svg.append(String.format("<circle cx=\"%.1f\" cy=\"7\" r=\"3\" fill=\"#d9822b\"/>", width * run / max));
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
