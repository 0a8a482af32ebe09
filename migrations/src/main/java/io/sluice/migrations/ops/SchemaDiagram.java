package io.sluice.migrations.ops;

import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.TableShape;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code schema --format mermaid}: the live schema as a Mermaid ER diagram, foreign keys as relations. */
public final class SchemaDiagram {
    private final Operator operator;

    public SchemaDiagram(Operator operator) {
        this.operator = operator;
    }

    public String mermaid() throws SQLException {
        Dialect dialect = operator.database().dialect();
        List<String> ownTables = dialect.ownTables(operator.database().settings());
        return operator.read(session -> {
            CatalogSnapshot catalog = session.readCatalog();
            StringBuilder out = new StringBuilder("erDiagram\n");
            for (String table : catalog.tableNames()) {
                if (ownTables.stream().anyMatch(table::equalsIgnoreCase)) {
                    continue; // Sluice's own bookkeeping is not the application's schema
                }
                TableShape shape = catalog.table(table);
                out.append("    ").append(word(table)).append(" {\n");
                for (String column : shape.columnNames()) {
                    TableShape.Column c = shape.column(column);
                    out.append("        ").append(word(c.type().isEmpty() ? "any" : c.type())).append(' ').append(word(column));
                    out.append(c.toString().contains("PRIMARY KEY") ? " PK" : "").append('\n');
                }
                out.append("    }\n");
            }
            for (String relation : relations(session.connection().getMetaData(), catalog,
                    dialect.metadataSchema(session.schema()))) {
                out.append("    ").append(relation).append('\n');
            }
            return out.toString();
        });
    }

    /** {@code loans }o--|| users : "user_id"} for every foreign key, read through JDBC metadata. */
    private static Set<String> relations(DatabaseMetaData metaData, CatalogSnapshot catalog, String schemaPattern)
            throws SQLException {
        Set<String> relations = new LinkedHashSet<>();
        for (String table : catalog.tableNames()) {
            try (ResultSet keys = metaData.getImportedKeys(null, schemaPattern, table)) {
                while (keys.next()) {
                    relations.add(word(keys.getString("FKTABLE_NAME")) + " }o--|| " + word(keys.getString("PKTABLE_NAME"))
                            + " : \"" + keys.getString("FKCOLUMN_NAME") + "\"");
                }
            }
        }
        return relations;
    }

    /** Mermaid names and types are single words. */
    private static String word(String text) {
        String word = text.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_+$", "");
        return word.isEmpty() ? "_" : word;
    }
}
