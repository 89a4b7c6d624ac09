package dev.jwtauth.sample.it;

import static dev.jwtauth.sample.it.DemoTokens.ADMIN;
import static dev.jwtauth.sample.it.DemoTokens.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.Mutator;

/**
 * The HTTP side of the token fuzzing (the reader itself is fuzzed by the extension's TokenReaderFuzzTest, with the same
 * {@link Mutator}): mutants of the sample's tokens, in the {@code Authorization} header and in the {@code ss-tok}
 * cookie, to a protected resource and a public one on a real Open Liberty. Every answer must be ours — the public
 * page (200), the caller a valid mutant names (200), or our 401/403 JSON — never a 5xx, an HTML error page or a hang.
 * Seeded like the unit fuzzer: {@code -Djwtauth.fuzz.seed=…} repeats a run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenFuzzIT {
    private static final String APP = "fuzz";
    private static final int MUTANTS = 300;
    private static final long SEED = Long.getLong("jwtauth.fuzz.seed", 8_675_309L);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleArchive.asBuilt(APP);
    }

    @Test
    void everyAnswerToAMutatedTokenIsOursAndJson() {
        HmacKey demoKey = HmacKey.fromBase64(DemoTokens.DEMO_KEY);
        // Edited JSON is signed with the sample's own key, so mutants also reach the claim checks and get accepted.
        Mutator.Sealer sealer = (header, payload) -> Mutator.signed(header, payload, demoKey, JwsAlgorithm.HS256);
        List<Mutator.Seed> seeds = List.of(Mutator.Seed.ofJws(DemoTokens.demo().token(ALICE), sealer),
                Mutator.Seed.ofJws(DemoTokens.demo().token(ADMIN), sealer),
                Mutator.Seed.ofJws(DemoTokens.hmac(DemoTokens.DEMO_KEY, Duration.ofDays(15)).token(ALICE), sealer));
        Random random = new Random(SEED);
        Mutator mutator = new Mutator(random, System.currentTimeMillis() / 1000,
                seeds.stream().map(Mutator.Seed::token).toList());

        int sent = 0;
        int unsendable = 0;
        int acceptedByUser = 0;
        long slowest = 0;
        String slowestRequest = "";
        for (int i = 0; i < MUTANTS; i++) {
            Mutator.Mutant mutant = mutator.mutate(seeds.get(random.nextInt(seeds.size())));
            String wire = onTheWire(mutant.token());
            if (wire == null) {
                unsendable++;
                continue;
            }
            boolean cookie = random.nextBoolean();
            String[] carrier = cookie ? new String[] {"Cookie", "ss-tok=" + wire}
                    : new String[] {"Authorization", DemoTokens.bearer(wire)};
            for (String path : List.of("/user", "/public")) {
                String context = "mutant " + i + " of seed " + SEED + " (" + mutant.how() + ") in the "
                        + carrier[0] + " header to " + path + ": " + wire;
                long started = System.nanoTime();
                Http.Reply reply = Http.get(Http.https(APP, path), carrier);
                long took = System.nanoTime() - started;
                if (took > slowest) {
                    slowest = took;
                    slowestRequest = "mutant " + i + " to " + path;
                }
                sent++;
                if (checkAnswer(path, reply, context)) {
                    acceptedByUser++;
                }
            }
        }
        System.out.println("TokenFuzzIT seed " + SEED + ": " + sent + " requests, " + unsendable
                + " mutants no HTTP client could send, " + acceptedByUser + " accepted by /user, slowest answer "
                + slowest / 1_000_000 + " ms (" + slowestRequest + ")");
        assertTrue(unsendable <= MUTANTS / 10, unsendable + " of " + MUTANTS + " mutants could not be sent: too few"
                + " reached the server");
        assertTrue(acceptedByUser > 0, "some mutants, signed anew with the demo key, must pass: otherwise only the"
                + " refusal of broken tokens was tested");
    }

    /**
     * Asserts the answer is one of ours; returns whether /user accepted the token. The sample's resources answer
     * JSON, and so does every refusal ({@code responseStatus} with errorCode and message, docs/http.md).
     */
    private static boolean checkAnswer(String path, Http.Reply reply, String context) {
        assertTrue(reply.status() < 500, () -> "a server error: " + reply + "\n  for " + context);
        assertTrue(reply.header("Content-Type").stream().anyMatch(type -> type.startsWith("application/json")),
                () -> "not our JSON: " + reply + "\n  for " + context);
        if (path.equals("/public")) {
            assertEquals(200, reply.status(), () -> "the public page must serve anyone: " + reply + "\n  for " + context);
            return false;
        }
        if (reply.status() == 200) {
            assertTrue(reply.json().get("caller") != null, () -> "200 without a caller: " + reply + "\n  for " + context);
            return true;
        }
        if (!Set.of(401, 403).contains(reply.status())) {
            fail("neither 200 nor 401/403: " + reply + "\n  for " + context);
        }
        String error = reply.error();
        assertTrue(!error.startsWith("null") && !error.endsWith(": null"),
                () -> "a responseStatus without errorCode or message: " + reply + "\n  for " + context);
        return false;
    }

    /**
     * The token as a client that sends UTF-8 puts it in a header: each byte one character (HTTP field values are
     * bytes); null if it holds a control character, which no HTTP client sends (and CR LF would end the header).
     */
    private static String onTheWire(String token) {
        String bytes = new String(token.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return null;
            }
        }
        return bytes;
    }
}
