package dev.lakehouse.streams.trusted;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds clear personal values in text: a value that equals one, or holds one between word
 * boundaries (a full name inside a note, a CPF inside a log line). Left out, because they match by
 * chance: values shorter than {@value #MIN_LENGTH} characters (a phone's area code); single words
 * with no digit (a first name alone: Mariana is a district too); and bare numbers of fewer than
 * {@value #MIN_BARE_DIGITS} digits (an address's external id of 4 to 8 digits reads the same as an
 * offset, a row count or a PID in a log line). A CPF (11 digits) and a mobile number (9) stay in.
 * The callers check the ones left out by equality with their own order's values.
 */
final class PersonalDataFinder {
  static final int MIN_LENGTH = 6;
  static final int MIN_BARE_DIGITS = 9;
  private static final Pattern BARE_NUMBER = Pattern.compile("\\d+");

  /** The longest personal value, in words: "Maria das Graças Silva Pereira". */
  private static final int MAX_WORDS = 6;

  private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}@.+-]+");

  private final Set<String> values = new HashSet<>();

  PersonalDataFinder(Collection<String> personalValues) {
    for (String value : personalValues) {
      String normalized = normalize(value);
      boolean identifying =
          normalized.contains(" ") || normalized.chars().anyMatch(Character::isDigit);
      boolean chanceNumber =
          BARE_NUMBER.matcher(normalized).matches() && normalized.length() < MIN_BARE_DIGITS;
      if (normalized.length() >= MIN_LENGTH && identifying && !chanceNumber) {
        values.add(normalized);
      }
    }
  }

  int size() {
    return values.size();
  }

  /** The personal value the text holds, or null. */
  String find(String text) {
    String whole = normalize(text);
    if (values.contains(whole)) {
      return whole;
    }
    String[] words = WORD_BREAK.split(whole);
    for (int from = 0; from < words.length; from++) {
      StringBuilder run = new StringBuilder();
      for (int to = from; to < Math.min(words.length, from + MAX_WORDS); to++) {
        if (to > from) {
          run.append(' ');
        }
        run.append(words[to]);
        if (values.contains(run.toString())) {
          return run.toString();
        }
      }
    }
    return null;
  }

  /**
   * Each line of the files under {@code roots} that holds a personal value, as "file:line: value"
   * (at most 20).
   */
  List<String> findInFiles(List<Path> roots) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".txt"))
                .toList();
      }
      for (Path file : files) {
        var decoder =
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE);
        try (BufferedReader in =
            new BufferedReader(
                new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
          String line;
          long number = 0;
          while ((line = in.readLine()) != null && found.size() < 20) {
            number++;
            String value = find(line);
            if (value != null) {
              found.add(file + ":" + number + ": " + value);
            }
          }
        }
      }
    }
    return found;
  }

  private static String normalize(String text) {
    return WORD_BREAK
        .matcher(text.trim().toLowerCase(java.util.Locale.ROOT))
        .replaceAll(" ")
        .trim();
  }
}
