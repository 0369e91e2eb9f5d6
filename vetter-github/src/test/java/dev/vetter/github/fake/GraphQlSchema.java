package dev.vetter.github.fake;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.Document;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import dev.vetter.testing.NpmPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GitHub's public GraphQL schema, from the npm package {@code @octokit/graphql-schema} at {@link #VERSION}: every
 * document the client sends is parsed and validated against it with graphql-java (fields, arguments, types,
 * variables), and the variables sent are checked against the document's declarations.
 */
public final class GraphQlSchema {
  /** The pinned {@code @octokit/graphql-schema} version. */
  /** SHA-256 of the file Vetter reads from the package, so a changed upload fails loudly. */
  static final String SHA256 = "3c62d0526d133cee53221c89de9b455ade24db78b9e7ad56d642c4c15bce2654";
  public static final String VERSION = "15.26.1";
  private static volatile GraphQlSchema shared;

  private final GraphQLSchema schema;

  private GraphQlSchema(GraphQLSchema schema) {
    this.schema = schema;
  }

  /** The pinned file, from the shared npm cache (see {@link NpmPackages}); skips the calling test when npm cannot fetch it. */
  private static Path fetch() {
    try {
      return NpmPackages.require("@octokit/graphql-schema@" + VERSION, "package/schema.graphql", SHA256);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + "@octokit/graphql-schema@" + VERSION, e);
    }
  }

  /** The schema, loaded once per JVM; skips the calling test when npm cannot fetch it. */
  public static GraphQlSchema load() {
    GraphQlSchema s = shared;
    if (s != null) return s;
    synchronized (GraphQlSchema.class) {
      if (shared != null) return shared;
      Path file = fetch();
      try {
        TypeDefinitionRegistry types = new SchemaParser().buildRegistry(withoutDuplicateFields(Parser.parse(
            graphql.parser.ParserEnvironment.newParserEnvironment().document(Files.readString(file))
                .parserOptions(graphql.parser.ParserOptions.newParserOptions().maxTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE)
                    .maxWhitespaceTokens(Integer.MAX_VALUE).maxRuleDepth(Integer.MAX_VALUE).build()).build())));
        shared = new GraphQlSchema(UnExecutableSchemaGenerator.makeUnExecutableSchema(types));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
      return shared;
    }
  }

  /**
   * The published schema declares a few fields twice (e.g. {@code EnterpriseOwnerInfo.repositoryDeployKeySetting} in
   * 15.26.1), which graphql-java rejects; the first declaration is kept.
   */
  private static Document withoutDuplicateFields(Document doc) {
    List<graphql.language.Definition> out = new ArrayList<>();
    for (graphql.language.Definition<?> d : doc.getDefinitions()) {
      if (d instanceof graphql.language.ObjectTypeDefinition o) {
        Set<String> seen = new HashSet<>();
        List<graphql.language.FieldDefinition> fields = new ArrayList<>();
        for (graphql.language.FieldDefinition f : o.getFieldDefinitions()) if (seen.add(f.getName())) fields.add(f);
        out.add(o.transform(b -> b.fieldDefinitions(fields)));
      } else if (d instanceof graphql.language.InterfaceTypeDefinition i) {
        Set<String> seen = new HashSet<>();
        List<graphql.language.FieldDefinition> fields = new ArrayList<>();
        for (graphql.language.FieldDefinition f : i.getFieldDefinitions()) if (seen.add(f.getName())) fields.add(f);
        out.add(i.transform(b -> b.definitions(fields)));
      } else {
        out.add(d);
      }
    }
    return doc.transform(b -> b.definitions(out));
  }

  /** A validated document: its one operation, or the problems found. */
  public record Checked(OperationDefinition operation, List<String> problems) {}

  public Checked check(String query, JsonNode variables) {
    List<String> problems = new ArrayList<>();
    Document doc;
    try {
      doc = Parser.parse(query);
    } catch (RuntimeException e) {
      return new Checked(null, List.of("GraphQL document does not parse: " + e.getMessage()));
    }
    for (ValidationError e : new Validator().validateDocument(schema, doc, Locale.ENGLISH)) problems.add("GraphQL: " + e.getDescription());
    List<OperationDefinition> ops = doc.getDefinitionsOfType(OperationDefinition.class);
    if (ops.size() != 1) {
      problems.add("GraphQL: expected one operation, got " + ops.size());
      return new Checked(null, problems);
    }
    OperationDefinition op = ops.get(0);
    Set<String> declared = new HashSet<>();
    for (VariableDefinition v : op.getVariableDefinitions()) {
      declared.add(v.getName());
      JsonNode value = variables == null ? null : variables.get(v.getName());
      if (v.getType() instanceof NonNullType && (value == null || value.isNull()) && v.getDefaultValue() == null) {
        problems.add("GraphQL: required variable $" + v.getName() + " is missing");
      }
    }
    if (variables != null) {
      for (Iterator<String> it = variables.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!declared.contains(name)) problems.add("GraphQL: variable $" + name + " is not declared by the operation");
      }
    }
    return new Checked(op, problems);
  }
}
