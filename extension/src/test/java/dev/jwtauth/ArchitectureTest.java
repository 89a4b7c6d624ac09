package dev.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled classes (every reference the bytecode makes, not
 * only imports): the API on top of internals, a request's path going one way, no package loops, the token engine
 * free of configuration, HTTP and storage, and the security path free of JPA.
 */
class ArchitectureTest {
    private static final Path CLASSES = Path.of("target/classes");
    private static final String ROOT = "dev.jwtauth";
    private static final String TOKEN = "dev.jwtauth.token";
    private static final String SPI = "dev.jwtauth.spi";
    private static final String USER = "dev.jwtauth.user";
    private static final String TOOL = "dev.jwtauth.tool";
    private static final String CLIENT = "dev.jwtauth.client";
    private static final String CONFIG = "dev.jwtauth.internal.config";
    private static final String SECURITY = "dev.jwtauth.internal.security";
    private static final String REST = "dev.jwtauth.internal.rest";
    private static final String CDI = "dev.jwtauth.internal.cdi";
    /** The packages a user's code may name: everything else is internal. */
    private static final Set<String> API = Set.of(ROOT, SPI, USER, TOKEN, CLIENT);

    /** Which of our packages each package may use; the order is the layering, bottom first. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            TOKEN, Set.of(),
            TOOL, Set.of(TOKEN),
            CLIENT, Set.of(TOKEN),
            ROOT, Set.of(TOKEN),
            SPI, Set.of(ROOT, TOKEN),
            CONFIG, Set.of(TOKEN),
            SECURITY, Set.of(ROOT, SPI, TOKEN, CONFIG),
            USER, Set.of(ROOT, SPI, TOKEN, CONFIG),
            REST, Set.of(ROOT, SPI, TOKEN, USER, CONFIG, SECURITY),
            CDI, Set.of(ROOT, SPI, TOKEN, USER, CONFIG, SECURITY, REST));

    /** Libraries a package must not use, whatever else it may. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            TOKEN, List.of("jakarta.servlet.", "jakarta.ws.rs.", "jakarta.persistence.", "jakarta.transaction.",
                    "jakarta.enterprise.", "org.eclipse.microprofile.config."),
            SECURITY, List.of("jakarta.persistence.", "jakarta.transaction."),
            // a client of a jwtauth server, in any JVM: JAX-RS client, JSON-P and the MicroProfile Rest Client API only
            CLIENT, List.of("jakarta.servlet.", "jakarta.persistence.", "jakarta.transaction.", "jakarta.enterprise.",
                    "jakarta.security.", "org.eclipse.microprofile.config.", "org.eclipse.microprofile.jwt."),
            CONFIG, List.of("jakarta.servlet.", "jakarta.ws.rs.", "jakarta.persistence."));

    /** Class name -> the classes it refers to, from jdeps. */
    private static Map<String, Set<String>> references;

    @BeforeAll
    static void readBytecode() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the JDK has no jdeps"));
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none", CLASSES.toString());
        assertEquals(0, status, out::toString);
        references = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 3 && parts[1].equals("->") && parts[0].startsWith(ROOT + ".")) {
                references.computeIfAbsent(parts[0], c -> new TreeSet<>()).add(parts[2]);
            }
        }
        assertTrue(references.size() > 50, () -> "jdeps read too few classes:\n" + out);
    }

    @Test
    void everyPackageHasARule() {
        Set<String> unknown = new TreeSet<>();
        for (String type : references.keySet()) {
            if (!ALLOWED.containsKey(packageOf(type))) {
                unknown.add(packageOf(type));
            }
        }
        assertEquals(Set.of(), unknown, "a new package needs its place in the layering (docs/architecture.md)");
    }

    @Test
    void packagesUseOnlyTheLayersTheyMay() {
        List<String> violations = new ArrayList<>();
        references.forEach((type, used) -> {
            String from = packageOf(type);
            for (String target : used) {
                String to = packageOf(target);
                boolean ours = to.equals(ROOT) || to.startsWith(ROOT + ".");
                if (ours && !to.equals(from) && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                    violations.add(type + " -> " + target);
                }
                for (String library : FORBIDDEN.getOrDefault(from, List.of())) {
                    if (target.startsWith(library)) {
                        violations.add(type + " -> " + target + " (" + from + " must not use " + library + "*)");
                    }
                }
            }
        });
        assertEquals(List.of(), violations);
    }

    @Test
    void noPackageLoops() {
        Map<String, Set<String>> graph = new TreeMap<>();
        references.forEach((type, used) -> used.stream().map(ArchitectureTest::packageOf)
                .filter(to -> to.startsWith(ROOT) && !to.equals(packageOf(type)))
                .forEach(to -> graph.computeIfAbsent(packageOf(type), p -> new TreeSet<>()).add(to)));
        for (String start : graph.keySet()) {
            List<String> loop = pathBack(graph, start, List.of(start), new HashSet<>());
            assertTrue(loop.isEmpty(), () -> "package loop: " + String.join(" -> ", loop));
        }
    }

    /** The token engine is usable on its own: it does not know the names of jwtauth's settings. */
    @Test
    void tokenEngineKnowsNoSettingNames() throws IOException {
        List<String> named = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve(TOKEN.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (bytes.matches("(?s).*\\bjwt\\.[A-Z].*")) {
                    named.add(file.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), named, "classes of dev.jwtauth.token that contain a jwt.* setting name");
    }

    /** What users see: the public members of API types name only API, JDK and library types, never an internal one. */
    @Test
    void apiSignaturesExposeNoInternals() throws ClassNotFoundException {
        List<String> leaks = new ArrayList<>();
        for (String name : references.keySet()) {
            if (!API.contains(packageOf(name))) {
                continue;
            }
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            List<Type> exposed = new ArrayList<>();
            exposed.add(type.getGenericSuperclass());
            exposed.addAll(List.of(type.getGenericInterfaces()));
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers())) {
                    exposed.add(method.getGenericReturnType());
                    signature(method, exposed);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    signature(constructor, exposed);
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    exposed.add(field.getGenericType());
                }
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    exposed.add(component.getGenericType());
                }
            }
            for (Type t : exposed) {
                if (t != null && t.getTypeName().contains(ROOT + ".internal.")) {
                    leaks.add(name + " exposes " + t.getTypeName());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void signature(Executable executable, List<Type> exposed) {
        exposed.addAll(List.of(executable.getGenericParameterTypes()));
        exposed.addAll(List.of(executable.getGenericExceptionTypes()));
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** A path from {@code at} back to {@code start}, if there is one (depth first; {@code path} ends at {@code at}). */
    private static List<String> pathBack(Map<String, Set<String>> graph, String start, List<String> path, Set<String> seen) {
        String at = path.get(path.size() - 1);
        for (String next : graph.getOrDefault(at, Set.of())) {
            List<String> longer = new ArrayList<>(path);
            longer.add(next);
            if (next.equals(start)) {
                return longer;
            }
            if (seen.add(next)) {
                List<String> found = pathBack(graph, start, longer, seen);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return List.of();
    }

    private static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }
}
