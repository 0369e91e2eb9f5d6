package dev.vetter.checks.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vetter.change.FileContent;
import dev.vetter.checks.owners.CodeOwners.Owner;
import dev.vetter.checks.owners.CodeOwners.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeOwnersTest {

  private static List<String> owners(CodeOwners co, String path) {
    return co.ownersOf(path).owners().stream().map(Owner::name).toList();
  }

  @Test
  void syntaxProblemsCarryLineAndColumnAndSkipTheLine() {
    CodeOwners co = CodeOwners.parse("""
        * @all
        !vendor/ @nobody
          ***.js @js
        @octocat
        ^[Broken
        [Docs][zero] @docs
        """);
    assertThat(co.problems()).extracting(Problem::line, Problem::column, Problem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2, 1, Problem.Kind.SYNTAX),
        org.assertj.core.groups.Tuple.tuple(3, 3, Problem.Kind.SYNTAX),
        org.assertj.core.groups.Tuple.tuple(4, 1, Problem.Kind.SYNTAX),
        org.assertj.core.groups.Tuple.tuple(5, 1, Problem.Kind.SYNTAX),
        org.assertj.core.groups.Tuple.tuple(6, 8, Problem.Kind.SYNTAX));
    assertThat(co.problems().get(0).message()).contains("negation");
    assertThat(co.problems().get(2).message()).contains("'* @octocat'");
    assertThat(owners(co, "vendor/lib.js")).containsExactly("@all");
  }

  @Test
  void invalidOwnersAreReportedAndLeftOut() {
    CodeOwners co = CodeOwners.parse("*.js octocat @org/ @a, @b docs@example.com @org/team @@maintainer # @commented\n");
    assertThat(co.problems()).extracting(Problem::kind).containsOnly(Problem.Kind.INVALID_OWNER);
    assertThat(co.problems()).extracting(Problem::column).containsExactly(6, 14, 20);
    assertThat(co.problems().get(0).message()).contains("Did you mean @octocat?");
    assertThat(co.problems().get(1).message()).contains("@org/team");
    assertThat(co.problems().get(2).message()).contains("with spaces, not commas");
    assertThat(co.ownersOf("a.js").owners()).extracting(Owner::name, Owner::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("@b", Owner.Kind.USER),
        org.assertj.core.groups.Tuple.tuple("docs@example.com", Owner.Kind.EMAIL),
        org.assertj.core.groups.Tuple.tuple("@org/team", Owner.Kind.TEAM),
        org.assertj.core.groups.Tuple.tuple("@@maintainer", Owner.Kind.ROLE));
  }

  @Test
  void bracketsStartAPatternWhenNotAHeading() {
    CodeOwners co = CodeOwners.parse("/apps/[param]/file.ts @web\n[param]/x.ts @web2\n");
    assertThat(co.problems()).isEmpty();
    assertThat(co.sections()).isEmpty();
    assertThat(owners(co, "apps/[param]/file.ts")).containsExactly("@web");
    assertThat(owners(co, "[param]/x.ts")).containsExactly("@web2");
  }

  @Test
  void gitLabSectionsAreMatchedEachOnTheirOwn() {
    CodeOwners co = CodeOwners.parse("""
        * @general
        [Documentation][2] @docs-team @tech-writers
        docs/
        README.md @readme-owner
        ^[Database] @database-team
        model/db/
        [documentation]
        *.txt
        """);
    assertThat(co.problems()).isEmpty();
    assertThat(co.sections()).extracting(CodeOwners.Section::name, CodeOwners.Section::optional, CodeOwners.Section::approvals)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Documentation", false, 2),
            org.assertj.core.groups.Tuple.tuple("Database", true, 1),
            org.assertj.core.groups.Tuple.tuple("documentation", false, 1));
    assertThat(owners(co, "docs/index.md")).containsExactly("@general", "@docs-team", "@tech-writers");
    assertThat(owners(co, "README.md")).containsExactly("@general", "@readme-owner");
    assertThat(owners(co, "model/db/schema.sql")).containsExactly("@general", "@database-team");
    // the second [documentation] heading continues the first section (names are case-insensitive): its
    // *.txt line, without owners and without section defaults, clears that section for .txt files
    assertThat(co.ownersOf("docs/notes.txt").matches()).hasSize(2);
    assertThat(owners(co, "docs/notes.txt")).containsExactly("@general");
  }

  @Test
  void approvalPlanNeedsEveryRequiredSectionButNotOptionalOnes() {
    CodeOwners co = CodeOwners.parse("""
        * @general
        [Docs][2] @docs-a @docs-b @docs-c
        docs/
        ^[Database] @dba
        db/
        """);
    CodeOwners.ApprovalPlan plan = co.approvals(List.of("docs/a.md", "db/x.sql", "src/Main.java"));
    assertThat(plan.requirements()).extracting(CodeOwners.Requirement::approvals).containsExactly(1, 2);
    assertThat(plan.approvers()).extracting(Owner::name).containsExactly("@general", "@docs-a", "@docs-b");
    assertThat(plan.exact()).isTrue();
    assertThat(plan.unowned()).isEmpty();
  }

  @Test
  void approvalPlanIsExactWhereGreedyIsNot() {
    // @x appears in four groups, but @a and @b together cover all six: greedy takes @x first and
    // needs three approvers; the exact search finds two
    CodeOwners co = CodeOwners.parse("""
        /f1 @a @x
        /f2 @a @x
        /f3 @a
        /f4 @b @x
        /f5 @b @x
        /f6 @b
        """);
    CodeOwners.ApprovalPlan plan = co.approvals(List.of("f1", "f2", "f3", "f4", "f5", "f6", "unowned.txt"));
    assertThat(plan.approvers()).extracting(Owner::name).containsExactly("@a", "@b");
    assertThat(plan.exact()).isTrue();
    assertThat(plan.unowned()).containsExactly("unowned.txt");
  }

  @Test
  void locateFollowsGitHubsOrder() {
    Map<String, String> files = Map.of("CODEOWNERS", "* @root", "docs/CODEOWNERS", "* @docs");
    var located = CodeOwners.locate(p -> Optional.ofNullable(files.get(p)).map(t -> FileContent.ofText(p, t)));
    assertThat(located).hasValueSatisfying(l -> {
      assertThat(l.path()).isEqualTo("CODEOWNERS");
      assertThat(owners(l.owners(), "x")).containsExactly("@root");
    });
    assertThat(CodeOwners.locate(p -> Optional.empty())).isEmpty();
  }

  @Test
  void toleratesCrlfBomAndTabs() {
    CodeOwners co = CodeOwners.parse("*.md\t@docs\r\n/build/ @ops  @dev\r\n");
    assertThat(co.problems()).isEmpty();
    assertThat(owners(co, "README.md")).containsExactly("@docs");
    assertThat(owners(co, "build/x")).containsExactly("@ops", "@dev");
  }
}
