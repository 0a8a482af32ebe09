package io.sluice.cli;

import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.ops.SchemaDiagram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schema", description = "The live schema as a Mermaid ER diagram.")
final class SchemaCommand extends DatabaseCommand {
    @Option(names = "--format", defaultValue = "mermaid", description = "only mermaid")
    String format;

    @Override
    Result run(Operator operator) throws Exception {
        if (!format.equals("mermaid")) {
            throw new UsageException("unknown --format " + format + "; the one format is mermaid");
        }
        String diagram = new SchemaDiagram(operator).mermaid();
        return new Result().put("format", format).put("diagram", diagram).line(diagram);
    }
}
