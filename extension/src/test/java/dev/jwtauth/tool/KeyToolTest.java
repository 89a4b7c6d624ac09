package dev.jwtauth.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.jwtauth.internal.config.JwtSettings;
import dev.jwtauth.internal.config.JwtSettingsReader;
import dev.jwtauth.internal.config.MapConfig;
import dev.jwtauth.token.JwsAlgorithm;
import dev.jwtauth.token.TokenException;
import dev.jwtauth.token.TokenPolicy;
import dev.jwtauth.token.TokenReader;
import dev.jwtauth.token.TokenUser;
import dev.jwtauth.token.TokenWriter;

/**
 * What the key tool prints is pasted into {@code microprofile-config.properties} (or an environment variable), so
 * every command's output is read back the way the deployment reads it: through {@link Properties#load} (what
 * MicroProfile Config does with the file) and through the raw value, into {@link JwtSettingsReader}.
 */
class KeyToolTest {
    private static final Pattern KID = Pattern.compile("^# .*, kid ([A-Za-z0-9_-]{43})$", Pattern.MULTILINE);

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeyTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run generate(String... args) {
        Run run = run(args);
        assertEquals(0, run.status(), () -> String.join(" ", args) + " failed: " + run.err());
        assertEquals("", run.err(), "nothing on stderr");
        return run;
    }

