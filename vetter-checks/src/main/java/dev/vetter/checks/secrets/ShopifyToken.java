package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/shopify-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Shopify access token or shared secret (`shpat_`, `shpca_`, `shppa_`, `shpss_`).",
    rationale = SecretRule.RATIONALE,
    fix = "Rotate the app's credentials in the Shopify Partner dashboard or the store admin (Apps → Develop apps) and reinstall where needed." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class ShopifyToken extends SecretRule<SecretOptions> {}
