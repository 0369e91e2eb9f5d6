package com.example;

/** Builds greetings. */
public final class Greeter {
  public String greet(String name) {
    // TODO handle empty names
    System.out.println("greeting " + name);
    return "Hello, " + name + "!";  
  }

  public String greetAll(java.util.List<String> names) {
    return names.stream().map(this::greet).reduce((a, b) -> a + " " + b).orElse("Nobody to greet, so here is a very long fallback line");
  }
}
