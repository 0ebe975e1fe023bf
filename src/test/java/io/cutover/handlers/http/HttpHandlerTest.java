package io.cutover.handlers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.cutover.engine.CutoverCli;
import io.cutover.engine.CutoverCli.Result;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http task type against a tiny local server: what its keys promise beyond the engine contract. */
class HttpHandlerTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " X-Cutover-Run="
                    + exchange.getRequestHeaders().getFirst("X-Cutover-Run"));
            byte[] body = ("hello " + exchange.getRequestURI().getPath().substring(1)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Result run(CutoverCli cli, String name, String phases) throws Exception {
        Path plan = dir.resolve(name + ".yaml");
        Files.writeString(plan, ("cutover: 1\nname: " + name + "\n" + phases)
                .replace("BASE", "http://127.0.0.1:" + server.getAddress().getPort()));
        return cli.cutover("run", plan.toString());
    }

    @Test
    void headersMayNameTheRun() throws Exception {
        CutoverCli cli = new CutoverCli(dir);
        Result r = run(cli, "headers", """
                phases:
                  - id: one
                    tasks:
                      - id: hello
                        type: http
                        url: BASE/health
                        headers: {X-Cutover-Run: "${run.id}"}
                """);
        assertEquals(0, r.code(), r.all());
        String runId = cli.onlyRun().get("id").asString();
        assertEquals(List.of("GET /health X-Cutover-Run=" + runId), seen, "plan-format.md: any string may hold ${run.id}");
    }

    @Test
    void bodyContainsMayNameTheItem() throws Exception {
        Result r = run(new CutoverCli(dir), "items", """
                phases:
                  - id: one
                    foreach: [billing]
                    tasks:
                      - id: hello
                        type: http
                        url: BASE/${item}
                        expect: {body_contains: "hello ${item}"}
                """);
        assertEquals(0, r.code(), "plan-format.md: any string may hold ${item} inside foreach: " + r.all());
        assertEquals(List.of("GET /billing X-Cutover-Run=null"), seen);
    }
}
