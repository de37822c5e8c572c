package dev.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: talks to the API and prints what it answers. */
abstract class Action implements Callable<Integer> {

    @Mixin
    Global global = new Global();

    @Spec
    CommandSpec spec;

    private Api api;

    Api api() {
        if (api == null) {
            api = new Api(Settings.fromEnvironment().server());
        }
        return api;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the answer; a paged list shows its items, as az lists do. */
    int print(JsonNode answer) {
        new Printer(global.format(), global.query).print(answer, out());
        return 0;
    }

    int printItems(JsonNode page) {
        JsonNode items = page.path("items");
        if (items.isArray() && page.has("total") && System.console() != null
                && page.path("total").asLong() > items.size()) {
            err().printf("(%d of %d; --page and --size for more)%n", items.size(), page.path("total").asLong());
        }
        return print(items.isArray() ? items : page);
    }

    static String segment(String value) {
        return Api.encode(value);
    }
}
