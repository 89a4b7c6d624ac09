package dev.jwtauth.token;

import static dev.jwtauth.token.Jwes.assertRefused;
import static dev.jwtauth.token.Jwes.hex;
import static dev.jwtauth.token.Jwes.octets;
import static dev.jwtauth.token.Jwes.segment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * Published vectors for the two cryptographic steps of {@link JweDecrypter}. No RFC publishes a complete
 * RSA-OAEP + A128CBC-HS256 JWE — RFC 7516 A.1 and RFC 7520 §5.2 pair RSA-OAEP with A256GCM, RFC 7516 A.2 and RFC
 * 7520 §5.1 pair A128CBC-HS256 with RSA1_5, A.3 with A128KW — so each step is checked on its own, through exactly
 * the code {@code decrypt} runs:
 * <ul>
 * <li>RSA-OAEP key unwrap ({@link JweKeyUnwrap#unwrap}): RFC 7516 Appendix A.1's encrypted key, under A.1's RSA key,
 * must give A.1's CEK;</li>
 * <li>A128CBC-HS256 decryption ({@link JweContentEncryption#decrypt}): RFC 7516 Appendix A.2 and A.3 (their CEK,
 * IV, AAD = their header segment, ciphertext and tag) and RFC 7518 Appendix B.1 (the AES_128_CBC_HMAC_SHA_256 test
 * case, with an arbitrary AAD) must give the published plaintexts, and refuse any altered byte.</li>
 * </ul>
 * How the two are joined (AAD = header segment, CEK split, sign-then-encrypt) is covered by round trips and by a JWE
 * built independently with the JCA in {@link JweDecrypterTest}. The complete A.1, A.2 and A.3 tokens double as
 * genuine third-party JWEs that must be refused for their algorithms.
 * <p>
 * Values are copied from RFC 7516 Appendix A (https://www.rfc-editor.org/rfc/rfc7516#appendix-A) and RFC 7518
 * Appendix B.1; two independent test suites embedding the same vectors were used to cross-check the copy, and each
 * published CEK is confirmed here by a second, independent route (AES-GCM decryption of A.1, RSA1_5 unwrap of A.2,
 * AES key unwrap of A.3), so a copying error cannot pass unnoticed.
 */
class JweVectorsTest {

    // ---- RFC 7516 Appendix A.1: RSAES-OAEP and AES GCM --------------------------------------------------------

    /** A.1.7: the complete JWE; header {"alg":"RSA-OAEP","enc":"A256GCM"}. */
    static final String A1_TOKEN = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ"
            + ".OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb"
            + "23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfq"
            + "Nzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6Ukl"
            + "fCpIMfIjf7iGdXKHzg"
            + ".48V1_ALb6US04U3b"
            + ".5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A"
            + ".XFBoMYUZodetZdvTiFvSkQ";

    /** A.1.2: the CEK, octet by octet. */
    static final byte[] A1_CEK = octets(177, 161, 244, 128, 84, 143, 225, 115, 63, 180, 3, 255, 107, 154, 212,
            246, 138, 7, 110, 91, 112, 46, 34, 105, 47, 130, 203, 46, 122, 234, 64, 252);

    static final String A1_PLAINTEXT = "The true sign of intelligence is not knowledge but imagination.";

    /** A.1.3: the recipient's RSA key as a JWK. */
    static RSAPrivateCrtKey a1Key() {
        return Jwes.rsaKey(
                "oahUIoWw0K0usKNuOR6H4wkf4oBUXHTxRvgb48E-BVvxkeDNjbC4he8rUWcJoZmds2h7M70imEVhRU5djINXtqllXI4DFqcI1DgjT9LewND8M"
                        + "W2Krf3Spsk_ZkoFnilakGygTwpZ3uesH-PFABNIUYpOiN15dsQRkgr0vEhxN92i2asbOenSZeyaxziK72UwxrrKoExv6kc5twXTq4h-Q"
                        + "ChLOln0_mtUZwfsRaMStPs6mS6XrgxnxbWhojf663tuEQueGC-FCMfra36C9knDFGzKsNa7LZK2djYgyD3JR_MB_4NUJW_TqOQtwHYbx"
                        + "evoJArm-L5StowjzGy-_bq6Gw",
                "AQAB",
                "kLdtIj6GbDks_ApCSTYQtelcNttlKiOyPzMrXHeI-yk1F7-kpDxY4-WY5NWV5KntaEeXS1j82E375xxhWMHXyvjYecPT9fpwR_M9gV8n9Hrh2"
                        + "anTpTD93Dt62ypW3yDsJzBnTnrYu1iwWRgBKrEYY46qAZIrA2xAwnm2X7uGR1hghkqDp0Vqj3kbSCz1XyfCs6_LehBwtxHIyh8Ripy40"
                        + "p24moOAbgxVw3rxT_vlt3UVe4WO3JkJOzlpUf-KTVI2Ptgm-dARxTEtE-id-4OJr0h-K-VFs3VSndVTIznSxfyrj8ILL6MG_Uv8YAu7V"
                        + "ILSB3lOW085-4qE3DzgrTjgyQ",
                "1r52Xk46c-LsfB5P442p7atdPUrxQSy4mti_tZI3Mgf2EuFVbUoDBvaRQ-SWxkbkmoEzL7JXroSBjSrK3YIQgYdMgyAEPTPjXv_hI2_1eTSPV"
                        + "ZfzL0lffNn03IXqWF5MDFuoUYE0hzb2vhrlN_rKrbfDIwUbTrjjgieRbwC6Cl0",
                "wLb35x7hmQWZsWJmB_vle87ihgZ19S8lBEROLIsZG4ayZVe9Hi9gDVCOBmUDdaDYVTSNx_8Fyw1YYa9XGrGnDew00J28cRUoeBB_jKI1oma0O"
                        + "rv1T9aXIWxKwd4gvxFImOWr3QRL9KEBRzk2RatUBnmDZJTIAfwTs0g68UZHvtc",
                "ZK-YwE7diUh0qR1tR7w8WHtolDx3MZ_OTowiFvgfeQ3SiresXjm9gZ5KLhMXvo-uz-KUJWDxS5pFQ_M0evdo1dKiRTjVw_x4NyqyXPM5nULPk"
                        + "cpU827rnpZzAJKpdhWAgqrXGKAECQH0Xt4taznjnd_zVpAmZZq60WPMBMfKcuE",
                "Dq0gfgJ1DdFGXiLvQEZnuKEN0UUmsJBxkjydc3j4ZYdBiMRAy86x0vHCjywcMlYYg4yoC4YZa9hNVcsjqA3FeiL19rk8g6Qn29Tt0cj8qqyFp"
                        + "z9vNDBUfCAiJVeESOjJDZPYHdHY8v1b-o-Z2X5tvLx-TCekf7oxyeKDUqKWjis",
                "VIMpMYbPf47dT1w_zDUXfPimsSegnMOA1zTaX7aGk_8urY6R8-ZW1FxU7AlWAyLWybqq6t16VFd7hQd0y6flUK4SlOydB61gwanOsXGOAOv82"
                        + "cHq0E3eL4HrtZkUuKvnPrMnsUUFlfUdybVzxyjz9JF_XyaY14ardLSjf4L_FNY");
    }

    // ---- RFC 7516 Appendix A.2: RSAES-PKCS1-v1_5 and AES_128_CBC_HMAC_SHA_256 ------------------------------------

    /** A.2.7: the complete JWE; header {"alg":"RSA1_5","enc":"A128CBC-HS256"}. */
    private static final String A2_TOKEN = "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0"
            + ".UGhIOguC7IuEvf_NPVaXsGMoLOmwvc1GyqlIKOK1nN94nHPoltGRhWhw7Zx0-kFm1NJn8LE9XShH59_i8J0PH5ZZyNfGy2xGdULU7sHNF6Gp"
            + "2vPLgNZ__deLKxGHZ7PcHALUzoOegEI-8E66jX2E4zyJKx-YxzZIItRzC5hlRirb6Y5Cl_p-ko3YvkkysZIFNPccxRU7qve1WYPxqbb2Yw8k"
            + "Zqa2rMWI5ng8OtvzlV7elprCbuPhcCdZ6XDP0_F8rkXds2vE4X-ncOIM8hAYHHi29NX0mcKiRaD0-D-ljQTP-cFPgwCp6X-nZZd9OHBv-B3o"
            + "Wh2TbqmScqXMR4gp_A"
            + ".AxY8DCtDaGlsbGljb3RoZQ"
            + ".KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY"
            + ".9hH0vgRfYgPnAHOd8stkvw";

    /** A.2.2 (and A.3.2): the CEK, octet by octet. */
    private static final byte[] A2_CEK = octets(4, 211, 31, 197, 84, 157, 252, 254, 11, 100, 157, 250, 63, 170, 106,
            206, 107, 124, 212, 45, 111, 107, 9, 219, 200, 177, 0, 240, 143, 156, 44, 207);

    private static final String A2_PLAINTEXT = "Live long and prosper.";

    /** A.2.3: the recipient's RSA key as a JWK. */
    private static RSAPrivateCrtKey a2Key() {
        return Jwes.rsaKey(
                "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXs"
                        + "s8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDr"
                        + "GA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1B"
                        + "zBZI0KQB0GaDWFLN-aEAw3vRw",
                "AQAB",
                "VFCWOqXr8nvZNyaaJLXdnNPXZKRaWCjkU5Q2egQQpTBMwhprMzWzpR8Sxq1OPThh_J6MUD8Z35wky9b8eEO0pwNS8xlh1lOFRRBoNqDIKVOku"
                        + "0aZb-rynq8cxjDTLZQ6Fz7jSjR1Klop-YKaUHc9GsEofQqYruPhzSA-QgajZGPbE_0ZaVDJHfyd7UUBUKunFMScbflYAAOYJqVIVwaYR"
                        + "5zWEEceUjNnTNo_CVSj-VvXLO5VZfCUAVLgW4dpf1SrtZjSt34YLsRarSb127reG_DUwg9Ch-KyvjT1SkHgUWRVGcyly7uvVGRSDwsXy"
                        + "pdrNinPA4jlhoNdizK2zF2CWQ",
                "9gY2w6I6S6L0juEKsbeDAwpd9WMfgqFoeA9vEyEUuk4kLwBKcoe1x4HG68ik918hdDSE9vDQSccA3xXHOAFOPJ8R9EeIAbTi1VwBYnbTp87X-"
                        + "xcPWlEPkrdoUKW60tgs1aNd_Nnc9LEVVPMS390zbFxt8TN_biaBgelNgbC95sM",
                "uKlCKvKv_ZJMVcdIs5vVSU_6cPtYI1ljWytExV_skstvRSNi9r66jdd9-yBhVfuG4shsp2j7rGnIio901RBeHo6TPKWVVykPu1iYhQXw1jIAB"
                        + "fw-MVsN-3bQ76WLdt2SDxsHs7q7zPyUyHXmps7ycZ5c72wGkUwNOjYelmkiNS0",
                "w0kZbV63cVRvVX6yk3C8cMxo2qCM4Y8nsq1lmMSYhG4EcL6FWbX5h9yuvngs4iLEFk6eALoUS4vIWEwcL4txw9LsWH_zKI-hwoReoP77cOdSL"
                        + "4AVcraHawlkpyd2TWjE5evgbhWtOxnZee3cXJBkAi64Ik6jZxbvk-RR3pEhnCs",
                "o_8V14SezckO6CNLKs_btPdFiO9_kC1DsuUTd2LAfIIVeMZ7jn1Gus_Ff7B7IVx3p5KuBGOVF8L-qifLb6nQnLysgHDh132NDioZkhH7mI7hP"
                        + "G-PYE_odApKdnqECHWw0J-F0JWnUd6D2B_1TvF9mXA2Qx-iGYn8OVV1Bsmp6qU",
                "eNho5yRBEBxhGBtQRww9QirZsB66TrfFReG_CcteI1aCneT0ELGhYlRlCtUkTRclIfuEPmNsNDPbLoLqqCVznFbvdB7x-Tl-m0l_eFTj2Kiqw"
                        + "GqE9PZB9nNTwMVvH3VRRSLWACvPnSiwP8N5Usy-WRXS-V7TbpxIhvepTfE0NNo");
    }

    // ---- RFC 7516 Appendix A.3: AES Key Wrap and AES_128_CBC_HMAC_SHA_256 ----------------------------------------

    /** A.3.7: the complete JWE; header {"alg":"A128KW","enc":"A128CBC-HS256"}; same CEK, IV and plaintext as A.2. */
    private static final String A3_TOKEN = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0"
            + ".6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ"
            + ".AxY8DCtDaGlsbGljb3RoZQ"
            + ".KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY"
            + ".U0m_YmjN04DJvceFICbCVQ";

    /** A.3.3: the symmetric key-wrapping key, JWK member "k". */
    private static final String A3_KEK = "GawgguFyGrWKav7AX4VKUg";

    // ---- RFC 7518 Appendix B.1: AES_128_CBC_HMAC_SHA_256 test case ---------------------------------------------

    private static final byte[] B1_K = hex("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"
            + " 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f");
    private static final String B1_P = "A cipher system must not be required to be secret, and it must be able to fall"
            + " into the hands of the enemy without inconvenience";
    private static final byte[] B1_IV = hex("1a f3 8c 2d c2 b9 6f fd d8 66 94 09 23 41 bc 04");
    private static final String B1_A = "The second principle of Auguste Kerckhoffs";
    private static final byte[] B1_E = hex("c8 0e df a3 2d df 39 d5 ef 00 c0 b4 68 83 42 79"
            + " a2 e4 6a 1b 80 49 f7 92 f7 6b fe 54 b9 03 a9 c9"
            + " a9 4a c9 b4 7a d2 65 5c 5f 10 f9 ae f7 14 27 e2"
            + " fc 6f 9b 3f 39 9a 22 14 89 f1 63 62 c7 03 23 36"
            + " 09 d4 5a c6 98 64 e3 32 1c f8 29 35 ac 40 96 c8"
            + " 6e 13 33 14 c5 40 19 e8 ca 79 80 df a4 b9 cf 1b"
            + " 38 4c 48 6f 3a 54 c5 10 78 15 8e e5 d7 9d e5 9f"
            + " bd 34 d8 48 b3 d6 95 50 a6 76 46 34 44 27 ad e5"
            + " 4b 88 51 ff b5 98 f7 f8 00 74 b9 47 3c 82 e2 db");
    private static final byte[] B1_T = hex("65 2c 3f a3 6b 0a 7c 5b 32 19 fa b3 a3 0b c1 c4");

    // ---- RSA-OAEP key unwrap ----------------------------------------------------------------------------------

    @Test
    void rfc7516A1CekIsConfirmedByDecryptingA1WithAesGcm() throws GeneralSecurityException {
        // Independent confirmation of the copied CEK: it must open A.1's A256GCM content (RFC 7516 §5.2 step 15).
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(A1_CEK, "AES"), new GCMParameterSpec(128, decode(A1_TOKEN, 2)));
        gcm.updateAAD(segment(A1_TOKEN, 0).getBytes(StandardCharsets.US_ASCII));
        gcm.update(decode(A1_TOKEN, 3));
        assertEquals(A1_PLAINTEXT, new String(gcm.doFinal(decode(A1_TOKEN, 4)), StandardCharsets.UTF_8),
                "RFC 7516 A.1: the published CEK must decrypt the published token");
    }

    @Test
    void rsaOaepUnwrapOfRfc7516A1GivesThePublishedCek() {
        assertArrayEquals(A1_CEK, JweKeyUnwrap.unwrap(a1Key(), decode(A1_TOKEN, 1), JweKeyManagement.RSA_OAEP),
                "RSA-OAEP (SHA-1, MGF1-SHA-1) unwrap of the RFC 7516 A.1 encrypted key with the A.1 key must give the"
                        + " A.1 CEK");
    }

    @Test
    void rsaOaepUnwrapOfAnAlteredA1KeyGivesRandomBytesNotAnError() {
        byte[] altered = decode(A1_TOKEN, 1);
        altered[17] ^= 1;
        byte[] first = JweKeyUnwrap.unwrap(a1Key(), altered, JweKeyManagement.RSA_OAEP);
        byte[] second = JweKeyUnwrap.unwrap(a1Key(), altered, JweKeyManagement.RSA_OAEP);
        assertEquals(JweContentEncryption.CEK_BYTES, first.length, "a failed unwrap must still yield a CEK-sized key (RFC 7516 §11.5)");
        assertFalse(Arrays.equals(first, A1_CEK), "an altered encrypted key must not unwrap to the CEK");
        assertFalse(Arrays.equals(first, second), "the substitute CEK must be random, not a fixed value");
        assertEquals(JweContentEncryption.CEK_BYTES, JweKeyUnwrap.unwrap(a1Key(), new byte[3], JweKeyManagement.RSA_OAEP).length,
                "an encrypted key of the wrong length is treated the same way");
        assertEquals(JweContentEncryption.CEK_BYTES, JweKeyUnwrap.unwrap(a1Key(), new byte[300], JweKeyManagement.RSA_OAEP).length,
                "an encrypted key longer than the modulus is treated the same way");
    }

    @Test
    void rfc7516A1TokenIsRefusedAsAnAccessTokenForItsContent() {
        // RSA-OAEP + A256GCM is read (JweAlgorithmsTest decrypts A.1), but A.1 encrypts text, not a signed JWT.
        JweDecrypter decrypter = new JweDecrypter(List.of(a1Key()));
        TokenException refusal = assertRefused(TokenFailure.INVALID_TYPE, decrypter::decrypt, A1_TOKEN,
                "RFC 7516 A.1 (RSA-OAEP + A256GCM, no cty), with the right key");
        assertEquals("cty is not JWT", refusal.detail());
    }

    // ---- A128CBC-HS256 content decryption ---------------------------------------------------------------------

    @Test
    void rfc7516A2CekIsConfirmedByRsa1_5UnwrapOfA2() throws GeneralSecurityException {
        // Independent confirmation of the copied CEK (test-only: jwtauth never uses RSA1_5).
        Cipher rsa1_5 = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa1_5.init(Cipher.DECRYPT_MODE, a2Key());
        assertArrayEquals(A2_CEK, rsa1_5.doFinal(decode(A2_TOKEN, 1)), "RFC 7516 A.2: the published CEK");
    }

    @Test
    void a128cbcHs256DecryptsRfc7516A2() throws JoseException {
        byte[] plaintext = JweContentEncryption.A128CBC_HS256.decrypt(A2_CEK.clone(), ascii(segment(A2_TOKEN, 0)), decode(A2_TOKEN, 2),
                decode(A2_TOKEN, 3), decode(A2_TOKEN, 4));
        assertEquals(A2_PLAINTEXT, new String(plaintext, StandardCharsets.UTF_8),
                "A128CBC-HS256 with RFC 7516 A.2's CEK, AAD (its header segment), IV, ciphertext and tag");
    }

    @Test
    void rfc7516A3CekIsConfirmedByAesKeyUnwrapOfA3() throws GeneralSecurityException {
        Cipher aesKw = Cipher.getInstance("AESWrap");
        aesKw.init(Cipher.UNWRAP_MODE, new SecretKeySpec(Base64.getUrlDecoder().decode(A3_KEK), "AES"));
        Key cek = aesKw.unwrap(decode(A3_TOKEN, 1), "AES", Cipher.SECRET_KEY);
        assertArrayEquals(A2_CEK, cek.getEncoded(), "RFC 7516 A.3 uses the same CEK as A.2");
    }

    @Test
    void a128cbcHs256DecryptsRfc7516A3() throws JoseException {
        // Same CEK, IV and ciphertext as A.2, another header: only the tag differs, because the AAD does.
        byte[] plaintext = JweContentEncryption.A128CBC_HS256.decrypt(A2_CEK.clone(), ascii(segment(A3_TOKEN, 0)), decode(A3_TOKEN, 2),
                decode(A3_TOKEN, 3), decode(A3_TOKEN, 4));
        assertEquals(A2_PLAINTEXT, new String(plaintext, StandardCharsets.UTF_8), "A128CBC-HS256 of RFC 7516 A.3");
        assertThrows(JoseException.class, () -> JweContentEncryption.A128CBC_HS256.decrypt(A2_CEK.clone(), ascii(segment(A2_TOKEN, 0)),
                decode(A3_TOKEN, 2), decode(A3_TOKEN, 3), decode(A3_TOKEN, 4)),
                "A.3's tag with A.2's header as AAD: the AAD is authenticated, so this must fail");
    }

    @Test
    void a128cbcHs256DecryptsRfc7518B1() throws JoseException {
        byte[] plaintext = JweContentEncryption.A128CBC_HS256.decrypt(B1_K.clone(), ascii(B1_A), B1_IV, B1_E, B1_T);
        assertEquals(B1_P, new String(plaintext, StandardCharsets.US_ASCII),
                "RFC 7518 B.1: AES_128_CBC_HMAC_SHA_256 with K, A, IV, E and T must give P");
    }

    @Test
    void a128cbcHs256RefusesEveryAlteredByteOfRfc7518B1() {
        byte[] a = ascii(B1_A);
        for (int i = 0; i < B1_T.length; i++) {
            byte[] tag = B1_T.clone();
            tag[i] ^= (byte) 0x80;
            assertThrows(JoseException.class, () -> JweContentEncryption.A128CBC_HS256.decrypt(B1_K.clone(), a, B1_IV, B1_E, tag),
                    "RFC 7518 B.1 with tag byte " + i + " altered");
        }
        for (int i = 0; i < B1_E.length; i += 7) {
            byte[] e = B1_E.clone();
            e[i] ^= 1;
            assertThrows(JoseException.class, () -> JweContentEncryption.A128CBC_HS256.decrypt(B1_K.clone(), a, B1_IV, e, B1_T),
                    "RFC 7518 B.1 with ciphertext byte " + i + " altered");
        }
        for (int i = 0; i < B1_IV.length; i++) {
            byte[] iv = B1_IV.clone();
            iv[i] ^= 1;
            assertThrows(JoseException.class, () -> JweContentEncryption.A128CBC_HS256.decrypt(B1_K.clone(), a, iv, B1_E, B1_T),
                    "RFC 7518 B.1 with IV byte " + i + " altered");
        }
        byte[] otherA = ascii(B1_A + " ");
        assertThrows(JoseException.class, () -> JweContentEncryption.A128CBC_HS256.decrypt(B1_K.clone(), otherA, B1_IV, B1_E, B1_T),
                "RFC 7518 B.1 with another AAD");
        byte[] macK = B1_K.clone();
        macK[0] ^= 1;
        assertThrows(JoseException.class, () -> JweContentEncryption.A128CBC_HS256.decrypt(macK, a, B1_IV, B1_E, B1_T),
                "RFC 7518 B.1 with another MAC key");
    }

    @Test
    void rfc7516A2AndA3TokensAreRefusedForTheirKeyManagement() {
        JweDecrypter decrypter = new JweDecrypter(List.of(a2Key()));
        TokenException a2 = assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, decrypter::decrypt, A2_TOKEN,
                "RFC 7516 A.2 (RSA1_5 + A128CBC-HS256), with the right key");
        assertEquals("alg RSA1_5", a2.detail(), "the refusal must name the refused alg");
        assertRefused(TokenFailure.UNSUPPORTED_ALGORITHM, decrypter::decrypt, A3_TOKEN,
                "RFC 7516 A.3 (A128KW + A128CBC-HS256)");
    }

    private static byte[] decode(String token, int segment) {
        return Base64.getUrlDecoder().decode(segment(token, segment));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
