package dev.vetter.checks;

import dev.vetter.check.Check;
import dev.vetter.checks.commits.BodyFormat;
import dev.vetter.checks.commits.ConventionalFormat;
import dev.vetter.checks.commits.FixupCommit;
import dev.vetter.checks.commits.HeaderLength;
import dev.vetter.checks.commits.IssueReference;
import dev.vetter.checks.commits.MergeCommit;
import dev.vetter.checks.commits.SignedOff;
import dev.vetter.checks.commits.WipCommit;
import dev.vetter.checks.coverage.PatchThreshold;
import dev.vetter.checks.coverage.UncoveredLines;
import dev.vetter.checks.deps.AddedDependency;
import dev.vetter.checks.deps.DependencyDowngrade;
import dev.vetter.checks.deps.PrereleaseDependency;
import dev.vetter.checks.deps.StaleLockfile;
import dev.vetter.checks.deps.UnparseableManifest;
import dev.vetter.checks.deps.UnpinnedDependency;
import dev.vetter.checks.deps.UntrustedSource;
import dev.vetter.checks.deps.VulnerableDependency;
import dev.vetter.checks.hygiene.BinaryFile;
import dev.vetter.checks.hygiene.ConflictMarker;
import dev.vetter.checks.hygiene.DebugStatement;
import dev.vetter.checks.hygiene.EditorconfigViolation;
import dev.vetter.checks.hygiene.LargeFile;
import dev.vetter.checks.hygiene.LongLine;
import dev.vetter.checks.hygiene.MissingFinalNewline;
import dev.vetter.checks.hygiene.MixedIndentation;
import dev.vetter.checks.hygiene.MixedLineEndings;
import dev.vetter.checks.hygiene.TodoWithoutIssue;
import dev.vetter.checks.hygiene.TrailingWhitespace;
import dev.vetter.checks.owners.CodeOwnersChanged;
import dev.vetter.checks.owners.CodeOwnersSyntax;
import dev.vetter.checks.owners.InvalidOwner;
import dev.vetter.checks.owners.UnownedFile;
import dev.vetter.checks.secrets.AgeSecretKey;
import dev.vetter.checks.secrets.AnthropicApiKey;
import dev.vetter.checks.secrets.AtlassianApiToken;
import dev.vetter.checks.secrets.AwsAccessKey;
import dev.vetter.checks.secrets.AwsSecretKey;
import dev.vetter.checks.secrets.AzureClientSecret;
import dev.vetter.checks.secrets.AzureStorageKey;
import dev.vetter.checks.secrets.BasicAuthUrl;
import dev.vetter.checks.secrets.CloudflareApiToken;
import dev.vetter.checks.secrets.CustomSecrets;
import dev.vetter.checks.secrets.DatabaseUrl;
import dev.vetter.checks.secrets.DatabricksToken;
import dev.vetter.checks.secrets.DigitaloceanToken;
import dev.vetter.checks.secrets.DockerHubToken;
import dev.vetter.checks.secrets.DopplerToken;
import dev.vetter.checks.secrets.FigmaToken;
import dev.vetter.checks.secrets.GcpApiKey;
import dev.vetter.checks.secrets.GcpServiceAccount;
import dev.vetter.checks.secrets.GenericAssignment;
import dev.vetter.checks.secrets.GithubToken;
import dev.vetter.checks.secrets.GitlabToken;
import dev.vetter.checks.secrets.GrafanaToken;
import dev.vetter.checks.secrets.GroqApiKey;
import dev.vetter.checks.secrets.HerokuApiKey;
import dev.vetter.checks.secrets.HuggingfaceToken;
import dev.vetter.checks.secrets.Jwt;
import dev.vetter.checks.secrets.LinearApiKey;
import dev.vetter.checks.secrets.MailchimpApiKey;
import dev.vetter.checks.secrets.MailgunApiKey;
import dev.vetter.checks.secrets.NewRelicKey;
import dev.vetter.checks.secrets.NotionToken;
import dev.vetter.checks.secrets.NpmToken;
import dev.vetter.checks.secrets.OnePasswordToken;
import dev.vetter.checks.secrets.OpenaiApiKey;
import dev.vetter.checks.secrets.PlanetscaleToken;
import dev.vetter.checks.secrets.PostmanApiKey;
import dev.vetter.checks.secrets.PrivateKey;
import dev.vetter.checks.secrets.PulumiToken;
import dev.vetter.checks.secrets.PypiToken;
import dev.vetter.checks.secrets.RubygemsToken;
import dev.vetter.checks.secrets.SendgridApiKey;
import dev.vetter.checks.secrets.SentryToken;
import dev.vetter.checks.secrets.ShopifyToken;
import dev.vetter.checks.secrets.SlackToken;
import dev.vetter.checks.secrets.SlackWebhook;
import dev.vetter.checks.secrets.SquareToken;
import dev.vetter.checks.secrets.StripeKey;
import dev.vetter.checks.secrets.TailscaleKey;
import dev.vetter.checks.secrets.TelegramBotToken;
import dev.vetter.checks.secrets.TerraformCloudToken;
import dev.vetter.checks.secrets.TwilioKey;
import dev.vetter.checks.secrets.VaultToken;
import dev.vetter.checks.secrets.VercelToken;
import dev.vetter.checks.size.PrSize;
import dev.vetter.checks.smells.Complexity;
import dev.vetter.checks.tests.MissingTests;
import java.util.List;

