package dev.drydock.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --page} and {@code --size} of a list (the API's defaults when left out). */
final class Paging {

    @Option(names = "--page", description = "page number, from 0")
    Integer page;

    @Option(names = {"--size", "--top"}, description = "items per page (at most 500)")
    Integer size;

    /** The list's path with these query parameters, then page and size; {@link Api#path} leaves out the null ones. */
    String path(String path, Object... query) {
        List<Object> all = new ArrayList<>(Arrays.asList(query));
        all.addAll(Arrays.asList("page", page, "size", size));
        return Api.path(path, all.toArray());
    }
}
