package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The Imports page: one page of jobs, newest first, and what the form just did.
 *
 * @param notice the outcome of starting or canceling an import, or null
 * @param form what the form held, to show again after a refusal
 */
@TemplateData
public record ImportList(List<ImportRow> imports, long total, int page, String newer, String older, String notice,
        boolean noticeProblem, ImportForm form) {

    public int pageNumber() {
        return page + 1;
    }

    /** The start form's fields as typed. */
    @TemplateData
    public record ImportForm(String source, String targets, String platforms, String credentialSet, boolean force) {
        static ImportForm empty() {
            return new ImportForm("", "", "all", "", false);
        }
    }
}