/** Every built-in check, explicitly; nothing registers itself. Keep sorted by rule id. */
public final class BuiltInChecks {
  private BuiltInChecks() {}

  public static List<Check> all() {
    return List.of(
        new BodyFormat(),            // commits/body-format
        new ConventionalFormat(),    // commits/conventional-format
        new FixupCommit(),           // commits/fixup
        new HeaderLength(),          // commits/header-length
        new IssueReference(),        // commits/issue-reference
        new MergeCommit(),           // commits/merge-commit
        new SignedOff(),             // commits/signed-off
        new WipCommit(),             // commits/wip
        new PatchThreshold(),        // coverage/patch-threshold
        new UncoveredLines(),        // coverage/uncovered-lines
        new AddedDependency(),       // deps/added
        new DependencyDowngrade(),   // deps/downgrade
        new StaleLockfile(),         // deps/lockfile-not-updated
        new PrereleaseDependency(),  // deps/prerelease
        new UnparseableManifest(),   // deps/unparseable
        new UnpinnedDependency(),    // deps/unpinned
        new UntrustedSource(),       // deps/untrusted-source
        new VulnerableDependency(),  // deps/vulnerable
        new BinaryFile(),            // hygiene/binary-file
        new ConflictMarker(),        // hygiene/conflict-marker
        new DebugStatement(),        // hygiene/debug-statement
        new EditorconfigViolation(), // hygiene/editorconfig
        new MissingFinalNewline(),   // hygiene/final-newline
        new LargeFile(),             // hygiene/large-file
        new MixedLineEndings(),      // hygiene/line-ending
        new LongLine(),              // hygiene/line-length
        new MixedIndentation(),      // hygiene/mixed-indentation
        new TodoWithoutIssue(),      // hygiene/todo-without-issue
        new TrailingWhitespace(),    // hygiene/trailing-whitespace
        new CodeOwnersChanged(),     // owners/codeowners-changed
        new InvalidOwner(),          // owners/invalid-owner
        new CodeOwnersSyntax(),      // owners/syntax
        new UnownedFile(),           // owners/unowned-file
        new OnePasswordToken(),      // secrets/1password-token
        new AgeSecretKey(),          // secrets/age-secret-key
        new AnthropicApiKey(),       // secrets/anthropic-api-key
        new AtlassianApiToken(),     // secrets/atlassian-api-token
        new AwsAccessKey(),          // secrets/aws-access-key
        new AwsSecretKey(),          // secrets/aws-secret-key
        new AzureClientSecret(),     // secrets/azure-client-secret
        new AzureStorageKey(),       // secrets/azure-storage-key
        new BasicAuthUrl(),          // secrets/basic-auth-url
        new CloudflareApiToken(),    // secrets/cloudflare-api-token
        new CustomSecrets(),         // secrets/custom
        new DatabaseUrl(),           // secrets/database-url
        new DatabricksToken(),       // secrets/databricks-token
        new DigitaloceanToken(),     // secrets/digitalocean-token
        new DockerHubToken(),        // secrets/docker-hub-token
        new DopplerToken(),          // secrets/doppler-token
        new FigmaToken(),            // secrets/figma-token
        new GcpApiKey(),             // secrets/gcp-api-key
        new GcpServiceAccount(),     // secrets/gcp-service-account
        new GenericAssignment(),     // secrets/generic-assignment
        new GithubToken(),           // secrets/github-token
        new GitlabToken(),           // secrets/gitlab-token
        new GrafanaToken(),          // secrets/grafana-token
        new GroqApiKey(),            // secrets/groq-api-key
        new HerokuApiKey(),          // secrets/heroku-api-key
        new HuggingfaceToken(),      // secrets/huggingface-token
        new Jwt(),                   // secrets/jwt
        new LinearApiKey(),          // secrets/linear-api-key
        new MailchimpApiKey(),       // secrets/mailchimp-api-key
        new MailgunApiKey(),         // secrets/mailgun-api-key
        new NewRelicKey(),           // secrets/new-relic-key
        new NotionToken(),           // secrets/notion-token
        new NpmToken(),              // secrets/npm-token
        new OpenaiApiKey(),          // secrets/openai-api-key
        new PlanetscaleToken(),      // secrets/planetscale-token
        new PostmanApiKey(),         // secrets/postman-api-key
        new PrivateKey(),            // secrets/private-key
        new PulumiToken(),           // secrets/pulumi-token
        new PypiToken(),             // secrets/pypi-token
        new RubygemsToken(),         // secrets/rubygems-token
        new SendgridApiKey(),        // secrets/sendgrid-api-key
        new SentryToken(),           // secrets/sentry-token
        new ShopifyToken(),          // secrets/shopify-token
        new SlackToken(),            // secrets/slack-token
        new SlackWebhook(),          // secrets/slack-webhook
        new SquareToken(),           // secrets/square-token
        new StripeKey(),             // secrets/stripe-key
        new TailscaleKey(),          // secrets/tailscale-key
        new TelegramBotToken(),      // secrets/telegram-bot-token
        new TerraformCloudToken(),   // secrets/terraform-cloud-token
        new TwilioKey(),             // secrets/twilio-key
        new VaultToken(),            // secrets/vault-token
        new VercelToken(),           // secrets/vercel-token
        new PrSize(),                // size/pr-size
        new Complexity(),            // smells/complexity
        new MissingTests());         // tests/missing-tests
  }
}
