package dev.roster.webhooks.boundary;

/** A new endpoint with its signing secret, shown this once. */
public record IssuedWebhook(WebhookView webhook, String secret) {}
