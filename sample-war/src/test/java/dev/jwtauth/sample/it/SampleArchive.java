package dev.jwtauth.sample.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test deployments are the packaged sample WAR itself (what users deploy), with only its
 * {@code microprofile-config.properties} replaced where a scenario needs other settings.
 */
public final class SampleArchive {
    static final String CONFIG = "/WEB-INF/classes/META-INF/microprofile-config.properties";

    private SampleArchive() {
    }

    /** The sample exactly as built, deployed under {@code name} (its context root). */
    static WebArchive asBuilt(String name) {
        File war = new File(System.getProperty("sample.war", "target/sample-war.war"));
        WebArchive packaged = ShrinkWrap.createFromZipFile(WebArchive.class, war);
        WebArchive renamed = ShrinkWrap.create(WebArchive.class, name + ".war");
        renamed.merge(packaged);
        return renamed;
    }

    /**
     * {@code war} with the jars of the sample's WEB-INF/lib: jwtauth and what it brings, as the build of an
     * application that depends on it packages them.
     */
    public static WebArchive libraries(WebArchive war) {
        asBuilt("libraries").getContent(Filters.include("/WEB-INF/lib/.*\\.jar"))
                .forEach((path, node) -> war.add(node.getAsset(), path));
        return war;
    }

    /** The {@code microprofile-config.properties} a deployment carries. */
    static String config(WebArchive war) {
        try (InputStream in = war.get(CONFIG).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with {@code properties} as its whole MicroProfile Config file. */
    static WebArchive withConfig(String name, String properties) {
        WebArchive war = asBuilt(name);
        war.delete(CONFIG);
        war.add(new StringAsset(properties), CONFIG);
        return war;
    }
}
