package dev.jwtauth.bench;


import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JsonCodec;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyIds;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.Profile;
import dev.jwtauth.token.RsaKeyFormats;
import dev.jwtauth.token.RsaSigningKey;
import dev.jwtauth.token.RsaVerificationKey;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;
import dev.jwtauth.token.VerifiedToken;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Cost of validating one realistic access token (as {@link TokenWriter} issues it) with jwtauth's {@link TokenReader},
 * against the bare work (Base64url + JSON parse + HMAC) and against smallrye-jwt's {@link DefaultJWTParser}.
 * Everything (keys, policies, readers, parsers, {@code Mac}) is prepared once per trial, never per call.
 * <p>
 * Not a test: run with {@code mvn -pl extension -Pbench verify [-Djmh.args="..."]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenValidationBenchmark {

    static final String ISSUER = "ssjwt";
    static final Duration EXPIRY = Duration.ofDays(14);

    byte[] hmacSecret;
    String hs256Token;
    String rs256Token;
    RSAPublicKey rsaPublicKey;

    TokenReader hs256Reader;
    TokenReader rs256Reader;

    DefaultJWTParser smallryeHs256Parser;
    SecretKey smallryeSecretKey;
    DefaultJWTParser smallryeRs256Parser;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        TokenUser user = TokenUser.of("1042", List.of("User", "Admin"), List.of("read", "write"))
                .withUserName("jdoe")
                .withProfile(Profile.empty().withEmail("jane.doe@example.com").withDisplayName("Jane Doe")
                        .withNames("Jane", "Doe"));

        // HS256 with a 32-byte AuthKey, as a HashAlgorithm=HS256 deployment configures it.
        hmacSecret = new byte[32];
        random.nextBytes(hmacSecret);
        HmacKey hmacKey = HmacKey.of(hmacSecret);
        TokenPolicy hs256Policy = policy(JwsAlgorithm.HS256, new KeyRing(Optional.of(hmacKey), List.of(hmacKey)));
        hs256Token = new TokenWriter(hs256Policy, clock, random).create(user);
        hs256Reader = new TokenReader(hs256Policy, clock);

        // RS256 with a 2048-bit key.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        KeyPair pair = generator.generateKeyPair();
        rsaPublicKey = (RSAPublicKey) pair.getPublic();
        String rsaKid = KeyIds.thumbprint(rsaPublicKey);
        RsaSigningKey signingKey = new RsaSigningKey((RSAPrivateCrtKey) pair.getPrivate(), rsaKid);
        RsaVerificationKey verificationKey = new RsaVerificationKey(rsaPublicKey, rsaKid, RsaKeyFormats.MIN_BITS);
        TokenPolicy rs256Policy = policy(JwsAlgorithm.RS256, new KeyRing(Optional.of(signingKey), List.of(verificationKey)));
        rs256Token = new TokenWriter(rs256Policy, clock, random).create(user);
        rs256Reader = new TokenReader(rs256Policy, clock);

        // smallrye-jwt, configured once per algorithm: the fairest use of its parser.
        smallryeSecretKey = new SecretKeySpec(hmacSecret, "HmacSHA256");
        smallryeHs256Parser = new DefaultJWTParser(contextInfo(SignatureAlgorithm.HS256));
        smallryeRs256Parser = new DefaultJWTParser(contextInfo(SignatureAlgorithm.RS256));

        // Never benchmark a failure path: every contender must accept its token.
        check(hs256Reader.read(hs256Token), "jwtauth HS256");
        check(rs256Reader.read(rs256Token), "jwtauth RS256");
        check(smallryeHs256Parser.verify(hs256Token, smallryeSecretKey), "smallrye HS256");
        check(smallryeRs256Parser.verify(rs256Token, rsaPublicKey), "smallrye RS256");
        if (!Baseline.validate(hs256Token, Baseline.mac(hmacSecret), null)) {
            throw new IllegalStateException("baseline HS256 refuses the token");
        }
    }

    private static TokenPolicy policy(JwsAlgorithm algorithm, KeyRing keys) {
        // The defaults of JwtSettingsReader: RequireHashAlgorithm, no audience, 30 s skew, 8 KiB tokens.
        return new TokenPolicy(algorithm, true, keys, ISSUER, List.of(), false, EXPIRY, Optional.empty(),
                Duration.ofSeconds(30), 8192);
    }

    private static JWTAuthContextInfo contextInfo(SignatureAlgorithm algorithm) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setIssuedBy(ISSUER);
        info.setSignatureAlgorithm(Set.of(algorithm));
        return info;
    }

    private static void check(VerifiedToken token, String who) {
        if (!"1042".equals(token.subject()) || !token.roles().contains("Admin")
                || !token.permissions().contains("write") || !token.string("preferred_username").equals(Optional.of("jdoe"))) {
            throw new IllegalStateException(who + " read unexpected claims: " + token.claims());
        }
    }

    private static void check(JsonWebToken token, String who) {
        if (!"1042".equals(token.getSubject()) || !ISSUER.equals(token.getIssuer())
                || !"jdoe".equals(token.getName())) {
            throw new IllegalStateException(who + " read unexpected claims: " + token.getClaimNames());
        }
    }

    /** The bare work of HS256 validation, with the {@code Mac} prepared once per thread. */
    @State(Scope.Thread)
    public static class Baseline {
        private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

        Mac mac;

        @Setup(Level.Trial)
        public void setUp(TokenValidationBenchmark benchmark) throws Exception {
            mac = mac(benchmark.hmacSecret);
        }

        static Mac mac(byte[] secret) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        }

        /**
         * Splits the compact token, Base64url-decodes and parses header and payload with the JSON parser jwtauth
         * uses (Jakarta JSON-P through {@link JsonCodec}, duplicate names refused), and
         * compares the HMAC-SHA256 of the signing input with the decoded signature in constant time. No checks
         * of algorithm, header or claims: this is the floor any validator has to pay.
         */
        static boolean validate(String token, Mac mac, Blackhole blackhole) throws Exception {
            int firstDot = token.indexOf('.');
            int secondDot = token.indexOf('.', firstDot + 1);
            byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
            JsonObject header = JsonCodec.parseObject(utf8(decode(ascii, 0, firstDot)));
            JsonObject payload = JsonCodec.parseObject(utf8(decode(ascii, firstDot + 1, secondDot)));
            ByteBuffer signature = decode(ascii, secondDot + 1, ascii.length);
            mac.update(ascii, 0, secondDot);
            boolean valid = MessageDigest.isEqual(mac.doFinal(), signature.array());
            if (blackhole != null) {
                blackhole.consume(header);
                blackhole.consume(payload);
            }
            return valid;
        }

        private static ByteBuffer decode(byte[] ascii, int from, int to) {
            // The decoder sizes its output exactly, so array() is the decoded bytes.
            return URL_DECODER.decode(ByteBuffer.wrap(ascii, from, to - from));
        }

        private static String utf8(ByteBuffer bytes) {
            return new String(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(),
                    StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public VerifiedToken jwtauthHs256() throws TokenException {
        return hs256Reader.read(hs256Token);
    }

    @Benchmark
    public VerifiedToken jwtauthRs256() throws TokenException {
        return rs256Reader.read(rs256Token);
    }

    @Benchmark
    public boolean baselineHs256(Baseline baseline, Blackhole blackhole) throws Exception {
        return Baseline.validate(hs256Token, baseline.mac, blackhole);
    }

    @Benchmark
    public JsonWebToken smallryeHs256() throws ParseException {
        return smallryeHs256Parser.verify(hs256Token, smallryeSecretKey);
    }

    @Benchmark
    public JsonWebToken smallryeRs256() throws ParseException {
        return smallryeRs256Parser.verify(rs256Token, rsaPublicKey);
    }
}
