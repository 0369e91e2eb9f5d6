package com.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Stock kept per item, read from a small text format.
 *
 * <p>Not part of the demo's change: {@code vetter demo --warm-up} adds it so that the analyzers meet the
 * common constructs of the language (records, enums, generics, lambdas, switch expressions, text blocks).
 *
 * @since 1.0
 */
public final class Inventory {
  /** How an item is stored. */
  public enum Storage {
    SHELF, FRIDGE, FREEZER;

    /** Whether the item needs power to keep. */
    public boolean powered() {
      return switch (this) {
        case SHELF -> false;
        case FRIDGE, FREEZER -> true;
      };
    }
  }

  /** One line of stock. */
  public record Item(String name, int count, Storage storage) {
    public Item {
      if (count < 0) {
        throw new IllegalArgumentException("negative count for " + name);
      }
    }
  }

  private static final String SAMPLE = """
      milk 2 FRIDGE
      rice 10 SHELF
      peas 3 FREEZER
      """;

  private final Map<String, Item> items = new HashMap<>();
  private int changes;

  /**
   * Reads items, one per line: name, count and storage.
   *
   * @param text the lines
   * @return the inventory
   * @throws IOException never, for a string
   */
  public static Inventory parse(String text) throws IOException {
    Inventory inventory = new Inventory();
    try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) continue;
        String[] parts = line.trim().split("\\s+");
        inventory.add(new Item(parts[0], Integer.parseInt(parts[1]), Storage.valueOf(parts[2])));
      }
    } catch (NumberFormatException e) {
      throw new IOException("bad count: " + e.getMessage(), e);
    }
    return inventory;
  }

  public void add(Item item) {
    items.merge(item.name(), item, (a, b) -> new Item(a.name(), a.count() + b.count(), a.storage()));
    changes++;
  }

  public Optional<Item> find(String name) {
    return Optional.ofNullable(items.get(name));
  }

  public List<Item> where(Predicate<? super Item> test) {
    List<Item> found = new ArrayList<>();
    for (Item item : items.values()) {
      if (test.test(item)) {
        found.add(item);
      }
    }
    found.sort(Comparator.comparing(Item::name));
    return found;
  }

  public Map<Storage, Integer> totals() {
    return items.values().stream().collect(Collectors.groupingBy(Item::storage, Collectors.summingInt(Item::count)));
  }

  String describe(Object o) {
    if (o instanceof Item item && item.count() == 0) {
      return "out of " + item.name();
    }
    int unused = changes * 2;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      sb.append(i).append(',');
    }
    return String.valueOf(o) + sb;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Inventory i && i.items.equals(items);
  }

  public static void main(String[] args) throws IOException {
    Inventory inventory = parse(SAMPLE);
    System.out.println(inventory.where(i -> i.storage().powered()) + " " + inventory.totals());
  }
}
