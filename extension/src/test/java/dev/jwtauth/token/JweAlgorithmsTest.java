package dev.jwtauth.token;

import static dev.jwtauth.token.Jwes.assertRefused;
import static dev.jwtauth.token.Jwes.flipBit;
import static dev.jwtauth.token.Jwes.signedJwt;
import static dev.jwtauth.token.Tokens.rsaKey;
import static dev.jwtauth.token.Tokens.rsaPublicKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * What MicroProfile JWT issuers send besides our own RSA-OAEP + A128CBC-HS256: key management RSA-OAEP-256 and
 * content encryption A256GCM, each pair of {RSA-OAEP, RSA-OAEP-256} × {A128CBC-HS256, A256GCM}. RFC 7516 A.1 and
 * RFC 7520 §5.2 (RSA-OAEP + A256GCM) decrypt through exactly the steps {@link JweDecrypter#decrypt} takes; no RFC
 * publishes an RSA-OAEP-256 JWE, so those are made by jose4j (an independent implementation) and opened by ours.
 */
class JweAlgorithmsTest {

    // ---- RFC 7520 §5.2: key encryption using RSA-OAEP with AES-GCM (Samwise's 4096-bit key) -------------------

    private static final String SAMWISE_N = "wbdxI55VaanZXPY29Lg5hdmv2XhvqAhoxUkanfzf2-5zVUxa6prHRrI4pP1AhoqJRlZfYtWWd5mmHRG2pAHIlh0y"
            + "SJ9wi0BioZBl1XP2e-C-FyXJGcTy0HdKQWlrfhTm42EW7Vv04r4gfao6uxjLGwfpGrZLarohiWCPnkNrg71S2CuNZSQBIPGjXfkmIy2tl_VWgGn"
            + "L22GplyXj5YlBLdxXp3XeStsqo571utNfoUTU8E4qdzJ3U1DItoVkPGsMwlmmnJiwA7sXRItBCivR4M5qnZtdw-7v4WuR4779ubDuJ5nalMv2S6"
            + "6-RPcnFAzWSKxtBDnFJJDGIUe7Tzizjg1nms0Xq_yPub_UOlWn0ec85FCft1hACpWG8schrOBeNqHBODFskYpUc2LC5JA2TaPF2dA67dg1TTsC_F"
            + "upfQ2kNGcE1LgprxKHcVWYQb86B-HozjHZcqtauBzFNV5tbTuB-TpkcvJfNcFLlH3b8mb-H_ox35FjqBSAjLKyoeqfKTpVjvXhd09knwgJf6VKq6U"
            + "C418_TOljMVfFTWXUxlnfhOOnzW6HSSzD1c9WrCuVzsUMv54szidQ9wf1cYWf3g5qFDxDQKis99gcDaiCAwM3yEBIzuNeeCa5dartHDb1xEB_Hc"
            + "HSeYbghbMjGfasvKn0aZRsnTyC0xhWBlsolZE";
    private static final String SAMWISE_D = "n7fzJc3_WG59VEOBTkayzuSMM780OJQuZjN_KbH8lOZG25ZoA7T4Bxcc0xQn5oZE5uSCIwg91oCt0JvxPcpmqza"
            + "JZg1nirjcWZ-oBtVk7gCAWq-B3qhfF3izlbkosrzjHajIcY33HBhsy4_WerrXg4MDNE4HYojy68TcxT2LYQRxUOCf5TtJXvM8olexlSGtVnQnDRut"
            + "xEUCwiewfmmrfveEogLx9EA-KMgAjTiISXxqIXQhWUQX1G7v_mV_Hr2YuImYcNcHkRvp9E7ook0876DhkO8v4UOZLwA1OlUX98mkoqwc58A_Y2lBY"
            + "bVx1_s5lpPsEqbbH-nqIjh1fL0gdNfihLxnclWtW7pCztLnImZAyeCWAG7ZIfv-Rn9fLIv9jZ6r7r-MSH9sqbuziHN2grGjD_jfRluMHa0l84fFKl"
            + "6bcqN1JWxPVhzNZo01yDF-1LiQnqUYSepPf6X3a2SOdkqBRiquE6EvLuSYIDpJq3jDIsgoL8Mo1LoomgiJxUwL_GWEOGu28gplyzm-9Q0U0nyhEf1"
            + "uhSR8aJAQWAiFImWH5W_IQT9I7-yrindr_2fWQ_i1UgMsGzA7aOGzZfPljRy6z-tY_KuBG00-28S_aWvjyUc-Alp8AUyKjBZ-7CWH32fGWK48j1t-z"
            + "omrwjL_mnhsPbGs0c9WsWgRzI-K8gE";
    private static final String SAMWISE_P = "7_2v3OQZzlPFcHyYfLABQ3XP85Es4hCdwCkbDeltaUXgVy9l9etKghvM4hRkOvbb01kYVuLFmxIkCDtpi-zLCYAd"
            + "XKrAK3PtSbtzld_XZ9nlsYa_QZWpXB_IrtFjVfdKUdMz94pHUhFGFj7nr6NNxfpiHSHWFE1zD_AC3mY46J961Y2LRnreVwAGNw53p07Db8yD_92pD"
            + "a97vqcZOdgtybH9q6uma-RFNhO1AoiJhYZj69hjmMRXx-x56HO9cnXNbmzNSCFCKnQmn4GQLmRj9sfbZRqL94bbtE4_e0Zrpo8RNo8vxRLqQNwIy8"
            + "5fc6BRgBJomt8QdQvIgPgWCv5HoQ";
    private static final String SAMWISE_Q = "zqOHk1P6WN_rHuM7ZF1cXH0x6RuOHq67WuHiSknqQeefGBA9PWs6ZyKQCO-O6mKXtcgE8_Q_hA2kMRcKOcvHil1h"
            + "qMCNSXlflM7WPRPZu2qCDcqssd_uMbP-DqYthH_EzwL9KnYoH7JQFxxmcv5An8oXUtTwk4knKjkIYGRuUwfQTus0w1NfjFAyxOOiAQ37ussIcE6C6"
            + "ZSsM3n41UlbJ7TCqewzVJaPJN5cxjySPZPD3Vp01a9YgAD6a3IIaKJdIxJS1ImnfPevSJQBE79-EXe2kSwVgOzvt-gsmM29QQ8veHy4uAqca5dZzM"
            + "s7hkkHtw1z0jHV90epQJJlXXnH8Q";
    private static final String SAMWISE_DP = "19oDkBh1AXelMIxQFm2zZTqUhAzCIr4xNIGEPNoDt1jK83_FJA-xnx5kA7-1erdHdms_Ef67HsONNv5A60JaR7w"
            + "8LHnDiBGnjdaUmmuO8XAxQJ_ia5mxjxNjS6E2yD44USo2JmHvzeeNczq25elqbTPLhUpGo1IZuG72FZQ5gTjXoTXC2-xtCDEUZfaUNh4IeAipfLugb"
            + "pe0JAFlFfrTDAMUFpC3iXjxqzbEanflwPvj6V9iDSgjj8SozSM0dLtxvu0LIeIQAeEgT_yXcrKGmpKdSO08kLBx8VUjkbv_3Pn20Gyu2YEuwpFlM_H"
            + "1NikuxJNKFGmnAq9LcnwwT0jvoQ";
    private static final String SAMWISE_DQ = "S6p59KrlmzGzaQYQM3o0XfHCGvfqHLYjCO557HYQf72O9kLMCfd_1VBEqeD-1jjwELKDjck8kOBl5UvohK1oDfS"
            + "P1DleAy-cnmL29DqWmhgwM1ip0CCNmkmsmDSlqkUXDi6sAaZuntyukyflI-qSQ3C_BafPyFaKrt1fgdyEwYa08pESKwwWisy7KnmoUvaJ3SaHmohFS"
            + "78TJ25cfc10wZ9hQNOrIChZlkiOdFCtxDqdmCqNacnhgE3bZQjGp3n83ODSz9zwJcSUvODlXBPc2AycH6Ci5yjbxt4Ppox_5pjm6xnQkiPgj01GpsU"
            + "ssMmBN7iHVsrE7N2iznBNCeOUIQ";
    private static final String SAMWISE_QI = "FZhClBMywVVjnuUud-05qd5CYU0dK79akAgy9oX6RX6I3IIIPckCciRrokxglZn-omAY5CnCe4KdrnjFOT5YUZE"
            + "7G_Pg44XgCXaarLQf4hl80oPEf6-jJ5Iy6wPRx7G2e8qLxnh9cOdf-kRqgOS3F48Ucvw3ma5V6KGMwQqWFeV31XtZ8l5cVI-I3NzBS7qltpUVgz2Ju"
            + "021eyc7IlqgzR98qKONl27DuEES0aK0WE97jnsyO27Yp88Wa2RiBrEocM89QZI1seJiGDizHRUP4UZxw9zsXww46wy0P6f9grnYp7t8LkyDDk8eoI"
            + "4KX6SNMNVcyVS9IWjlq8EzqZEKIA";
    /** §5.2.7: header {"alg":"RSA-OAEP","kid":"samwise.gamgee@hobbiton.example","enc":"A256GCM"}. */
    private static final String RFC7520_5_2 = "eyJhbGciOiJSU0EtT0FFUCIsImtpZCI6InNhbXdpc2UuZ2FtZ2VlQGhvYmJpdG9uLmV4YW1wbGUiLCJlbmMi"
            + "OiJBMjU2R0NNIn0"
            + ".rT99rwrBTbTI7IJM8fU3Eli7226HEB7IchCxNuh7lCiud48LxeolRdtFF4nzQibeYOl5S_PJsAXZwSXtDePz9hk-BbtsTBqC2UsPOdwjC9NhNupN"
            + "Nu9uHIVftDyucvI6hvALeZ6OGnhNV4v1zx2k7O1D89mAzfw-_kT3tkuorpDU-CpBENfIHX1Q58-Aad3FzMuo3Fn9buEP2yXakLXYa15BUXQsupM4A"
            + "1GD4_H4Bd7V3u9h8Gkg8BpxKdUV9ScfJQTcYm6eJEBz3aSwIaK4T3-dwWpuBOhROQXBosJzS1asnuHtVMt2pKIIfux5BC6huIvmY7kzV7W7aIUrpY"
            + "m_3H4zYvyMeq5pGqFmW2k8zpO878TRlZx7pZfPYDSXZyS0CfKKkMozT_qiCwZTSz4duYnt8hS4Z9sGthXn9uDqd6wycMagnQfOTs_lycTWmY-aqWV"
            + "DKhjYNRf03NiwRtb5BE-tOdFwCASQj3uuAgPGrO2AWBe38UjQb0lvXn1SpyvYZ3WFc7WOJYaTa7A8DRn6MC6T-xDmMuxC0G7S2rscw5lQQU06MvZ"
            + "TlFOt0UvfuKBa03cxA_nIBIhLMjY2kOTxQMmpDPTr6Cbo8aKaOnx6ASE5Jx9paBpnNmOOKH35j_QlrQhDWUN6A2Gg8iFayJ69xDEdHAVCGRzN3woE"
            + "I2ozDRs"
            + ".-nBoKLH0YkLZPSI9"
            + ".o4k2cnGN8rSSw3IDo1YuySkqeS_t2m1GXklSgqBdpACm6UJuJowOHC5ytjqYgRL-I-soPlwqMUf4UgRWWeaOGNw6vGW-xyM01lTYxrXfVzIIaRd"
            + "hYtEMRBvBWbEwP7ua1DRfvaOjgZv6Ifa3brcAM64d8p5lhhNcizPersuhw5f-pGYzseva-TUaL8iWnctc-sSwy7SQmRkfhDjwbz0fz6kFovEgj64X"
            + "1I5s7E6GLp5fnbYGLa1QUiML7Cc2GxgvI7zqWo0YIEc7aCflLG1-8BboVWFdZKLK9vNoycrYHumwzKluLWEbSVmaPpOslY2n525DxDfWaVFUfKQxM"
            + "F56vn4B9QMpWAbnypNimbM8zVOw"
            + ".UCGiqJxhBI3IFVdPalHHvA";
    /** §5.2.1 (with §5.1's en dashes, U+2013). */
    private static final String RFC7520_PLAINTEXT = "You can trust us to stick with you through thick and thin\u2013to the "
            + "bitter end. And you can trust us to keep any secret of yours\u2013closer than you keep it yourself. But you "
            + "cannot trust us to let you face trouble alone, and go off without a word. We are your friends, Frodo.";

    private static final Set<JweKeyManagement> ANY_ALG = EnumSet.allOf(JweKeyManagement.class);
    private static final Set<JweContentEncryption> ANY_ENC = EnumSet.allOf(JweContentEncryption.class);

    @Test
    void rfc7516A1DecryptsWithRsaOaepAndA256Gcm() throws TokenException, JoseException {
        assertEquals(JweVectorsTest.A1_PLAINTEXT, open(JweVectorsTest.A1_TOKEN, JweVectorsTest.a1Key(),
                JweKeyManagement.RSA_OAEP, JweContentEncryption.A256GCM));
        for (int segment = 1; segment <= 4; segment++) {
            String altered = flipBit(JweVectorsTest.A1_TOKEN, segment, 5);
            assertThrows(JoseException.class, () -> open(altered, JweVectorsTest.a1Key(), JweKeyManagement.RSA_OAEP,
                    JweContentEncryption.A256GCM), "segment " + segment + " changed");
        }
    }

    @Test
    void rfc7520Section5_2DecryptsWithRsaOaepAndA256Gcm() throws Exception {
        RSAPrivateCrtKey samwise = samwise();
        assertEquals(4096, samwise.getModulus().bitLength());
        assertEquals(RFC7520_PLAINTEXT, open(RFC7520_5_2, samwise, JweKeyManagement.RSA_OAEP, JweContentEncryption.A256GCM));
        assertThrows(JoseException.class, () -> open(flipBit(RFC7520_5_2, 4, 0), samwise, JweKeyManagement.RSA_OAEP,
                JweContentEncryption.A256GCM), "a changed tag");
        // As an access token it is refused: its content is text, not a signed JWT (and it has no cty).
        assertRefused(TokenFailure.INVALID_TYPE, new JweDecrypter(List.of(samwise))::decrypt, RFC7520_5_2, "RFC 7520 §5.2");
        // Read as RSA-OAEP-256 the same key yields a random CEK, so the tag fails: never an error of its own.
        String asOaep256 = RFC7520_5_2.substring(RFC7520_5_2.indexOf('.'));
        assertThrows(JoseException.class, () -> open(Tokens.b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}") + asOaep256,
                samwise, JweKeyManagement.RSA_OAEP_256, JweContentEncryption.A256GCM));
    }

    /** Every pair, made by jose4j for our key, opens to the signed JWT inside and reads as an access token. */
    @Test
    void everyPairOfTheMatrixMadeByJose4jIsRead() throws Exception {
        TokenPolicy policy = Tokens.policy(JwsAlgorithm.RS256, Tokens.rsaRing(0))
                .encryption(new Encryption(Optional.empty(), Optional.of(new JweDecrypter(List.of(rsaKey(1), rsaKey(0)))),
                        Optional.empty())).build();
        TokenReader reader = new TokenReader(policy, Tokens.CLOCK);
        JweDecrypter decrypter = new JweDecrypter(List.of(rsaKey(0)));
        for (JweKeyManagement alg : JweKeyManagement.values()) {
            for (JweContentEncryption enc : JweContentEncryption.values()) {
                String what = alg.alg() + " + " + enc.enc();
                String jwe = jose4j(alg, enc, signedJwt(), true);
                assertEquals(signedJwt(), decrypter.decrypt(jwe), what);
                assertEquals("alice", reader.read(jwe).subject(), what + " through the reader (fallback key, no kid)");
                for (int segment = 0; segment <= 4; segment++) {
                    String altered = flipBit(jwe, segment, 7);
                    assertRefused(segment == 0 ? TokenFailure.MALFORMED : TokenFailure.UNDECRYPTABLE, decrypter::decrypt,
                            segment == 0 ? jwe.replace(jwe.substring(0, 4), "eyJ!") : altered, what + ", segment " + segment);
                }
                assertRefused(TokenFailure.UNDECRYPTABLE, new JweDecrypter(List.of(rsaKey(2)))::decrypt, jwe, what + ", another key");
            }
        }
    }

    @Test
    void ourWriterStillWritesRsaOaepWithA128CbcHs256() {
        String jwe = new JweEncrypter(rsaPublicKey(0)).encrypt(signedJwt());
        assertTrue(Jwes.headerJson(jwe).startsWith("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128CBC-HS256\""), Jwes.headerJson(jwe));
    }

    /** MicroProfile JWT's {@code mp.jwt.decrypt.key.algorithm}: a decrypter that accepts one key management only. */
    @Test
    void aDecrypterRestrictedToOneKeyManagementRefusesTheOther() throws Exception {
        for (JweKeyManagement only : JweKeyManagement.values()) {
            JweDecrypter restricted = new JweDecrypter(List.of(rsaKey(0)), EnumSet.of(only));
            assertEquals(Set.of(only), restricted.keyManagement());
            for (JweKeyManagement alg : JweKeyManagement.values()) {
                String jwe = jose4j(alg, JweContentEncryption.A256GCM, signedJwt(), false);
                if (alg == only) {
                    assertEquals(signedJwt(), restricted.decrypt(jwe));
                } else {
                    TokenException e = assertRefused(TokenFailure.ALGORITHM_NOT_ALLOWED, restricted::decrypt, jwe,
                            alg.alg() + " to a decrypter of " + only.alg() + " only");
                    assertEquals("alg " + alg.alg(), e.detail());
                }
            }
        }
        assertEquals(ANY_ALG, new JweDecrypter(List.of(rsaKey(0))).keyManagement(), "both by default");
        assertThrows(IllegalArgumentException.class, () -> new JweDecrypter(List.of(rsaKey(0)), Set.of()));
    }

    @Test
    void otherAlgorithmsStayRefused() throws Exception {
        JweDecrypter decrypter = new JweDecrypter(List.of(rsaKey(0)));
        String valid = jose4j(JweKeyManagement.RSA_OAEP_256, JweContentEncryption.A256GCM, signedJwt(), false);
        String rest = valid.substring(valid.indexOf('.'));
        for (String header : List.of("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}",
                "{\"alg\":\"RSA-OAEP-384\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}",
                "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A128GCM\",\"cty\":\"JWT\"}",
                "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256CBC-HS512\",\"cty\":\"JWT\"}",
                "{\"alg\":\"rsa-oaep-256\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}",
                "{\"alg\":\"RSA-OAEP-256\",\"enc\":\"a256gcm\",\"cty\":\"JWT\"}")) {
            assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, decrypter::decrypt, Tokens.b64(header) + rest, header);
        }
        // A GCM IV must be 96 bits; CBC's 16 bytes under an A256GCM header is malformed before any RSA operation.
        String[] parts = valid.split("\\.");
        parts[2] = Tokens.b64(new byte[16]);
        assertRefused(TokenFailure.MALFORMED, decrypter::decrypt, String.join(".", parts), "a 16-byte IV with A256GCM");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The steps {@link JweDecrypter#decrypt} takes, without its header rule (the RFC examples carry no cty). */
    private static String open(String jwe, RSAPrivateCrtKey key, JweKeyManagement expectedAlg, JweContentEncryption expectedEnc)
            throws TokenException, JoseException {
        JweParts parts = JweParts.parse(jwe, ANY_ALG, ANY_ENC, false, header -> { });
        assertEquals(expectedAlg, parts.keyManagement());
        assertEquals(expectedEnc, parts.contentEncryption());
        byte[] cek = JweKeyUnwrap.unwrap(key, parts.encryptedKey(), parts.keyManagement());
        byte[] plaintext = parts.contentEncryption().decrypt(cek, parts.headerSegment().getBytes(StandardCharsets.US_ASCII),
                parts.iv(), parts.ciphertext(), parts.tag());
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    /** A nested JWT encrypted by jose4j for {@code Tokens.rsaPublicKey(0)}. */
    static String jose4j(JweKeyManagement alg, JweContentEncryption enc, String signedJwt, boolean withKid)
            throws JoseException {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jwe.setAlgorithmHeaderValue(alg.alg());
        jwe.setEncryptionMethodHeaderParameter(enc.enc());
        jwe.setContentTypeHeaderValue("JWT");
        if (withKid) {
            jwe.setKeyIdHeaderValue("an issuer's own kid");
        }
        jwe.setKey(rsaPublicKey(0));
        jwe.setPlaintext(signedJwt.getBytes(StandardCharsets.US_ASCII));
        return jwe.getCompactSerialization();
    }

    private static RSAPrivateCrtKey samwise() throws GeneralSecurityException {
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                integer(SAMWISE_N), integer("AQAB"), integer(SAMWISE_D), integer(SAMWISE_P), integer(SAMWISE_Q),
                integer(SAMWISE_DP), integer(SAMWISE_DQ), integer(SAMWISE_QI)));
    }

    private static BigInteger integer(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }
}
