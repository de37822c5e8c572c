package dev.drydock.front;

import dev.drydock.access.RegistryCaller;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;

/**
 * {@code GET /v2/_catalog}: the backend's page, asked with the caller's own Authorization, filtered to what the
 * caller may see. A catalog page is small JSON, so this is the one answer the front reads whole.
 */
record CatalogForward(Vertx vertx, BackendProxy proxy, CatalogFilter filter, LocationRewrite rewrite,
        FrontMeters meters) {

    void forward(HttpServerRequest in, URI backend, RegistryCaller caller) {
        in.resume();
        proxy.open(in, backend).compose(out -> {
            BackendProxy.copyRequestHeaders(in, out);
            return out.send();
        }).compose(answer -> answer.body().map(body -> new Page(answer, body))).onComplete(done -> {
            if (done.failed()) {
                meters.request(FrontMeters.Outcome.FAILED, caller.kind());
                RegistryFront.answerRefusal(in, 503, "UNAVAILABLE", "the registry backend is unavailable; try again");
                return;
            }
            Page page = done.result();
            if (page.answer.statusCode() != 200) {
                answer(in, caller, page, page.body);
                return;
            }
            vertx.executeBlocking(() -> filter.filter(page.body, caller), false).onComplete(filtered -> {
                if (filtered.failed()) {
                    meters.request(FrontMeters.Outcome.FAILED, caller.kind());
                    RegistryFront.answerRefusal(in, 503, "UNAVAILABLE", "the registry's access checks are unavailable");
                    return;
                }
                answer(in, caller, page, filtered.result().orElse(page.body));
            });
        });
    }

    private void answer(HttpServerRequest in, RegistryCaller caller, Page page, Buffer body) {
        meters.request(FrontMeters.Outcome.FORWARDED, caller.kind());
        var response = in.response().setStatusCode(page.answer.statusCode());
        BackendProxy.copyResponseHeaders(page.answer.headers(), response, rewrite, BackendProxy.publicOrigin(in));
        response.headers().remove(HttpHeaders.CONTENT_LENGTH).remove(HttpHeaders.TRANSFER_ENCODING);
        response.setChunked(false);
        response.end(body);
    }

    private record Page(HttpClientResponse answer, Buffer body) {}
}
