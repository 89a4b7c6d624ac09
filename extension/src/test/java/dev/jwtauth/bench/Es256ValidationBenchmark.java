package dev.jwtauth.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.jwtauth.token.EcSigningKey;
import dev.jwtauth.token.EcVerificationKey;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.Profile;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;
import dev.jwtauth.token.VerifiedToken;

/**
 * ES256: one realistic access token (as {@link TokenWriter} issues it, P-256 key) validated by jwtauth's
 * {@link TokenReader} — every check — against the bare JDK signature check of the same token with the same key:
 * {@code Signature.verify} of {@code SHA256withECDSAinP1363Format} (which reads JOSE's R || S as it is) over the
 * signing input, with the input and signature bytes prepared beforehand and the {@code Signature} initialised once.
 * <p>
 * Not a test: run with {@code mvn -pl extension -Pbench verify -Djmh.args="Es256ValidationBenchmark ..."}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Es256ValidationBenchmark {

    String token;
    TokenReader reader;
    ECPublicKey publicKey;
    byte[] signingInput;
    byte[] signature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = generator.generateKeyPair();
        publicKey = (ECPublicKey) pair.getPublic();
        EcVerificationKey verificationKey = EcVerificationKey.of(publicKey);
        EcSigningKey signingKey = new EcSigningKey((ECPrivateKey) pair.getPrivate(), verificationKey.kid());
        // The defaults of JwtSettingsReader: RequireHashAlgorithm, no audience, 30 s skew, 8 KiB tokens.
        TokenPolicy policy = new TokenPolicy(JwsAlgorithm.ES256, true,
                new KeyRing(Optional.of(signingKey), List.of(verificationKey)), TokenValidationBenchmark.ISSUER, List.of(),
                false, TokenValidationBenchmark.EXPIRY, Optional.empty(), Duration.ofSeconds(30), 8192);
        TokenUser user = TokenUser.of("1042", List.of("User", "Admin"), List.of("read", "write"))
                .withUserName("jdoe")
                .withProfile(Profile.empty().withEmail("jane.doe@example.com").withDisplayName("Jane Doe")
                        .withNames("Jane", "Doe"));
        token = new TokenWriter(policy, clock, random).create(user);
        reader = new TokenReader(policy, clock);
        int dot = token.lastIndexOf('.');
        signingInput = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));

        // Never benchmark a failure path: both must accept the token.
        if (!"1042".equals(reader.read(token).subject())) {
            throw new IllegalStateException("jwtauth read unexpected claims");
        }
        JdkCheck check = new JdkCheck();
        check.setUp(this);
        if (!check.verify(this)) {
            throw new IllegalStateException("the bare JDK check refuses the token");
        }
    }

    /** The bare check's {@link Signature}, initialised once per benchmark thread. */
    @State(Scope.Thread)
    public static class JdkCheck {
        Signature verifier;

        @Setup(Level.Trial)
        public void setUp(Es256ValidationBenchmark benchmark) throws GeneralSecurityException {
            verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(benchmark.publicKey);
        }

        boolean verify(Es256ValidationBenchmark benchmark) throws GeneralSecurityException {
            verifier.update(benchmark.signingInput);
            return verifier.verify(benchmark.signature);
        }
    }

    @Benchmark
    public VerifiedToken jwtauthEs256() throws TokenException {
        return reader.read(token);
    }

    @Benchmark
    public boolean jdkSignatureVerify(JdkCheck check) throws GeneralSecurityException {
        return check.verify(this);
    }
}
