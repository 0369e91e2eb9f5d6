package com.example;

public final class Main {
  public static void main(String[] args) {
<<<<<<< HEAD
    System.out.println(new Greeter().greet(args[0]));
=======
    System.out.println(new Greeter().greetAll(java.util.List.of(args)));
>>>>>>> feature
  }
}
