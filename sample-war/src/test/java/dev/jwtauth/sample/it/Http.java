package dev.jwtauth.sample.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A plain HTTP client for the tests: no cookie store (each test says exactly which cookies it sends), and trust in
 * the Liberty test server's self-signed certificate, which exists only on this machine.
 */
final class Http {
    static final int HTTP_PORT = Integer.getInteger("it.http.port", 9081);
    static final int HTTPS_PORT = Integer.getInteger("it.https.port", 9444);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .sslContext(trustAll())
            .sslParameters(noHostnameCheck())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {
    }

    static URI https(String app, String path) {
        return URI.create("https://localhost:" + HTTPS_PORT + "/" + app + path);
    }

    static URI http(String app, String path) {
        return URI.create("http://localhost:" + HTTP_PORT + "/" + app + path);
    }

    static Reply get(URI uri, String... headers) {
        return send(HttpRequest.newBuilder(uri).GET(), headers);
    }

    static Reply postForm(URI uri, String form, String... headers) {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded"), headers);
    }

    static Reply send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request to " + request.build().uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What came back, with the JSON body parsed on demand. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        Map<String, Object> json() {
            try {
                return JsonUtil.parseJson(body);
            } catch (JoseException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        /** {@code responseStatus.errorCode} and {@code responseStatus.message} of an error body. */
        String error() {
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) json().get("responseStatus");
            if (status == null) {
                throw new AssertionError("no responseStatus in (status " + this.status + "): " + body);
            }
            return status.get("errorCode") + ": " + status.get("message");
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /** Trust in any server certificate: for the IT server's self-signed one only. */
    static SSLContext trustAll() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLParameters noHostnameCheck() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        return parameters;
    }
}
