/**
 * A fake GitHub for tests (this module's test-jar), held to GitHub's published contract.
 *
 * <pre>{@code
 * try (FakeGitHub gh = FakeGitHub.start()) {           // skips the test when npm cannot fetch the contract
 *   ManualTiming timing = new ManualTiming();
 *   gh.clock(timing::now).app(77, "vetter", TestKeys.shared().publicKey()).installation("42", "octo/hello");
 *   gh.repo("octo/hello").pull(7).base("main", BASE).head("topic", HEAD)
 *       .file("src/A.java", "modified", "@@ -1,2 +1,2 @@\n a\n-b\n+c", "a\nc\n".getBytes())
 *       .commit(HEAD, "message", BASE);
 *   gh.repo("octo/hello").file(BASE, ".vetter.yml", policyBytes);
 *   GitHubConnector c = new AppConnector(gh.apiUrl(), 77, TestKeys.shared().privateKey(), HttpClient.newHttpClient(),
 *       ClientOptions.defaults().withWritePause(Duration.ZERO), timing);
 *   ... run the code under test with c.installation("42") ...
 *   assertThat(gh.violations()).isEmpty();
 *   assertThat(gh.repo("octo/hello").reviewComments(7)).hasSize(2);
 * }
 * }</pre>
 *
 * Or with a token: {@code new TokenConnector(gh.apiUrl(), gh.userToken("vetter"), List.of(), ...)}.
 */
package dev.vetter.github.fake;
