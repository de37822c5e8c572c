package dev.drydock.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every operation of the API has in common, added once instead of on each method: the bearer API token
 * ({@code ApiTokenFilter}) and the problem+json answers the shared input rules and the token filter give
 * (400 for input, 401 without a valid token, 403 for a read token that writes, 404 for an unknown id or name).
 */
public class ApiDocumentFilter implements OASFilter {

    static final String SCHEME = "apiToken";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("The admin token (DRYDOCK_API_TOKEN) may do everything, the read token "
                        + "(DRYDOCK_API_READ_TOKEN) only GET: Authorization: Bearer <token>"));
        api.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> addProblems(path, item, method, operation)));
    }

    private static void addProblems(String path, PathItem item, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean takesInput = operation.getRequestBody() != null || !parameters(item, operation).isEmpty();
        if (takesInput) {
            problem(responses, "400", "Invalid input: the problem's field names the parameter or JSON path, detail says why");
        }
        problem(responses, "401", "No API token, or not a valid one");
        if (method != PathItem.HttpMethod.GET) {
            problem(responses, "403", "A read token cannot change anything");
        }
        if (path.contains("{")) {
            problem(responses, "404", "Nothing of that id or name");
        }
    }

    private static List<?> parameters(PathItem item, Operation operation) {
        if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            return operation.getParameters();
        }
        return item.getParameters() == null ? List.of() : item.getParameters();
    }

    private static void problem(APIResponses responses, String status, String description) {
        Map<String, ?> existing = responses.getAPIResponses();
        if (existing != null && existing.containsKey(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)))));
    }
}
