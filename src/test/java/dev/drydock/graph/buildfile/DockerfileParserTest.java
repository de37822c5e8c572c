package dev.drydock.graph.buildfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.graph.buildfile.DockerfileParser.Dockerfile;
import dev.drydock.graph.buildfile.Instruction.Flag;
import dev.drydock.graph.buildfile.Instruction.Heredoc;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines, directives, continuations, heredocs and flags, before any variable is substituted. */
class DockerfileParserTest {

    @Test
    void shouldKeepTheLineWhereEachInstructionStarts() {
        Dockerfile file = DockerfileParser.parse("""
                # syntax=docker/dockerfile:1

                FROM alpine:3.20 \\
                    AS build
                # comment
                RUN echo a \\
                  # comment inside
                  && echo b

                copy a b
                """);

        assertThat(file.syntax()).contains("docker/dockerfile:1");
        assertThat(file.instructions()).extracting(Instruction::line, Instruction::keyword, Instruction::arguments)
                .containsExactly(
                        tuple(3, "FROM", "alpine:3.20     AS build"),
                        tuple(6, "RUN", "echo a   && echo b"),
                        tuple(10, "COPY", "a b"));
    }

    @Test
    void shouldReadHeredocBodiesAndContinueAfterThem() {
        Dockerfile file = DockerfileParser.parse("""
                FROM alpine
                RUN <<EOF cat - <<-'END'
                line with FROM
                EOF
                \tliteral $HOME
                \tEND
                COPY <<"CONF" /etc/conf
                # not a comment
                CONF
                USER app
                """);

        List<Instruction> instructions = file.instructions();
        assertThat(instructions).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "COPY", "USER");
        assertThat(instructions.get(1).heredocs()).containsExactly(
                new Heredoc("EOF", false, true, "line with FROM\n"),
                new Heredoc("END", true, false, "\tliteral $HOME\n"));
        assertThat(instructions.get(2).heredocs()).containsExactly(
                new Heredoc("CONF", false, false, "# not a comment\n"));
        assertThat(instructions.get(3).line()).isEqualTo(10);
    }

    @Test
    void shouldExtractLeadingFlagsWithQuotesRemoved() {
        Instruction copy = DockerfileParser.parse(
                "COPY --from=build --chown=\"app:app\" --link --exclude=*.md --exclude=a\\ b src/ /dst/\n")
                .instructions().get(0);

        assertThat(copy.flags()).containsExactly(new Flag("from", "build"), new Flag("chown", "app:app"),
                new Flag("link", "true"), new Flag("exclude", "*.md"), new Flag("exclude", "a b"));
        assertThat(copy.arguments()).isEqualTo("src/ /dst/");
        assertThat(copy.flagValues("exclude")).containsExactly("*.md", "a b");
    }

    @Test
    void shouldStopReadingDirectivesAtTheFirstOtherLine() {
        Dockerfile file = DockerfileParser.parse("""
                # escape=`
                # unknown=directive
                # syntax=ignored
                FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
                """);

        assertThat(file.escape()).isEqualTo('`');
        assertThat(file.syntax()).isEmpty();
    }

    @Test
    void shouldRejectRepeatedDirectives() {
        BuildFileSyntaxException e = catchThrowableOfType(BuildFileSyntaxException.class,
                () -> DockerfileParser.parse("# escape=`\n# escape=\\\nFROM alpine\n"));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.detail()).isEqualTo("only one escape parser directive can be used");
    }

    @Test
    void shouldRejectFlagsAnInstructionDoesNotHave() {
        BuildFileSyntaxException e = catchThrowableOfType(BuildFileSyntaxException.class,
                () -> DockerfileParser.parse("FROM alpine\nCMD --help\n"));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.detail()).isEqualTo("unknown flag for CMD, which takes no flags");
    }

    @Test
    void shouldRejectFlagsWithoutTheirValue() {
        BuildFileSyntaxException e = catchThrowableOfType(BuildFileSyntaxException.class,
                () -> DockerfileParser.parse("FROM --platform alpine\n"));

        assertThat(e.detail()).isEqualTo("flag --platform needs a value: --platform=<value>");
    }

    @Test
    void shouldStripAByteOrderMark() {
        assertThat(DockerfileParser.parse("\uFEFFFROM alpine\n").instructions()).singleElement()
                .extracting(Instruction::keyword).isEqualTo("FROM");
    }

    @Test
    void shouldReadLongRunsOfBlanksWithoutBacktracking() {
        // "[ \t]+$" and "(.+?)\\s*" took time quadratic in such runs: hours for these lines
        String blanks = " ".repeat(300_000);
        Dockerfile file = DockerfileParser.parse("# syntax=docker/dockerfile:1" + blanks + "x\n"
                + "FROM alpine:3.20" + blanks + "\\" + blanks + "\n  AS base" + blanks + "\n");

        assertThat(file.syntax()).hasValueSatisfying(v -> assertThat(v).startsWith("docker/dockerfile:1").endsWith("x"));
        assertThat(file.instructions()).singleElement()
                .satisfies(from -> assertThat(Arguments.whitespaceSeparated(from.arguments()))
                        .containsExactly("alpine:3.20", "AS", "base"));
    }
}
