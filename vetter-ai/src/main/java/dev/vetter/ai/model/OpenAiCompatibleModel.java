package dev.vetter.ai.model;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A model on any server that speaks OpenAI's Chat Completions (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp's
 * server), through langchain4j's client: JSON mode, temperature 0, no tools, no retries of its own (the summarizer
 * counts every call against {@code ai.max-calls}), nothing logged.
 */
public final class OpenAiCompatibleModel implements SummaryModel {
  // a keyless local server still gets an Authorization header from the client: this says there is no key
  private static final String NO_KEY = "no-key";

  private final OpenAiChatModel client;
  private final String name;
  private final int timeoutSeconds;

  public OpenAiCompatibleModel(Provider provider, int maxOutputTokens, int timeoutSeconds) {
    this.name = provider.model() + "@" + provider.baseUrl();
    this.timeoutSeconds = timeoutSeconds;
    this.client = OpenAiChatModel.builder()
        .baseUrl(provider.baseUrl())
        .apiKey(provider.apiKey() == null ? NO_KEY : provider.apiKey())
        .modelName(provider.model())
        .temperature(0.0)
        .maxTokens(maxOutputTokens)
        .responseFormat(ResponseFormat.JSON)
        .timeout(Duration.ofSeconds(timeoutSeconds))
        .maxRetries(0)
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Completion complete(String system, String user, int maxOutputTokens) throws ModelFailure {
    ChatResponse response;
    try {
      response = client.chat(ChatRequest.builder().messages(SystemMessage.from(system), UserMessage.from(user)).maxOutputTokens(maxOutputTokens).build());
    } catch (RuntimeException e) {
      throw failure(e);
    }
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    TokenUsage usage = response.tokenUsage();
    return new Completion(text == null ? "" : text,
        usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
  }

  /** The failure in Vetter's words: the provider's message may quote the request, so only its kind and status are kept. */
  private ModelFailure failure(RuntimeException e) {
    if (isTimeout(e)) return new ModelFailure("the model did not answer within " + timeoutSeconds + " s", true, null);
    if (e instanceof AuthenticationException) return new ModelFailure("the model server refused the API key", false, null);
    if (e instanceof HttpException h) {
      return new ModelFailure("the model server answered HTTP " + h.statusCode(), h.statusCode() == 429 || h.statusCode() >= 500, null);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException h) {
        return new ModelFailure("the model server answered HTTP " + h.statusCode(), h.statusCode() == 429 || h.statusCode() >= 500, null);
      }
      if (t instanceof java.net.ConnectException) return new ModelFailure("the model server could not be reached", true, null);
    }
    return new ModelFailure("the model call failed (" + e.getClass().getSimpleName() + ")", false, null);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) return true;
    }
    return false;
  }
}
