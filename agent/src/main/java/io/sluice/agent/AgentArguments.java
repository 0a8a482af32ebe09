package io.sluice.agent;

import io.sluice.migrations.config.Setting;

import java.util.Properties;

/**
 * {@code -javaagent:sluice-agent.jar=key=value;key=value}: settings without their {@code sluice.}
 * prefix. A value may hold {@code =} but not {@code ;}; such a value goes in the configuration file.
 */
final class AgentArguments {
    private AgentArguments() {
    }

    /** The arguments as {@code sluice.*} properties; none for a missing or blank argument string. */
    static Properties parse(String arguments) {
        Properties settings = new Properties();
        if (arguments == null) {
            return settings;
        }
        String[] pairs = arguments.split(";");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (pair.trim().isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? "" : pair.substring(0, equals).trim();
            if (key.isEmpty()) {
                // Not echoed: a misplaced ';' may have cut a secret in two.
                throw new IllegalArgumentException("agent argument " + (i + 1) + " is not key=value; write"
                        + " -javaagent:sluice-agent.jar=locations=filesystem:db;backupDir=/backups");
            }
            String name = key.startsWith(Setting.PREFIX) ? key : Setting.PREFIX + key;
            Setting nearest = Setting.misspelt(name.substring(Setting.PREFIX.length()));
            if (nearest != null) {
                throw new IllegalArgumentException("agent argument " + key + " is not a Sluice setting; did you mean "
                        + nearest.key() + "?");
            }
            settings.setProperty(name, pair.substring(equals + 1));
        }
        return settings;
    }
}
