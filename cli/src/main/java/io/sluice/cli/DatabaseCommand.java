package io.sluice.cli;

import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.util.Redact;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A command over one database or every instance: resolves the targets, runs the engine, prints
 * text or one JSON document, and turns failures into one line on stderr and an exit code.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;

    /** What the command does for one database. */
    abstract Result run(Operator operator) throws Exception;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        target.applyConfig();
        List<TargetOptions.Instance> instances;
        try {
            instances = target.instances();
        } catch (UsageException e) {
            return fail(e.getMessage(), e, ExitCode.USAGE);
        }
        if (instances.size() == 1 && !target.allInstances) {
            Result result;
            try {
                result = runOn(instances.get(0));
            } catch (Exception e) {
                return fail(e.getMessage(), e, exitCodeOf(e));
            }
            out.print(target.json ? JsonOut.write(result.json) + "\n" : result.text.toString());
            out.flush();
            return result.exitCode;
        }
        return runOnAll(instances, out);
    }

    private int runOnAll(List<TargetOptions.Instance> instances, PrintWriter out) {
        List<Map<String, Object>> documents = new ArrayList<>();
        int exitCode = ExitCode.SUCCESS;
        for (TargetOptions.Instance instance : instances) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("name", instance.name);
            String text;
            try {
                Result result = runOn(instance);
                document.putAll(result.json);
                text = result.text.toString();
                exitCode = Math.max(exitCode, result.exitCode);
            } catch (Exception e) {
                document.put("error", oneLine(e));
                text = "error: " + oneLine(e) + "\n";
                exitCode = Math.max(exitCode, exitCodeOf(e));
            }
            documents.add(document);
            if (!target.json) {
                out.print("== " + instance.name + " ==\n" + text);
            }
        }
        if (target.json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("instances", documents);
            out.print(JsonOut.write(all) + "\n");
        }
        out.flush();
        return exitCode;
    }

    private Result runOn(TargetOptions.Instance instance) throws Exception {
        GatedDatabase database = GatedDatabase.resolve(instance.url, instance.properties, target.file);
        Result result = run(new Operator(database));
        result.json.putIfAbsent("database", database.name());
        return result;
    }

    private static int exitCodeOf(Exception e) {
        if (e instanceof SluiceException) {
            Problem problem = ((SluiceException) e).problem();
            return problem == Problem.INVALID_SETTING || problem == Problem.NO_DRIVER ? ExitCode.USAGE : ExitCode.FAILURE;
        }
        return e instanceof UsageException ? ExitCode.USAGE : ExitCode.FAILURE;
    }

    int fail(String message, Exception cause, int exitCode) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("sluice " + spec.name() + ": " + Redact.url(oneLine(message)));
        if (target != null && target.verbose && cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static String oneLine(Exception e) {
        return oneLine(e.getMessage() != null ? e.getMessage() : e.toString());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * For commands that change the database: asks on a terminal, and without one needs
     * {@code --yes}. Returns the exit code to stop with, or null to go on.
     */
    Integer unconfirmed(boolean yes) {
        if (yes) {
            return null;
        }
        Console console = System.console();
        if (console == null) {
            return fail(spec.name() + " changes the database; add --yes to confirm (there is no terminal to ask)", null,
                    ExitCode.USAGE);
        }
        String answer = console.readLine("%s changes the database. Type yes to go on: ", spec.name());
        return "yes".equalsIgnoreCase(answer == null ? "" : answer.trim()) ? null : fail("not confirmed; nothing changed",
                null, ExitCode.FAILURE);
    }
}
