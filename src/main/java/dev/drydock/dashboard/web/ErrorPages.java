package dev.drydock.dashboard.web;

import dev.drydock.dashboard.auth.Viewer;
import dev.drydock.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A domain error shown as a page of the dashboard rather than as the API's problem JSON. */
final class ErrorPages {

    private ErrorPages() {}

    static Response of(Viewer viewer, ProblemException e) {
        String page = Templates.error(Chrome.of(viewer, e.title(), null), e.status(), e.title(), e.detail()).render();
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}
