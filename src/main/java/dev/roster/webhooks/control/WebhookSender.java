package dev.roster.webhooks.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One signed POST of one event to one endpoint, with bounds: 5 seconds to connect, 10 to answer,
 * redirects not followed (a 3xx is a failure, as Standard Webhooks senders treat it), the answer's
 * body discarded.
 */
public final class WebhookSender {

  /** What came of a POST: the status (null without an answer), how long it took, why it failed. */
  public record Result(Integer status, int latencyMillis, String error) {
    public boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  private final HttpClient client;
  private final Duration answerTimeout;

  public WebhookSender(Duration connectTimeout, Duration answerTimeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.answerTimeout = answerTimeout;
  }

  /**
   * Posts the body with the three Standard Webhooks headers.
   *
   * @param messageId the same on every retry and replay, for the receiver's dedupe
   */
  public Result send(String url, String secret, String messageId, long timestamp, String body) {
    long start = System.nanoTime();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(answerTimeout)
              .header("Content-Type", "application/json")
              .header("User-Agent", "Roster-Webhooks")
              .header("webhook-id", messageId)
              .header("webhook-timestamp", Long.toString(timestamp))
              .header(
                  "webhook-signature", WebhookSignature.sign(secret, messageId, timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return new Result(
          status,
          millisSince(start),
          status >= 200 && status < 300 ? null : "The endpoint answered " + status + ".");
    } catch (HttpTimeoutException e) {
      return new Result(null, millisSince(start), "No answer in time: " + e.getMessage());
    } catch (IOException e) {
      return new Result(null, millisSince(start), "Could not deliver: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(null, millisSince(start), "Stopped while delivering.");
    } catch (IllegalArgumentException e) {
      return new Result(null, millisSince(start), "Not a usable URL: " + e.getMessage());
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static int millisSince(long start) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
  }
}
