package dev.jwtauth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md, the configuration reference, against the one list of settings: its table has a row for
 * every setting and no other, and states each setting's default as {@link Setting} has it (the reader applies
 * that same value).
 */
class ConfigurationReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    /** {@code `jwt.Issuer`}, {@code `jwt.tenant.<id>.Host`}; a fallback ({@code `jwt.AuthKeyBase64.1`}) has its number. */
    private static final Pattern NAME = Pattern.compile("`jwt\\.(?:tenant\\.<id>\\.)?([A-Za-z][A-Za-z0-9]*)(\\.[0-9N]+)?`");
    /** {@code `mp.jwt.verify.issuer`}: MicroProfile JWT's, in the rows of its own table. */
    private static final Pattern MP_NAME = Pattern.compile("`(mp\\.jwt\\.[a-z.]+)`()");

    /** The Default column of each setting's row, by setting (the rows of fallbacks left out). */
    private static Map<Setting, String> defaultColumns() throws IOException {
        Map<Setting, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            boolean mp = line.startsWith("| `mp.jwt.");
            if (!line.startsWith("| `jwt.") && !mp) {
                continue;
            }
            String[] columns = line.split(" \\| ");
            Matcher names = (mp ? MP_NAME : NAME).matcher(columns[0]);
            while (names.find()) {
                Setting setting = Setting.named(names.group(1)).orElseThrow(() -> new AssertionError(
                        REFERENCE + " lists " + names.group() + ", which is not a setting"));
                if (names.group(2) == null || mp) {
                    String previous = rows.put(setting, columns[1].strip());
                    assertNull(previous, setting + " has one row in " + REFERENCE);
                }
            }
        }
        return rows;
    }

    @Test
    void theReferenceHasARowForEverySetting() throws IOException {
        assertEquals(Arrays.asList(Setting.values()), defaultColumns().keySet().stream().sorted().toList(),
                "the settings " + REFERENCE + " has rows for");
    }

    @Test
    void theReferenceStatesEachDefaultAsTheSettingHasIt() throws IOException {
        defaultColumns().forEach((setting, column) -> setting.defaultValue().ifPresentOrElse(
                value -> assertEquals("`" + value + "`", column, "the default of " + setting.globalProperty()),
                () -> assertFalse(column.startsWith("`"), setting.globalProperty() + " has no default value, but "
                        + REFERENCE + " states " + column)));
    }
}