    /** The properties as MicroProfile Config reads the file ({@code \n} becomes a line break). */
    private static Map<String, String> asFile(String output) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(output));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    /** The values exactly as printed, as an environment variable would carry them ({@code \n} stays two characters). */
    private static Map<String, String> asWritten(String output) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("#")) {
                int equals = line.indexOf('=');
                map.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return map;
    }

    private static MapConfig config(Map<String, String> properties) {
        List<String> pairs = new ArrayList<>();
        properties.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        return MapConfig.of(pairs.toArray(String[]::new));
    }

    private static String kid(String output) {
        Matcher matcher = KID.matcher(output);
        assertTrue(matcher.find(), () -> "the first comment names the kid:\n" + output);
        return matcher.group(1);
    }

    /** The commented-out public key line, for services that only verify. */
    private static String publicKeyLine(String output) {
        return output.lines().filter(line -> line.matches("# jwt\\.\\S*PublicKey(Pem|Xml)(\\.1)?=.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no public key line in\n" + output)).substring(2);
    }

    private static String token(TokenPolicy policy) {
        return new TokenWriter(policy, Clock.systemUTC(), new SecureRandom())
                .create(TokenUser.of("42", List.of(), List.of()));
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of("hmac"), JwsAlgorithm.HS256),
                Arguments.of(List.of("hmac", "--algorithm", "HS384"), JwsAlgorithm.HS384),
                Arguments.of(List.of("hmac", "--algorithm", "HS512", "--rotate"), JwsAlgorithm.HS512),
                Arguments.of(List.of("rsa"), JwsAlgorithm.RS256),
                Arguments.of(List.of("rsa", "--format", "xml", "--algorithm", "RS512"), JwsAlgorithm.RS512),
                Arguments.of(List.of("rsa", "--bits", "3072", "--rotate"), JwsAlgorithm.RS256),
                Arguments.of(List.of("ec"), JwsAlgorithm.ES256),
                Arguments.of(List.of("ec", "--algorithm", "ES256", "--rotate"), JwsAlgorithm.ES256));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void outputIsAcceptedAsFileAndAsEnvironment(List<String> args, JwsAlgorithm algorithm) {
        String output = generate(args.toArray(String[]::new)).out();
        for (Map<String, String> properties : List.of(asFile(output), asWritten(output))) {
            assertEquals(2, properties.size(), () -> "one line each for HashAlgorithm and the key:\n" + output);
            JwtSettings settings = JwtSettingsReader.read(config(properties));
            assertEquals(algorithm, settings.tokens().algorithm());
            assertEquals(kid(output), settings.tokens().keys().signingKey().orElseThrow().kid(),
                    "the kid in the comment is the one tokens will carry");
        }
        if (algorithm.isHmac()) {
            String base64 = asFile(output).get("jwt.AuthKeyBase64");
            assertEquals(algorithm.minKeyBytes(), Base64.getDecoder().decode(base64).length, "key as long as the hash");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hmac", "rsa", "ec"})
    void tenantOutputConfiguresOnlyThatTenant(String command) {
        String output = generate(command, "--tenant", "acme-1").out();
        Map<String, String> properties = asFile(output);
        assertTrue(properties.keySet().stream().allMatch(name -> name.startsWith("jwt.tenant.acme-1.")),
                properties::toString);
        JwtSettings settings = JwtSettingsReader.readTenant(config(properties), "acme-1", Map.of());
        assertEquals(kid(output), settings.tokens().keys().signingKey().orElseThrow().kid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa --format pem", "rsa --format xml", "ec"})
    void publicKeyLineMakesAReaderOnlyServiceThatVerifiesTheSignersTokens(String line) throws TokenException {
        String output = generate(line.split(" ")).out();
        JwtSettings signer = JwtSettingsReader.read(config(asFile(output)));
        String reader = asWritten(output).entrySet().stream().filter(e -> e.getKey().endsWith("HashAlgorithm"))
                .map(e -> e.getKey() + "=" + e.getValue() + "\n").findFirst().orElseThrow() + publicKeyLine(output);
        JwtSettings verifier = JwtSettingsReader.read(config(asFile(reader)));
        assertTrue(verifier.tokens().keys().signingKey().isEmpty(), "reader-only");
        String token = token(signer.tokens());
        assertEquals("42", new TokenReader(verifier.tokens(), Clock.systemUTC()).read(token).subject());
    }

    @Test
    void hmacRotationKeepsTokensOfTheOldKeyValid() throws TokenException {
        Map<String, String> before = asFile(generate("hmac").out());
        String oldToken = token(JwtSettingsReader.read(config(before)).tokens());

        Map<String, String> after = asFile(generate("hmac", "--rotate").out());
        after.put("jwt.AuthKeyBase64.1", before.get("jwt.AuthKeyBase64"));
        TokenPolicy rotated = JwtSettingsReader.read(config(after)).tokens();
        TokenReader reader = new TokenReader(rotated, Clock.systemUTC());
        assertEquals("42", reader.read(oldToken).subject(), "a token signed before the rotation");
        assertEquals("42", reader.read(token(rotated)).subject(), "a token signed after it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec"})
    void keyPairRotationStepsKeepBothKeysValid(String command) throws TokenException {
        String beforeOutput = generate(command).out();
        Map<String, String> before = asFile(beforeOutput);
        TokenPolicy oldSigner = JwtSettingsReader.read(config(before)).tokens();
        String rotateOutput = generate(command, "--rotate").out();
        // Step 1: a reader-only service, with the old public key, adds the new one as its fallback .1.
        Map<String, String> reader = asFile(publicKeyLine(beforeOutput));
        reader.put("jwt.HashAlgorithm", before.get("jwt.HashAlgorithm"));
        reader.putAll(asFile(publicKeyLine(rotateOutput)));
        assertEquals(List.of("jwt.HashAlgorithm", "jwt.PublicKeyPem", "jwt.PublicKeyPem.1"),
                reader.keySet().stream().sorted().toList());
        // Step 2: the signer renames its private key to .1 and takes the new one.
        Map<String, String> signer = asFile(rotateOutput);
        signer.put("jwt.PrivateKeyPem.1", before.get("jwt.PrivateKeyPem"));
        TokenPolicy newSigner = JwtSettingsReader.read(config(signer)).tokens();

        String oldToken = token(oldSigner);
        String newToken = token(newSigner);
        for (TokenPolicy policy : List.of(JwtSettingsReader.read(config(reader)).tokens(), newSigner)) {
            TokenReader tokens = new TokenReader(policy, Clock.systemUTC());
            assertEquals("42", tokens.read(oldToken).subject(), "a token signed with the old key");
            assertEquals("42", tokens.read(newToken).subject(), "a token signed with the new key");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo", "hmac --bits 2048", "hmac --algorithm RS256", "rsa --algorithm HS256",
            "rsa --bits 1024", "rsa --format der", "rsa --tenant", "hmac --tenant a.b", "hmac --rotate --rotate",
            "hmac extra", "rsa --bits x", "ec --algorithm RS256", "ec --algorithm ES384", "ec --bits 2048",
            "ec --format xml", "rsa --algorithm ES256"})
    void badArgumentsPrintUsageOnStderrAndExit2(String line) {
        Run run = run(line.isEmpty() ? new String[0] : line.split(" "));
        assertEquals(KeyTool.USAGE_ERROR, run.status());
        assertEquals("", run.out(), "nothing on stdout that could end up in a properties file");
        assertTrue(run.err().startsWith("error: "), run.err());
        assertTrue(run.err().endsWith(KeyTool.USAGE), "usage follows the error");
        assertFalse(run.err().contains("Exception"), "no stack trace");
    }

    /**
     * {@code java -jar} puts nothing but the jar on the class path: run the tool from our classes alone, with only
     * the JDK as parent, so a key helper that starts to reach a Jakarta or MicroProfile type fails here.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hmac --rotate", "rsa --format xml --rotate", "rsa --tenant acme", "ec --rotate --tenant acme"})
    void runsWithTheJdkAlone(String line) throws ReflectiveOperationException, IOException {
        URL classes = KeyTool.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Method run = jarOnly.loadClass(KeyTool.class.getName())
                    .getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
            run.setAccessible(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Object status = run.invoke(null, line.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("HashAlgorithm="));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help", "rsa --help", "hmac --rotate -h"})
    void helpPrintsUsageOnStderr(String line) {
        Run run = run(line.split(" "));
        assertEquals(KeyTool.USAGE_ERROR, run.status());
        assertEquals("", run.out());
        assertEquals(KeyTool.USAGE, run.err());
    }
}
