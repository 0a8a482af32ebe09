package io.sluice.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §8: every command answers {@code --help} (and {@code -h}) with its usage and exit 0. */
class HelpTest {
    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        CommandLine root = SluiceCli.commandLine(false);
        assertFalse(root.getSubcommands().isEmpty());
        for (String command : root.getSubcommands().keySet()) {
            for (String flag : new String[] {"--help", "-h"}) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine cli = SluiceCli.commandLine(false);
                cli.setOut(new PrintWriter(out));
                cli.setErr(new PrintWriter(err));

                int exit = cli.execute(command, flag);

                assertEquals(0, exit, command + " " + flag + ": " + err);
                assertTrue(out.toString().startsWith("Usage: sluice " + command), command + " " + flag + ": " + out);
                assertEquals("", err.toString(), command + " " + flag);
            }
        }
    }

    @Test
    void helpWinsOverMissingRequiredOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = SluiceCli.commandLine(false);
        cli.setOut(new PrintWriter(out));

        assertEquals(0, cli.execute("baseline", "--help"));
        assertTrue(out.toString().contains("--version=V"), out.toString());
    }
}
