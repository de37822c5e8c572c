package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PrinterTest {

    private static String print(Printer.Format format, String query, String json) throws Exception {
        StringWriter out = new StringWriter();
        JsonNode value = Api.JSON.readTree(json);
        new Printer(format, query).print(value, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void shouldTabulateTheScalarFieldsOfAList() throws Exception {
        String table = print(Printer.Format.table, null,
                "[{\"name\":\"app\",\"outputDigest\":\"sha256:1\",\"spec\":{\"x\":1}},{\"name\":\"web\",\"extra\":true}]");
        assertThat(table.lines()).containsExactly(
                "Name  Output Digest  Extra",
                "----  -------------  -----",
                "app   sha256:1",
                "web                  true");
    }

    @Test
    void shouldWriteTsvWithoutHeaderAndScalarsBare() throws Exception {
        assertThat(print(Printer.Format.tsv, null, "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":null}]").lines())
                .containsExactly("1\tx", "2\t");
        assertThat(print(Printer.Format.tsv, "enabled", "{\"enabled\":true}").strip()).isEqualTo("true");
        assertThat(print(Printer.Format.json, "enabled", "{\"enabled\":true}").strip()).isEqualTo("true");
    }

    @Test
    void shouldWriteAMultiselectListAsOneTsvCellPerElement() throws Exception {
        assertThat(print(Printer.Format.tsv, "[].[name,status]",
                "[{\"name\":\"app\",\"status\":\"ok\"},{\"name\":\"web\",\"status\":null}]").lines())
                .containsExactly("app\tok", "web\t");
    }

    @Test
    void shouldApplyTheQueryBeforeTheFormat() throws Exception {
        assertThat(print(Printer.Format.json, "[?status=='failing'].reference",
                "[{\"reference\":\"a\",\"status\":\"ok\"},{\"reference\":\"b\",\"status\":\"failing\"}]"))
                .isEqualTo("[\n  \"b\"\n]\n");
        assertThat(print(Printer.Format.yaml, null, "{\"name\":\"app\",\"images\":[\"r/a:1\"]}"))
                .isEqualTo("name: app\nimages:\n- r/a:1\n");
    }

    @Test
    void shouldRefuseAQueryThatDoesNotParseAsAUsageError() {
        assertThatThrownBy(() -> print(Printer.Format.json, "[[", "{}"))
                .isInstanceOf(CliException.class).hasMessageStartingWith("--query:")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void shouldCutLongCellsAndKeepRowsOnOneLine() throws Exception {
        String long70 = "x".repeat(70);
        String table = print(Printer.Format.table, null, "[{\"a\":\"" + long70 + "\",\"b\":\"one\\ntwo\"}]");
        assertThat(table.lines().skip(2).findFirst().orElseThrow()).contains("x".repeat(59) + "…").endsWith("one two");
    }
}
