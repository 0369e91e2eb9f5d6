package dev.vetter.checks.secrets;

import static dev.vetter.checks.secrets.PatternDetector.of;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Every built-in detector, by rule: the one table to read to see what the {@code secrets/…} rules look
 * for. Formats come from the providers' documentation of their token prefixes; where a provider's
 * token has no prefix, the pattern also needs the provider's name nearby ("contextual").
 *
 * <p>Conventions: group 1 is the secret; a leading {@code (?:^|[^…])} and a trailing {@code (?:[^…]|$)}
 * stand for the boundaries RE2 cannot look around for; the keywords gate each pattern.
 */
final class Catalog {
  private Catalog() {}

  /** Not a letter, digit or underscore before a token. */
  private static final String B = "(?:^|[^A-Za-z0-9_])";
  /** Not a letter, digit, underscore or dash after a token. */
  private static final String E = "(?:[^A-Za-z0-9_-]|$)";
  /** A key name (with up to 20 more name characters), an assignment and an optional quote, as in {@code stripe_key = "}. */
  private static final String ASSIGN = "[\\w.-]*['\"]?\\s*(?:=|:|:=|=>|,)\\s*['\"`]?";

  static final List<Detector> ALL = build();

  private static List<Detector> build() {
    List<Detector> d = new ArrayList<>();
    d.add(of("secrets/1password-token", "1Password service account token", B + "(ops_eyJ[A-Za-z0-9+/=_-]{250,})", 4.0, "ops_eyj"));
    d.add(of("secrets/1password-token", "1Password secret key",
        "\\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\\b", 3.5, "a3-"));
    d.add(of("secrets/age-secret-key", "age secret key", "(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})", 3.5, "age-secret-key-1"));
    d.add(of("secrets/anthropic-api-key", "Anthropic API key", "(?:^|[^A-Za-z0-9_-])(sk-ant-(?:api|admin)\\d\\d-[A-Za-z0-9_-]{80,})" + E, 4.0, "sk-ant-"));
    d.add(of("secrets/atlassian-api-token", "Atlassian API token", "(?:^|[^A-Za-z0-9_-])(ATATT3[A-Za-z0-9_=-]{150,})" + E, 4.0, "atatt3"));
    d.add(named(of("secrets/atlassian-api-token", "Atlassian API token",
        "(?i)(?:atlassian|confluence|jira)" + ASSIGN + "([A-Za-z0-9]{24})(?:[^A-Za-z0-9]|$)", 3.5, "atlassian", "confluence", "jira")));
    d.add(of("secrets/aws-access-key", "AWS access key ID",
        "(?:^|[^A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?:[^A-Za-z0-9]|$)", 3.0, "akia", "asia", "abia", "acca", "a3t"));
    d.add(named(of("secrets/aws-secret-key", "AWS secret access key",
        "(?i)(?:aws|amazon)[\\w.-]*?(?:secret|sk)[\\w.-]*['\"]?\\s*(?:=|:|:=|=>|,)?\\s*['\"]?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
        4.0, "aws", "amazon")));
    d.add(named(of("secrets/aws-secret-key", "AWS secret access key",
        "(?i)secret_?access_?key['\"]?\\s*(?:=|:|:=|=>)\\s*['\"]?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)", 4.0,
        "secretaccesskey", "secret_access_key", "secret_accesskey", "secretaccess_key")));
    d.add(of("secrets/azure-client-secret", "Azure AD client secret",
        "(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$)", 3.5, "q~"));
    d.add(of("secrets/azure-storage-key", "Azure storage account key",
        "(?i)AccountKey\\s*=\\s*([A-Za-z0-9+/]{86}==)", 4.0, "accountkey"));
    d.add(of("secrets/azure-storage-key", "Azure shared access key",
        "(?i)SharedAccessKey\\s*=\\s*([A-Za-z0-9+/]{42,43}=)", 4.0, "sharedaccesskey"));
    d.add(new UrlCredentialDetector());
    d.add(of("secrets/cloudflare-api-token", "Cloudflare API token", B + "(cf(?:at|ut|k)_[A-Za-z0-9]{40}[0-9a-f]{8})(?:[^A-Za-z0-9_]|$)",
        3.5, "cfat_", "cfut_", "cfk_"));
    d.add(of("secrets/cloudflare-api-token", "Cloudflare Origin CA key", B + "(v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})(?:[^a-f0-9]|$)", 3.5, "v1.0-"));
    d.add(named(of("secrets/cloudflare-api-token", "Cloudflare API key",
        "(?i)cloudflare" + ASSIGN + "([a-f0-9]{37}|[A-Za-z0-9_-]{40})" + E, 3.5, "cloudflare")));
    d.add(of("secrets/databricks-token", "Databricks personal access token",
        "(?:^|[^A-Za-z0-9])(dapi[0-9a-fA-F]{32}(?:-\\d)?)(?:[^A-Za-z0-9-]|$)", 3.0, "dapi"));
    d.add(of("secrets/digitalocean-token", "DigitalOcean token", B + "(do[opr]_v1_[a-f0-9]{64})(?:[^A-Za-z0-9_]|$)", 3.0,
        "dop_v1_", "doo_v1_", "dor_v1_"));
    d.add(of("secrets/docker-hub-token", "Docker Hub access token", B + "(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,})" + E, 3.0, "dckr_pat_", "dckr_oat_"));
    d.add(of("secrets/doppler-token", "Doppler token", B + "(dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[a-z0-9_-]{1,30}\\.)?[A-Za-z0-9]{40,44})(?:[^A-Za-z0-9]|$)", 3.5,
        "dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."));
    d.add(of("secrets/figma-token", "Figma personal access token", B + "(fig[dou]_[A-Za-z0-9_-]{40,})" + E, 3.5, "figd_", "figo_", "figu_"));
    d.add(of("secrets/gcp-api-key", "Google API key", "(?:^|[^A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})" + E, 3.5, "aiza"));
    d.add(new GcpServiceAccountDetector());
    d.add(new GenericAssignmentDetector());
    d.add(of("secrets/github-token", "GitHub classic personal access token", B + "(ghp_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)", 3.0, "ghp_"));
    d.add(of("secrets/github-token", "GitHub OAuth access token", B + "(gho_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)", 3.0, "gho_"));
    d.add(of("secrets/github-token", "GitHub App user access token", B + "(ghu_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)", 3.0, "ghu_"));
    d.add(of("secrets/github-token", "GitHub App installation token", B + "(ghs_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)", 3.0, "ghs_"));
    d.add(of("secrets/github-token", "GitHub App installation token", B + "(ghs_\\d+_eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)", 3.0, "ghs_"));
    d.add(of("secrets/github-token", "GitHub refresh token", B + "(ghr_[A-Za-z0-9]{36,76})(?:[^A-Za-z0-9_]|$)", 3.0, "ghr_"));
    d.add(of("secrets/github-token", "GitHub fine-grained personal access token", B + "(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?:[^A-Za-z0-9_]|$)",
        3.0, "github_pat_"));
    d.add(named(of("secrets/github-token", "GitHub token in a git URL", B + "([A-Za-z0-9_]{20,}):x-oauth-basic@", 3.0, "x-oauth-basic")));
    d.add(of("secrets/gitlab-token", "GitLab token",
        "(?:^|[^A-Za-z0-9_-])((?:glpat|gloas|gldt|glrt|glcbt|glptt|glft|glimt|glagent|glsoat|glffct|glwt)-[A-Za-z0-9_.-]{20,})" + E, 3.0,
        "glpat-", "gloas-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "glimt-", "glagent-", "glsoat-", "glffct-", "glwt-"));
    d.add(of("secrets/gitlab-token", "GitLab runner registration token", B + "(GR1348941[A-Za-z0-9_-]{20,})" + E, 3.0, "gr1348941"));
    d.add(of("secrets/grafana-token", "Grafana Cloud API token", B + "(glc_[A-Za-z0-9+/]{32,}={0,2})(?:[^A-Za-z0-9+/=]|$)", 3.5, "glc_"));
    d.add(of("secrets/grafana-token", "Grafana service account token", B + "(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?:[^A-Za-z0-9_]|$)", 3.5, "glsa_"));
    d.add(of("secrets/grafana-token", "Grafana API key", B + "(eyJrIjoi[A-Za-z0-9+/]{50,}={0,2})(?:[^A-Za-z0-9+/=]|$)", 3.5, "eyjrijoi"));
    d.add(of("secrets/groq-api-key", "Groq API key", B + "(gsk_[A-Za-z0-9]{52})" + E, 3.5, "gsk_"));
    d.add(of("secrets/heroku-api-key", "Heroku API key", "(?:^|[^A-Za-z0-9_-])(HRKU-AA[A-Za-z0-9_-]{58})" + E, 3.5, "hrku-"));
    d.add(named(of("secrets/heroku-api-key", "Heroku API key",
        "(?i)heroku" + ASSIGN + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^0-9a-f-]|$)", 3.0, "heroku")));
    d.add(of("secrets/huggingface-token", "Hugging Face access token", B + "(hf_[A-Za-z]{34})(?:[^A-Za-z0-9_]|$)", 3.5, "hf_"));
    d.add(of("secrets/huggingface-token", "Hugging Face organization token", B + "(api_org_[A-Za-z]{34})(?:[^A-Za-z0-9_]|$)", 3.5, "api_org_"));
    d.add(of("secrets/jwt", "JSON Web Token", "(?:^|[^A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*)" + E, 3.0, "eyj")
        .at(Detector.CONTEXTUAL).validatedBy(Catalog::isJwt));
    d.add(of("secrets/linear-api-key", "Linear API key", B + "(lin_api_[A-Za-z0-9]{40})(?:[^A-Za-z0-9_]|$)", 3.5, "lin_api_"));
    d.add(of("secrets/linear-api-key", "Linear OAuth token", B + "(lin_oauth_[a-f0-9]{64})(?:[^A-Za-z0-9_]|$)", 3.0, "lin_oauth_"));
    d.add(of("secrets/mailchimp-api-key", "Mailchimp API key", "(?:^|[^A-Za-z0-9])([0-9a-f]{32}-us\\d{1,2})(?:[^A-Za-z0-9]|$)", 3.0, "-us"));
    d.add(named(of("secrets/mailgun-api-key", "Mailgun API key",
        "(?i)mailgun" + ASSIGN + "((?:key-|pubkey-)?[0-9a-f]{32}(?:-[0-9a-f]{8}-[0-9a-f]{8})?)(?:[^0-9a-z-]|$)", 3.0, "mailgun")));
    d.add(of("secrets/new-relic-key", "New Relic user API key", B + "(NRAK-[A-Z0-9]{27})(?:[^A-Za-z0-9]|$)", 3.5, "nrak-"));
    d.add(of("secrets/new-relic-key", "New Relic insert key", B + "(NRII-[A-Za-z0-9_-]{32})" + E, 3.5, "nrii-"));
    d.add(of("secrets/notion-token", "Notion integration token", B + "(ntn_\\d{11}[A-Za-z0-9]{35})(?:[^A-Za-z0-9_]|$)", 3.5, "ntn_"));
    d.add(of("secrets/npm-token", "npm access token", B + "(npm_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)", 3.0, "npm_"));
    // .npmrc: "_authToken=…" at the start of a line or after the registry ("//registry.npmjs.org/:_authToken=…"), not "self._password = …"
    d.add(named(of("secrets/npm-token", "npm registry credential in .npmrc",
        "(?:^\\s*|:)(?:_authToken|_auth|_password)\\s*=\\s*['\"]?([^\\s'\"]{16,})", 3.0, "_authtoken", "_auth", "_password")));
    d.add(of("secrets/openai-api-key", "OpenAI API key",
        "(?:^|[^A-Za-z0-9_-])(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})" + E, 3.5, "t3blbkfj"));
    d.add(of("secrets/planetscale-token", "PlanetScale token", B + "(pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.=-]{32,64})" + E, 3.5,
        "pscale_tkn_", "pscale_oauth_", "pscale_pw_"));
    d.add(of("secrets/postman-api-key", "Postman API key", B + "(PMAK-[a-f0-9]{24}-[a-f0-9]{34})(?:[^A-Za-z0-9]|$)", 3.0, "pmak-"));
    d.add(new PrivateKeyDetector());
    d.add(of("secrets/pulumi-token", "Pulumi access token", B + "(pul-[a-f0-9]{40})(?:[^A-Za-z0-9]|$)", 3.0, "pul-"));
    d.add(of("secrets/pypi-token", "PyPI upload token", B + "(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,})" + E, 3.5,
        "pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"));
    d.add(of("secrets/rubygems-token", "RubyGems API key", B + "(rubygems_[a-f0-9]{48})(?:[^A-Za-z0-9]|$)", 3.0, "rubygems_"));
    d.add(of("secrets/sendgrid-api-key", "SendGrid API key", B + "(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})" + E, 3.5, "sg."));
    d.add(of("secrets/sentry-token", "Sentry auth token", B + "(sntry[su]_[A-Za-z0-9+/=_.-]{40,})(?:[^A-Za-z0-9+/=_.-]|$)", 3.5, "sntrys_", "sntryu_"));
    d.add(of("secrets/shopify-token", "Shopify access token", B + "(shp(?:at|ca|pa)_[A-Za-z0-9]{32,})(?:[^A-Za-z0-9_]|$)", 3.0,
        "shpat_", "shpca_", "shppa_"));
    d.add(of("secrets/shopify-token", "Shopify shared secret", B + "(shpss_[A-Za-z0-9]{32,})(?:[^A-Za-z0-9_]|$)", 3.0, "shpss_"));
    d.add(of("secrets/slack-token", "Slack token",
        "(?:^|[^A-Za-z0-9_-])(xox[abposre](?:\\.xox[abposre])?-(?:\\d+-)*[A-Za-z0-9-]*[A-Za-z0-9])" + E, 3.0,
        "xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxe-", "xoxe.xox"));
    d.add(of("secrets/slack-token", "Slack app-level token", B + "(xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+)" + E, 3.0, "xapp-"));
    d.add(of("secrets/slack-webhook", "Slack webhook URL",
        "(https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,})", 3.0, "hooks.slack.com"));
    d.add(of("secrets/square-token", "Square access token", B + "(sq0atp-[A-Za-z0-9_-]{22}|EAAA[A-Za-z0-9_-]{60})" + E, 3.5, "sq0atp-", "eaaa"));
    d.add(of("secrets/square-token", "Square OAuth secret", B + "(sq0csp-[A-Za-z0-9_-]{43})" + E, 3.5, "sq0csp-"));
    d.add(of("secrets/stripe-key", "Stripe secret key", B + "(sk_(?:live|test|prod)_[A-Za-z0-9]{24,})(?:[^A-Za-z0-9_]|$)", 3.0,
        "sk_live_", "sk_test_", "sk_prod_"));
    d.add(of("secrets/stripe-key", "Stripe restricted key", B + "(rk_(?:live|test|prod)_[A-Za-z0-9]{24,})(?:[^A-Za-z0-9_]|$)", 3.0,
        "rk_live_", "rk_test_", "rk_prod_"));
    d.add(of("secrets/stripe-key", "Stripe webhook signing secret", B + "(whsec_[A-Za-z0-9+/]{32,})(?:[^A-Za-z0-9_]|$)", 3.5, "whsec_"));
    d.add(of("secrets/tailscale-key", "Tailscale key", "(?:^|[^A-Za-z])(tskey-[a-z]+-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,})(?:[^A-Za-z0-9]|$)", 3.0,
        "tskey-"));
    d.add(of("secrets/telegram-bot-token", "Telegram bot token", "(?:^|[^0-9A-Za-z_])(\\d{8,10}:AA[A-Za-z0-9_-]{33})" + E, 3.5, ":aa"));
    d.add(of("secrets/terraform-cloud-token", "Terraform Cloud API token", B + "([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})" + E, 3.5,
        "atlasv1"));
    d.add(of("secrets/twilio-key", "Twilio API key SID", B + "(SK[0-9a-fA-F]{32})(?:[^A-Za-z0-9_]|$)", 3.0, "sk"));
    d.add(named(of("secrets/twilio-key", "Twilio auth token",
        "(?i)twilio[\\w.-]*?(?:auth|token|secret)" + ASSIGN + "([a-f0-9]{32})(?:[^a-f0-9]|$)", 3.0, "twilio")));
    d.add(of("secrets/vault-token", "HashiCorp Vault token", B + "(hv[sbr]\\.[A-Za-z0-9_-]{60,})" + E, 3.5, "hvs.", "hvb.", "hvr."));
    d.add(named(of("secrets/vault-token", "HashiCorp Vault token", "(?i)vault" + ASSIGN + "(s\\.[A-Za-z0-9]{24})(?:[^A-Za-z0-9]|$)", 3.5, "vault")));
    d.add(of("secrets/vercel-token", "Vercel token", B + "(vc[pikra]_[A-Za-z0-9]{24,})(?:[^A-Za-z0-9_]|$)", 3.5,
        "vcp_", "vci_", "vck_", "vcr_", "vca_"));
    return List.copyOf(d);
  }

  /**
   * A detector anchored by a word near the value (a provider's name, {@code :x-oauth-basic@},
   * {@code _authToken=}) rather than by a prefix of the value itself: the word says little (a getter named
   * {@code getJiraProjectId} has it too), so the value must look generated ({@link CredentialShape}).
   * Where it overlaps a prefixed token, the prefixed one wins.
   */
  private static PatternDetector named(PatternDetector d) {
    return d.at(Detector.CONTEXTUAL).validatedBy(CredentialShape::looksGenerated);
  }

  /** A JWT's header decodes to JSON naming its algorithm; the jwt.io sample token is a placeholder. */
  static boolean isJwt(String token) {
    String[] parts = token.split("\\.", -1);
    String header = decode(parts[0]);
    String payload = parts.length > 1 ? decode(parts[1]) : null;
    if (header == null || payload == null || !header.contains("\"alg\"")) return false;
    return !(payload.contains("\"John Doe\"") && payload.contains("1234567890"));
  }

  private static String decode(String part) {
    try {
      return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
