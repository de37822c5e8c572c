package dev.drydock.cli;

import picocli.CommandLine.Option;

/** The options every command takes, as az's: output format and a JMESPath query. */
final class Global {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "json, yaml, table, tsv or none (default: table on a terminal, json otherwise)")
    Printer.Format output;

    @Option(names = "--query", paramLabel = "JMESPATH", description = "JMESPath applied to the answer, e.g. items[].name")
    String query;

    Printer.Format format() {
        if (output != null) {
            return output;
        }
        return System.console() != null ? Printer.Format.table : Printer.Format.json;
    }
}
