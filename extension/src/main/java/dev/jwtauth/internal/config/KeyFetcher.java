package dev.jwtauth.internal.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches key texts (a JWK Set, a public key) over HTTP(S) with the JDK's client: bounded in time and in size, so a
 * slow or hostile server can neither hold a request nor fill the heap. HTTPS uses the JVM's default trust (on Liberty,
 * its default SSL configuration), redirects are followed but never from HTTPS to HTTP. One fetcher (one client, whose
 * connections are reused) serves every remote key set of a configuration.
 */
final class KeyFetcher {

    /** How long a fetch may take and how much it may read. */
    record Limits(Duration connectTimeout, Duration timeout, int maxBytes) {
        /** A JWK Set is a few KB (big providers' with certificate chains ~20 KB). */
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 256 * 1024);
    }

    private final Limits limits;
    private final HttpClient client;

    KeyFetcher(Limits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    Limits limits() {
        return limits;
    }

    /**
     * The text at {@code uri}, answered 200 within {@link Limits#timeout()} (connecting, headers and body) and at
     * most {@link Limits#maxBytes()} long; otherwise fails with a {@link FetchException} saying why.
     */
    CompletableFuture<String> fetch(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET()
                .header("Accept", "application/jwk-set+json, application/json, */*;q=0.5")
                .timeout(limits.timeout())
                .build();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, info -> new LimitedBody(
                info.headers().firstValueAsLong("Content-Length").orElse(-1), limits.maxBytes()));
        return exchange
                .orTimeout(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true); // a body still trickling in after the time is up is abandoned
                        throw new FetchException(reason(failure));
                    }
                    if (response.statusCode() != 200) {
                        throw new FetchException("answered HTTP " + response.statusCode());
                    }
                    return response.body();
                });
    }

    private String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof FetchException fetch) {
            return fetch.getMessage();
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return cause instanceof HttpConnectTimeoutException
                    ? "did not connect within " + limits.connectTimeout().toMillis() + " ms"
                    : "did not answer within " + limits.timeout().toMillis() + " ms";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Why a fetch failed, in words for the log. */
    static final class FetchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FetchException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A body read up to a limit: reading stops (the exchange is cancelled) as soon as it is passed. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {
        private final int maxBytes;
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final long announced;
        private byte[] bytes = new byte[0];
        private int length;
        private Flow.Subscription subscription;

        LimitedBody(long announced, int maxBytes) {
            this.announced = announced;
            this.maxBytes = maxBytes;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (announced > maxBytes) {
                tooLarge();
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (length + (long) buffer.remaining() > maxBytes) {
                    tooLarge();
                    return;
                }
                if (length + buffer.remaining() > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(2 * bytes.length, length + buffer.remaining())));
                }
                int n = buffer.remaining();
                buffer.get(bytes, length, n);
                length += n;
            }
            subscription.request(1);
        }

        private void tooLarge() {
            subscription.cancel();
            body.completeExceptionally(new FetchException("answered more than " + maxBytes + " bytes"));
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable instanceof IOException ? throwable : new IOException(throwable));
        }

        @Override
        public void onComplete() {
            body.complete(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }
    }
}
