import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jwtauth.token.EcKeyFormats;
import dev.jwtauth.token.EcSigningKey;
import dev.jwtauth.token.EcVerificationKey;
import dev.jwtauth.token.Encryption;
import dev.jwtauth.token.HmacKey;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.KeyIds;
import dev.jwtauth.token.KeyRing;
import dev.jwtauth.token.Profile;
import dev.jwtauth.token.RsaKeyFormats;
import dev.jwtauth.token.RsaSigningKey;
import dev.jwtauth.token.RsaVerificationKey;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;

/**
 * Writes the tokens the load benchmark sends: N distinct HS256 tokens (the sample's demo key), N distinct RS256 and
 * ES256 tokens (fresh key pairs, whose public key PEMs are written too), all for users with roles Admin and User (so
 * they pass /admin, which does the same work as /public), valid for a day. The RS256 and ES256 tokens carry
 * MicroProfile JWT's upn and groups too, so that a reader configured as a MicroProfile JWT application finds its
 * caller and roles where the specification puts them.
 * Run as a single-file program: java -cp <extension classes + JSON-P> LoadTokens.java <dir> <count> <hmac key b64>
 */
public class LoadTokens {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        HmacKey hmac = HmacKey.fromBase64(args[2]);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) rsa.getPublic();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGenerator.generateKeyPair();
        ECPublicKey ecPublicKey = (ECPublicKey) ec.getPublic();
        TokenWriter hs256 = writer(JwsAlgorithm.HS256, new KeyRing(Optional.of(hmac), List.of(hmac)), false);
        TokenWriter rs256 = writer(JwsAlgorithm.RS256, new KeyRing(
                Optional.of(new RsaSigningKey((RSAPrivateCrtKey) rsa.getPrivate(), KeyIds.thumbprint(publicKey))),
                List.of(RsaVerificationKey.of(publicKey))), true);
        TokenWriter es256 = writer(JwsAlgorithm.ES256, new KeyRing(
                Optional.of(new EcSigningKey((ECPrivateKey) ec.getPrivate(), KeyIds.thumbprint(ecPublicKey))),
                List.of(EcVerificationKey.of(ecPublicKey))), true);
        List<String> hsTokens = new ArrayList<>();
        List<String> rsTokens = new ArrayList<>();
        List<String> esTokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TokenUser user = TokenUser.of(Integer.toString(1000 + i), List.of("Admin", "User"), List.of("read"))
                    .withUserName("user" + i).withProfile(Profile.empty().withEmail("user" + i + "@example.com"));
            hsTokens.add(hs256.create(user));
            rsTokens.add(rs256.create(user));
            esTokens.add(es256.create(user));
        }
        Files.write(dir.resolve("hs256.txt"), hsTokens);
        Files.write(dir.resolve("rs256.txt"), rsTokens);
        Files.write(dir.resolve("es256.txt"), esTokens);
        Files.writeString(dir.resolve("hs256-one.txt"), hsTokens.get(0) + "\n");
        Files.writeString(dir.resolve("rs256-one.txt"), rsTokens.get(0) + "\n");
        Files.writeString(dir.resolve("es256-one.txt"), esTokens.get(0) + "\n");
        Files.writeString(dir.resolve("rs256-public.pem"), RsaKeyFormats.toPem(publicKey));
        Files.writeString(dir.resolve("es256-public.pem"), EcKeyFormats.toPem(ecPublicKey));
    }

    private static TokenWriter writer(JwsAlgorithm algorithm, KeyRing keys, boolean mpJwtClaims) {
        TokenPolicy policy = new TokenPolicy(algorithm, true, keys, "ssjwt", List.of(), false, Duration.ofDays(1),
                Optional.empty(), Duration.ofSeconds(30), 8192, Optional.empty(), mpJwtClaims, Encryption.NONE, false,
                Optional.empty());
        return new TokenWriter(policy, Clock.systemUTC(), new SecureRandom());
    }
}
