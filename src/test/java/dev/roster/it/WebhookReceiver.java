package dev.roster.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * A webhook endpoint inside the test, on 127.0.0.1: it keeps every request and answers each with
 * the status its behaviour gives for the request's number (0 for the first), after a delay if set.
 * Tests make it fail, stall and recover on purpose.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(Map<String, List<String>> headers, String body, Instant at) {
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private volatile IntUnaryOperator status = n -> 204;
  private volatile Duration delay = Duration.ZERO;

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int number;
          synchronized (received) {
            number = received.size();
            // header names as the Standard Webhooks library looks them up: lower case
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange
                .getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            received.add(new Received(headers, body, Instant.now()));
          }
          try {
            Thread.sleep(delay.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(status.applyAsInt(number), -1);
          exchange.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** How to answer the request with that number (0 for the first). */
  public void answer(IntUnaryOperator status) {
    this.status = status;
  }

  public void delay(Duration delay) {
    this.delay = delay;
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
