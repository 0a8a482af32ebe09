package io.sluice.migrations.config;

import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.Version;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolved, validated settings. Every value was checked when it was put, so the typed reads
 * below never fail. {@link #toString()} names placeholders but never shows their values.
 */
public final class Settings {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final Map<Setting, String> values;
    private final Map<String, String> placeholders;

    private Settings(Map<Setting, String> values, Map<String, String> placeholders) {
        this.values = values;
        this.placeholders = placeholders;
    }

    /** Every setting at its default. */
    public static Settings defaults() {
        return new Builder().build();
    }

    public boolean isSet(Setting setting) {
        return values.containsKey(setting);
    }

    /** The value as given, else the default (null for settings without one). */
    public String text(Setting setting) {
        String value = values.get(setting);
        return value != null ? value : setting.defaultValue();
    }

    public boolean flag(Setting setting) {
        return Boolean.parseBoolean(text(setting));
    }

    public int count(Setting setting) {
        return Integer.parseInt(text(setting));
    }

    public Duration duration(Setting setting) {
        return Duration.parse(text(setting));
    }

    /**
     * A choice setting's value: {@code settings.choice(Setting.ON_FAILURE, OnFailure.class)}. For
     * {@link Setting#BACKUP}, {@link Backup#METHOD} when the text names a dialect's own method.
     */
    public <E extends Enum<E>> E choice(Setting setting, Class<E> type) {
        if (setting.choiceType() != type) {
            throw new IllegalArgumentException(setting.property() + " is not a choice of " + type.getSimpleName());
        }
        String value = text(setting);
        for (E choice : type.getEnumConstants()) {
            if (Setting.spelling(choice).equals(value)) {
                return choice;
            }
        }
        return type.cast(Backup.METHOD); // checked when put: any other value is a dialect's method
    }

    public List<String> list(Setting setting) {
        String value = text(setting);
        if (value == null) {
            return Collections.emptyList();
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.trim().isEmpty()) {
                items.add(item.trim());
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** The highest version to apply, or null for {@code latest}. */
    public Version target() {
        String value = text(Setting.TARGET);
        return "latest".equalsIgnoreCase(value) ? null : Version.parse(value);
    }

    /** These settings with one value replaced, not checked again: for a value the engine itself chose. */
    public Settings with(Setting setting, String value) {
        EnumMap<Setting, String> changed = values.isEmpty() ? new EnumMap<>(Setting.class) : new EnumMap<>(values);
        changed.put(setting, value);
        return new Settings(changed, placeholders);
    }

    public Map<String, String> placeholders() {
        return placeholders;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((setting, value) -> shown.put(setting.key(), value));
        placeholders.keySet().forEach(name -> shown.put("placeholders." + name, "***"));
        return "Settings" + shown;
    }

    /** Collects values, checking each as it comes; later puts win. */
    public static final class Builder {
        private final EnumMap<Setting, String> values = new EnumMap<>(Setting.class);
        private final Map<String, String> placeholders = new LinkedHashMap<>();

        /**
         * @param origin where the value came from, for the error message ("the URL", "system properties")
         */
        public Builder put(Setting setting, String value, String origin) throws SluiceException {
            String trimmed = value.trim();
            String problem = check(setting, trimmed);
            if (problem != null) {
                throw new SluiceException(Problem.INVALID_SETTING, setting.property() + "=" + quoted(trimmed)
                        + " (from " + origin + ") is invalid: " + problem);
            }
            values.put(setting, setting.kind() == Setting.Kind.BOOLEAN || setting.kind() == Setting.Kind.CHOICE
                    ? trimmed.toLowerCase(Locale.ROOT) : trimmed);
            return this;
        }

        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        public Settings build() {
            return new Settings(new EnumMap<>(values),
                    Collections.unmodifiableMap(new LinkedHashMap<>(placeholders)));
        }

        private static String check(Setting setting, String value) {
            switch (setting.kind()) {
                case BOOLEAN:
                    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                            ? null : "expected true or false";
                case CHOICE:
                    return setting.choices().contains(value.toLowerCase(Locale.ROOT))
                            ? null : "expected one of " + String.join(", ", setting.choices());
                case COUNT:
                    return checkCount(value);
                case DURATION:
                    return checkDuration(value);
                case IDENTIFIER:
                    return IDENTIFIER.matcher(value).matches()
                            ? null : "not a plain SQL identifier (letters, digits and _, not starting with a digit)";
                case TARGET:
                    return checkTarget(value);
                case LIST:
                    return setting == Setting.LOCATIONS && !value.isEmpty() ? checkLocations(value) : checkText(value);
                case TEXT:
                    return checkText(value);
                default:
                    throw new IllegalStateException("no check for " + setting.kind());
            }
        }

        private static String checkText(String value) {
            return value.isEmpty() ? "empty; remove the setting to use the default" : null;
        }

        /** {@code filesystem:} alone would scan the working directory, whatever it happens to be. */
        private static String checkLocations(String value) {
            boolean any = false;
            for (String item : value.split(",")) {
                String location = item.trim();
                if (location.equals("filesystem:")) {
                    return "filesystem: needs a folder, like filesystem:/srv/app/sql";
                }
                any |= !location.isEmpty();
            }
            return any ? null : "no location; remove the setting to use the default";
        }

        private static String checkCount(String value) {
            try {
                return Integer.parseInt(value) >= 1 ? null : "must be at least 1";
            } catch (NumberFormatException e) {
                return "expected a whole number";
            }
        }

        private static String checkDuration(String value) {
            try {
                return Duration.parse(value).isNegative() ? "must not be negative" : null;
            } catch (DateTimeParseException e) {
                return "not an ISO-8601 duration; write it like PT30S, PT10M or PT1H";
            }
        }

        private static String checkTarget(String value) {
            if (value.equalsIgnoreCase("latest")) {
                return null;
            }
            try {
                Version.parse(value);
                return null;
            } catch (IllegalArgumentException e) {
                return "expected latest or a version like 1, 1.1 or 2025.12.29";
            }
        }

        private static String quoted(String value) {
            return value.length() > 80 ? value.substring(0, 77) + "..." : value;
        }
    }
}
