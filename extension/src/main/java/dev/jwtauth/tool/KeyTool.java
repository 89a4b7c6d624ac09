package dev.jwtauth.tool;

import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.jwtauth.token.JwsAlgorithm;

/**
 * {@code java -jar extension.jar hmac|rsa|ec [options]}: prints a new signing key as ready-to-paste
 * {@code microprofile-config.properties} lines on stdout, so {@code >> microprofile-config.properties} never
 * captures anything else; usage and errors go to stderr with exit code 2.
 * <p>
 * It runs from the jar alone: besides the JDK it loads only {@link KeyProperties} and the key helpers of
 * {@code dev.jwtauth.token} ({@code JwsAlgorithm}, {@code KeyIds}, {@code RsaKeyFormats},
 * {@code EcKeyFormats} and its package-private helpers, {@code KeyFormatException}), none of which reach a Jakarta, MicroProfile or SmallRye type.
 */
public final class KeyTool {
    static final int USAGE_ERROR = 2;
    static final String USAGE = """
            Usage: java -jar extension.jar <command> [options]
            Prints a new key as microprofile-config.properties lines on stdout.

            Commands:
              hmac   a random HMAC AuthKey as long as the hash (jwt.AuthKeyBase64)
              rsa    a new RSA key pair (jwt.PrivateKeyPem, or jwt.PrivateKeyXml with --format xml)
              ec     a new EC P-256 key pair for ES256 (jwt.PrivateKeyPem)

            Options:
              --algorithm ALG  hmac: HS256 (default), HS384, HS512; rsa: RS256 (default), RS384, RS512; ec: ES256
              --bits N         rsa: 2048 (default), 3072, 4096
              --format F       rsa: pem (default) or xml (ServiceStack's <RSAKeyValue>)
              --tenant ID      write jwt.tenant.ID.<Property> instead of jwt.<Property>
              --rotate         say how to keep the current key as fallback .1 while its tokens expire
            """;

    /** Same rule as the configuration reader's, so every id we print is one it reads. */
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Set<String> HELP = Set.of("--help", "-h");
    private static final Set<String> VALUE_OPTIONS = Set.of("--algorithm", "--bits", "--format", "--tenant");
    private static final Map<String, Set<String>> OPTIONS_OF = Map.of(
            "hmac", Set.of("--algorithm", "--tenant", "--rotate"),
            "rsa", Set.of("--algorithm", "--bits", "--format", "--tenant", "--rotate"),
            "ec", Set.of("--algorithm", "--tenant", "--rotate"));
    private static final Map<String, JwsAlgorithm.KeyType> TYPE_OF = Map.of(
            "hmac", JwsAlgorithm.KeyType.HMAC, "rsa", JwsAlgorithm.KeyType.RSA, "ec", JwsAlgorithm.KeyType.EC);
    private static final List<Integer> RSA_BITS = List.of(2048, 3072, 4096);

    private KeyTool() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        // Success returns normally, so that `mvn exec:java` (same JVM as Maven) finishes its build.
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).stream().anyMatch(HELP::contains) || args.length > 0 && args[0].equals("help")) {
            err.print(USAGE);
            return USAGE_ERROR;
        }
        Map<String, String> options = new HashMap<>();
        Optional<String> problem = parse(args, options);
        if (problem.isPresent()) {
            err.println("error: " + problem.get());
            err.println();
            err.print(USAGE);
            return USAGE_ERROR;
        }
        String prefix = Optional.ofNullable(options.get("--tenant")).map(id -> "jwt.tenant." + id + ".").orElse("jwt.");
        boolean rotate = options.containsKey("--rotate");
        JwsAlgorithm algorithm = JwsAlgorithm.valueOf(options.get("--algorithm"));
        SecureRandom random = new SecureRandom();
        if (args[0].equals("hmac")) {
            byte[] secret = new byte[algorithm.minKeyBytes()];
            random.nextBytes(secret);
            out.print(KeyProperties.hmac(algorithm, secret, prefix, rotate));
        } else if (args[0].equals("ec")) {
            out.print(KeyProperties.ec(ecKey(random), prefix, rotate));
        } else {
            RSAPrivateCrtKey key = rsaKey(Integer.parseInt(options.get("--bits")), random);
            out.print(KeyProperties.rsa(algorithm, key, options.get("--format").equals("xml"), prefix, rotate));
        }
        out.flush();
        return 0;
    }

    /**
     * Fills {@code options} (with defaults) from {@code args}, whose first element is the command. Returns what is
     * wrong with them, or nothing when they are complete and valid.
     */
    private static Optional<String> parse(String[] args, Map<String, String> options) {
        if (args.length == 0) {
            return Optional.of("no command given");
        }
        String command = args[0];
        if (!OPTIONS_OF.containsKey(command)) {
            return Optional.of("unknown command '" + command + "'");
        }
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (!OPTIONS_OF.get(command).contains(name)) {
                return Optional.of((name.startsWith("-") ? "'" + command + "' has no option " : "unexpected argument ")
                        + "'" + name + "'");
            }
            boolean takesValue = VALUE_OPTIONS.contains(name);
            if (takesValue && i + 1 == args.length) {
                return Optional.of(name + " needs a value");
            }
            if (options.put(name, takesValue ? args[++i] : "") != null) {
                return Optional.of(name + " is given twice");
            }
        }
        JwsAlgorithm.KeyType type = TYPE_OF.get(command);
        String algorithm = options.computeIfAbsent("--algorithm", name -> switch (type) {
            case HMAC -> "HS256";
            case RSA -> "RS256";
            case EC -> "ES256";
        });
        if (JwsAlgorithm.fromHeader(algorithm).filter(a -> a.keyType() == type).isEmpty()) {
            return Optional.of("--algorithm for " + command + " is " + switch (type) {
                case HMAC -> "HS256, HS384 or HS512";
                case RSA -> "RS256, RS384 or RS512";
                case EC -> "ES256";
            } + ", not '" + algorithm + "'");
        }
        String bits = options.computeIfAbsent("--bits", name -> "2048");
        if (RSA_BITS.stream().map(String::valueOf).noneMatch(bits::equals)) {
            return Optional.of("--bits is 2048, 3072 or 4096, not '" + bits + "'");
        }
        String format = options.computeIfAbsent("--format", name -> "pem");
        if (!format.equals("pem") && !format.equals("xml")) {
            return Optional.of("--format is pem or xml, not '" + format + "'");
        }
        String tenant = options.get("--tenant");
        if (tenant != null && !TENANT_ID.matcher(tenant).matches()) {
            return Optional.of("--tenant is letters, digits, '-' and '_', not '" + tenant + "'");
        }
        return Optional.empty();
    }

    private static ECPrivateKey ecKey(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return (ECPrivateKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime cannot generate a P-256 key", e);
        }
    }

    /** F4 (65537) is the exponent every JOSE and .NET implementation expects. */
    private static RSAPrivateCrtKey rsaKey(int bits, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must generate 2048-bit RSA keys (and SunRsaSign does 3072 and 4096).
            throw new IllegalStateException("the Java runtime cannot generate a " + bits + "-bit RSA key", e);
        }
    }
}
