package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md, the configuration reference, against the one list of settings: its table has a row for
 * every setting and no other, and states each setting's type, default, environment variable and scope as
 * {@link Setting} has them (the reader applies that default and reads the value as that type).
 */
class ConfigurationReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    private static final String HEADER = "| Property | Type | Default | Environment variable | Per tenant | Meaning |";
    /** {@code `jwt.Issuer`}, {@code `jwt.tenant.<id>.Host`}; a fallback ({@code `jwt.AuthKeyBase64.1`}) has its number. */
    private static final Pattern NAME = Pattern.compile("`jwt\\.(?:tenant\\.<id>\\.)?([A-Za-z][A-Za-z0-9]*)(\\.[0-9N]+)?`");
    /** {@code `mp.jwt.verify.issuer`}: MicroProfile JWT's, in the rows of its own table. */
    private static final Pattern MP_NAME = Pattern.compile("`(mp\\.jwt\\.[a-z.]+)`()");

    /**
     * A row of a table that names settings (not fallbacks): the settings, in order, and its columns. The rows of
     * MicroProfile JWT's table (mp.jwt.*, named by the specification) have a default and no type, variable or scope
     * column: their type, variable and tenant spelling are the specification's and docs/configuration.md's text.
     */
    private record Row(List<Setting> settings, String type, String defaultValue, String environment, String perTenant) { }

    private static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        assertTrue(lines.contains(HEADER), REFERENCE + " has the table " + HEADER);
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            boolean mp = line.startsWith("| `mp.jwt.");
            if (!line.startsWith("| `jwt.") && !mp) {
                continue;
            }
            String[] columns = line.split(" \\| ");
            List<Setting> settings = new ArrayList<>();
            boolean fallbacks = false;
            Matcher names = (mp ? MP_NAME : NAME).matcher(columns[0]);
            while (names.find()) {
                if (names.group(1).equals("Property")) {
                    continue;       // jwt.tenant.<id>.<Property>: every setting, per tenant
                }
                Setting setting = Setting.named(names.group(1)).orElseThrow(() -> new AssertionError(
                        REFERENCE + " lists " + names.group() + ", which is not a setting"));
                if (names.group(2) == null || mp) {
                    settings.add(setting);
                } else {
                    fallbacks = true;
                }
            }
            if (!settings.isEmpty()) {
                assertFalse(fallbacks, line + ": a row names settings or their fallbacks, not both");
                rows.add(mp ? new Row(settings, null, columns[1].strip(), null, null)
                        : new Row(settings, columns[1].strip(), columns[2].strip(), columns[3].strip(), columns[4].strip()));
            }
        }
        return rows;
    }

    private static List<Row> jwtauthRows() throws IOException {
        return rows().stream().filter(row -> row.type() != null).toList();
    }

    private static Map<Setting, Row> rowsBySetting() throws IOException {
        Map<Setting, Row> bySetting = new LinkedHashMap<>();
        for (Row row : rows()) {
            row.settings().forEach(setting -> assertEquals(null, bySetting.put(setting, row),
                    setting + " has one row in " + REFERENCE));
        }
        return bySetting;
    }

    @Test
    void theReferenceHasARowForEverySetting() throws IOException {
        assertEquals(Arrays.asList(Setting.values()), rowsBySetting().keySet().stream().sorted().toList(),
                "the settings " + REFERENCE + " has rows for");
    }

    @Test
    void theReferenceStatesEachDefaultAsTheSettingHasIt() throws IOException {
        rowsBySetting().forEach((setting, row) -> setting.defaultValue().ifPresentOrElse(
                value -> assertEquals("`" + value + "`", row.defaultValue(), "the default of " + setting.globalProperty()),
                () -> assertFalse(row.defaultValue().startsWith("`"), setting.globalProperty() + " has no default value, but "
                        + REFERENCE + " states " + row.defaultValue())));
    }

    @Test
    void theReferenceStatesEachTypeAsTheSettingHasIt() throws IOException {
        for (Row row : jwtauthRows()) {
            String types = row.settings().stream().map(setting -> setting.type().label()).distinct()
                    .collect(Collectors.joining(", "));
            assertEquals(types, row.type(), "the type of " + row.settings());
        }
    }

    /** MicroProfile Config's mapping: each character that is not a letter or digit becomes _, then upper case. */
    @Test
    void theReferenceNamesTheEnvironmentVariableMicroProfileConfigReads() throws IOException {
        for (Row row : jwtauthRows()) {
            String variables = row.settings().stream()
                    .map(setting -> "`" + (setting.global() ? "jwt." + setting : "jwt.tenant.<id>." + setting)
                            .replace("<id>", "<ID>").replace('.', '_').toUpperCase(Locale.ROOT) + "`")
                    .collect(Collectors.joining(", "));
            assertEquals(variables, row.environment(), "the environment variables of " + row.settings());
        }
    }

    @Test
    void theReferenceSaysWhichSettingsATenantMaySet() throws IOException {
        for (Row row : jwtauthRows()) {
            for (Setting setting : row.settings()) {
                String scope = switch (setting.scope()) {
                    case ANYWHERE -> "yes";
                    case GLOBAL -> "no";
                    case CONFIGURED_TENANT -> "only";
                };
                assertEquals(scope, row.perTenant(), "whether jwt." + setting + " may be set per tenant");
            }
        }
    }
}
