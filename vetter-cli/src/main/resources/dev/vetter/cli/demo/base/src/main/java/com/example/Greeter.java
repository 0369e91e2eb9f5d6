package com.example;

/** Builds greetings. */
public final class Greeter {
  public String greet(String name) {
    return "Hello, " + name;
  }
}
