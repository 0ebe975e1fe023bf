package io.cutover.engine;

import io.cutover.plan.Metric;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Takes one sample of a metric: a SQL query's first value, an HTTP answer's latency, status or
 * number, a command's success or number. A probe that fails or times out throws.
 */
final class Probe {
    private final Pools pools;
    private final Path workdir;
    private volatile HttpClient http;

    Probe(Pools pools, Path workdir) {
        this.pools = pools;
        this.workdir = workdir;
    }

    double sample(Metric metric) throws Exception {
        return switch (metric.kind()) {
            case SQL -> sql(metric);
            case HTTP -> http(metric);
            case SHELL -> shell(metric);
        };
    }

    private double sql(Metric metric) throws SQLException {
        try (Connection c = pools.connection(metric.datasource().orElseThrow()); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, metric.timeout().toSeconds()));
            try (ResultSet rs = s.executeQuery(metric.target())) {
                if (!rs.next()) {
                    throw new SQLException("the query returned no row");
                }
                return number(rs.getObject(1));
            }
        }
    }

    private double http(Metric metric) throws IOException, InterruptedException {
        HttpClient client = http;
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(metric.timeout()).build();
            http = client;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(metric.target())).timeout(metric.timeout()).GET().build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        return switch (metric.measure()) {
            case "status" -> response.statusCode();
            case "body_number" -> Double.parseDouble(response.body().trim());
            default -> millis;
        };
    }

    private double shell(Metric metric) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", metric.target()).directory(workdir.toFile())
                .redirectErrorStream(metric.measure().equals("exit_ok")).start();
        try {
            if (!p.waitFor(metric.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the command did not finish in " + metric.timeout().toSeconds() + "s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return metric.measure().equals("number") ? Double.parseDouble(out) : p.exitValue() == 0 ? 1 : 0;
        } finally {
            if (p.isAlive()) {
                io.cutover.spi.Processes.stop(p);
            }
        }
    }

    private static double number(Object value) throws SQLException {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value == null) {
            throw new SQLException("the query returned NULL");
        }
        return new BigDecimal(value.toString().trim()).doubleValue();
    }
}
