package dev.drydock.graph.buildfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * BuildKit's word processing for instruction arguments: quote removal, the escape character and
 * variable substitution ({@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}},
 * {@code ${VAR:+word}}, {@code ${VAR+word}}, {@code ${VAR:?message}}, {@code ${VAR#glob}},
 * {@code ${VAR##glob}}, {@code ${VAR%glob}}, {@code ${VAR%%glob}}, {@code ${VAR/glob/text}} and
 * {@code ${VAR//glob/text}}). Single quotes keep everything; inside double quotes the escape character
 * only escapes {@code "}, {@code $} and itself.
 *
 * <p>Every value is charged to the {@link ExpansionBudget} of the build file, which caps what the
 * substitutions may produce and cost; going over it is an {@link ExpansionLimitException}. Error messages
 * never quote the text: it may come from a file that is not a build file at all.
 */
final class ShellWords {

    /** What an unset variable becomes. */
    enum Unset {
        /** The empty string, as BuildKit does for FROM and flags. */
        EMPTY,
        /** The reference as written, for values that the base image's environment may resolve later. */
        KEEP
    }

    /**
     * A processed word.
     *
     * @param unset variables used without a value and without a default, in order of appearance
     * @param failures messages of {@code ${VAR?message}} forms whose variable was unset
     */
    record Result(String value, Set<String> unset, List<String> failures) {

        boolean resolved() {
            return unset.isEmpty() && failures.isEmpty();
        }
    }

    private static final String SPECIAL_PARAMETERS = "@*#?-$!0";
    private static final String MISSING_BRACE = "syntax error: missing '}' to close a ${ substitution";

    private final char escape;
    private final ExpansionBudget budget;

    /** Word processing with a budget of its own: one instance per build file. */
    ShellWords(char escape) {
        this(escape, new ExpansionBudget());
    }

    ShellWords(char escape, ExpansionBudget budget) {
        this.escape = escape;
        this.budget = budget;
    }

    /** Processes {@code text} as one word: whitespace is kept. */
    Result word(String text, Function<String, String> variables, Unset unset) {
        Lexer lexer = new Lexer(text, variables, unset, true);
        List<String> words = lexer.run(false);
        return new Result(words.isEmpty() ? "" : words.get(0), lexer.unset, lexer.failures);
    }

    /** Splits {@code text} into words on unquoted whitespace, also inside unquoted substitutions. */
    List<String> words(String text, Function<String, String> variables, Unset unset) {
        return new Lexer(text, variables, unset, true).run(true);
    }

    /**
     * Substitutes variables only: quotes and the escape character are plain text, an unset variable is
     * empty, and a {@code $} that does not start a valid substitution stays. For values that were processed
     * once already and kept references only the base image can resolve.
     */
    String substitute(String text, Function<String, String> variables) {
        return new Lexer(text, variables, Unset.EMPTY, false).run(false).get(0);
    }

    private final class Lexer {

        private final String s;
        private final Function<String, String> variables;
        private final Unset mode;
        // false: quotes and the escape character are plain text (substitute)
        private final boolean quoting;
        // how many substitutions this text is nested in
        private final int depth;
        private final Set<String> unset = new LinkedHashSet<>();
        private final List<String> failures = new ArrayList<>();
        private int pos;

        Lexer(String s, Function<String, String> variables, Unset mode, boolean quoting) {
            this(s, variables, mode, quoting, 0);
        }

        private Lexer(String s, Function<String, String> variables, Unset mode, boolean quoting, int depth) {
            this.s = s;
            this.variables = variables;
            this.mode = mode;
            this.quoting = quoting;
            this.depth = depth;
            budget.nesting(depth);
        }

        List<String> run(boolean split) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            // A word exists once it has a character or a pair of quotes: "" is one empty word.
            boolean started = false;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (split && Character.isWhitespace(c)) {
                    if (started) {
                        words.add(word.toString());
                        word.setLength(0);
                        started = false;
                    }
                    pos++;
                } else if (c == '$' && split) {
                    // An unquoted substitution is split into words like the text around it.
                    for (char v : substitution().toCharArray()) {
                        if (!Character.isWhitespace(v)) {
                            word.append(v);
                            started = true;
                        } else if (started) {
                            words.add(word.toString());
                            word.setLength(0);
                            started = false;
                        }
                    }
                } else if (!quoting) {
                    started = true;
                    if (c == '$') {
                        word.append(substitution());
                    } else {
                        word.append(c);
                        pos++;
                    }
                } else {
                    started = true;
                    if (c == escape) {
                        pos++;
                        if (pos < s.length()) {
                            word.append(s.charAt(pos++));
                        }
                    } else if (c == '\'') {
                        word.append(singleQuoted());
                    } else if (c == '"') {
                        word.append(doubleQuoted());
                    } else if (c == '$') {
                        word.append(substitution());
                    } else {
                        word.append(c);
                        pos++;
                    }
                }
                budget.value(word.length());
            }
            if (started || !split) {
                words.add(word.toString());
            }
            return words;
        }

        private String singleQuoted() {
            int close = s.indexOf('\'', pos + 1);
            if (close < 0) {
                throw new InstructionException("unexpected end of statement while looking for matching single-quote");
            }
            String value = s.substring(pos + 1, close);
            pos = close + 1;
            return value;
        }

        private String doubleQuoted() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) {
                    throw new InstructionException(
                            "unexpected end of statement while looking for matching double-quote");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return value.toString();
                }
                if (c == '$') {
                    value.append(substitution());
                    budget.value(value.length());
                    continue;
                }
                pos++;
                if (c == escape && pos < s.length()) {
                    char next = s.charAt(pos);
                    if (next == '"' || next == '$' || next == escape) {
                        c = next;
                        pos++;
                    }
                } else if (c == escape) {
                    continue;
                }
                value.append(c);
            }
        }

        // A substitution's value, charged to the budget. Without quoting, one that does not parse stays as text.
        private String substitution() {
            int start = pos;
            if (quoting) {
                return budget.substituted(dollar());
            }
            try {
                return budget.substituted(dollar());
            } catch (ExpansionLimitException e) {
                throw e;
            } catch (InstructionException e) {
                pos = start + 1;
                return "$";
            }
        }

        private String dollar() {
            int start = pos;
            pos++;
            if (pos >= s.length()) {
                return "$";
            }
            if (s.charAt(pos) != '{') {
                String name = name();
                if (name.isEmpty()) {
                    return "$";
                }
                String value = variables.apply(name);
                return value != null ? value : unset(name, start);
            }
            pos++;
            if (pos >= s.length()) {
                throw new InstructionException(MISSING_BRACE);
            }
            char first = s.charAt(pos);
            if (first == '{' || first == '}' || first == ':') {
                throw new InstructionException("syntax error: bad substitution: ${ needs a variable name");
            }
            String name = name();
            if (pos >= s.length()) {
                throw new InstructionException(MISSING_BRACE);
            }
            char modifier = s.charAt(pos++);
            if (modifier == '}') {
                String value = variables.apply(name);
                return value != null ? value : unset(name, start);
            }
            boolean colon = modifier == ':';
            if (colon) {
                modifier = pos < s.length() ? s.charAt(pos++) : '}';
                if (modifier != '-' && modifier != '+' && modifier != '?') {
                    throw new InstructionException("unsupported modifier (:" + modifier + ") in substitution");
                }
            }
            return switch (modifier) {
                case '-', '+', '?' -> defaulting(name, start, modifier, colon);
                case '#', '%' -> trimming(name, start, modifier);
                case '/' -> replacing(name, start);
                default -> throw new InstructionException("unsupported modifier (" + modifier + ") in substitution");
            };
        }

        private String defaulting(String name, int start, char modifier, boolean colon) {
            Result nested = nestedUntil('}');
            String value = variables.apply(name);
            boolean missing = value == null || colon && value.isEmpty();
            if (value == null && mode == Unset.KEEP) {
                return s.substring(start, pos);
            }
            switch (modifier) {
                case '-':
                    return missing ? use(nested) : value;
                case '+':
                    return missing ? "" : use(nested);
                default:
                    if (missing) {
                        String message = nested.value().isEmpty()
                                ? (value == null ? "is not allowed to be unset" : "is not allowed to be empty")
                                : nested.value();
                        failures.add(name + ": " + message);
                        return "";
                    }
                    return value;
            }
        }

        private String trimming(String name, int start, char modifier) {
            boolean longest = pos < s.length() && s.charAt(pos) == modifier;
            if (longest) {
                pos++;
            }
            Result pattern = nestedUntil('}');
            String value = variables.apply(name);
            if (value == null) {
                return unset(name, start);
            }
            Glob glob = Glob.compile(pattern.value());
            if (modifier == '#') {
                int end = glob.matchEnd(value, 0, longest, budget);
                return end < 0 ? value : value.substring(end);
            }
            // A suffix of the value is a prefix of the value read backwards.
            int length = glob.reversed().matchEnd(new StringBuilder(value).reverse(), 0, longest, budget);
            return length < 0 ? value : value.substring(0, value.length() - length);
        }

        private String replacing(String name, int start) {
            boolean all = pos < s.length() && s.charAt(pos) == '/';
            if (all) {
                pos++;
            }
            Result pattern = nestedUntil('/', '}');
            Result replacement = s.charAt(pos - 1) == '/' ? nestedUntil('}') : null;
            String value = variables.apply(name);
            if (value == null) {
                return unset(name, start);
            }
            return replace(value, Glob.compile(pattern.value()), replacement == null ? "" : replacement.value(), all);
        }

        // The longest match at the leftmost position where one starts, as in bash; an empty match replaces nothing.
        private String replace(String value, Glob glob, String with, boolean all) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            boolean replaced = false;
            while (at < value.length()) {
                int end = replaced && !all ? -1 : glob.matchEnd(value, at, true, budget);
                if (end > at) {
                    out.append(with);
                    budget.value(out.length());
                    at = end;
                    replaced = true;
                } else {
                    out.append(value.charAt(at++));
                }
            }
            return out.toString();
        }

        private String use(Result nested) {
            unset.addAll(nested.unset());
            failures.addAll(nested.failures());
            return nested.value();
        }

        /** Processes the text up to one of {@code stops} (outside quotes and nested braces), consuming it. */
        private Result nestedUntil(char... stops) {
            int begin = pos;
            int braces = 0;
            char quote = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (c == escape && quote == '"') {
                        pos++;
                    }
                } else if (quoting && c == escape) {
                    pos++;
                } else if (quoting && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == '$' && pos + 1 < s.length() && s.charAt(pos + 1) == '{') {
                    braces++;
                    pos++;
                } else if (c == '}' && braces > 0) {
                    braces--;
                } else if (braces == 0 && new String(stops).indexOf(c) >= 0) {
                    Lexer nested = new Lexer(s.substring(begin, pos), variables, mode, quoting, depth + 1);
                    String value = nested.run(false).get(0);
                    pos++;
                    return new Result(value, nested.unset, nested.failures);
                }
                pos++;
            }
            throw new InstructionException(MISSING_BRACE);
        }

        private String unset(String name, int start) {
            unset.add(name);
            return mode == Unset.KEEP ? s.substring(start, pos) : "";
        }

        // Letters, digits and '_'; a leading digit reads all digits; or one special parameter character.
        private String name() {
            int begin = pos;
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                return s.substring(begin, pos);
            }
            if (pos < s.length() && SPECIAL_PARAMETERS.indexOf(s.charAt(pos)) >= 0) {
                pos++;
                return s.substring(begin, pos);
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            return s.substring(begin, pos);
        }
    }
}
