package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The manual's relative links lead somewhere: every one in README.md, CONTRIBUTING.md, SECURITY.md and docs/*.md
 * names a file of the repository, and its {@code #anchor}, if any, a heading of that file as GitHub spells the
 * heading's anchor. A link out of the repository fails too: the project refers to no document it does not hold.
 */
class DocumentationLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** {@code [text](target)} and {@code ![alt](target)}, with an optional title after the target. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    @Test
    void everyRelativeLinkNamesAFileOfTheRepositoryAndAHeadingOfIt() throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        for (Path document : documents()) {
            for (String target : links(document)) {
                problem(document, target, anchors).ifPresent(broken::add);
            }
        }
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void aBrokenLinkIsFound() throws IOException {
        Map<Path, Set<String>> anchors = new HashMap<>();
        Path readme = ROOT.resolve("README.md");
        assertTrue(problem(readme, "docs/no-such-page.md", anchors).isPresent());
        assertTrue(problem(readme, "docs/configuration.md#no-such-heading", anchors).isPresent());
        assertTrue(problem(readme, "#no-such-heading", anchors).isPresent());
        assertTrue(problem(readme, "../elsewhere.md", anchors).isPresent(), "a document outside the repository");
        assertTrue(problem(readme, "docs/configuration.md#configuration-reference", anchors).isEmpty());
        assertTrue(problem(readme, "#the-two-commands", anchors).isEmpty());
    }

    @Test
    void anchorsAreSpeltAsGitHubSpellsThem() {
        assertEquals("results-microprofile-jwt-tck-21-open-liberty-26003",
                slug("Results (MicroProfile JWT TCK 2.1, Open Liberty 26.0.0.3)"));
        assertEquals("metrics-metrics", slug("Metrics (`/metrics`)"));
        assertEquals("reader-services-jwks-and-libertys-own-mpjwt", slug("Reader services: JWKS, and Liberty's own mpJwt"));
        assertEquals("the-jwtauth_refresh_reuse_total-counter", slug("The `jwtauth_refresh_reuse_total` counter"));
        assertEquals("see-the-page", slug("See [the page](page.md)"));
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md"),
                ROOT.resolve("SECURITY.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** The link targets of {@code document}, outside code blocks and code spans. */
    private static List<String> links(Path document) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(document)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
                while (link.find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }

    /** What is wrong with the link {@code target} of {@code document}, if anything. */
    private static Optional<String> problem(Path document, String target, Map<Path, Set<String>> anchors) {
        if (SCHEME.matcher(target).find()) {
            return Optional.empty();      // an address on the web, not a file of the repository
        }
        String where = ROOT.relativize(document) + ": " + target;
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path file = path.isEmpty() ? document
                : document.getParent().resolve(URI.create("x:" + path).getSchemeSpecificPart()).normalize();
        if (!file.startsWith(ROOT)) {
            return Optional.of(where + " leads out of the repository");
        }
        if (!Files.exists(file)) {
            return Optional.of(where + ": no such file");
        }
        if (hash < 0) {
            return Optional.empty();
        }
        String anchor = target.substring(hash + 1);
        if (!anchors.computeIfAbsent(file, DocumentationLinksTest::anchors).contains(anchor)) {
            return Optional.of(where + ": no heading " + anchor + " in " + ROOT.relativize(file));
        }
        return Optional.empty();
    }

    /** The anchors GitHub gives the headings of {@code file} (a repeated one gets -1, -2, …). */
    private static Set<String> anchors(Path file) {
        Set<String> anchors = new HashSet<>();
        if (!file.toString().endsWith(".md")) {
            return anchors;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = slug(heading.group(1));
                int times = seen.merge(slug, 1, Integer::sum);
                anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor of a heading: its text as rendered (links by their text, no code or emphasis marks), in lower
     * case, without punctuation but {@code -} and {@code _}, spaces as {@code -}.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
    }
}
