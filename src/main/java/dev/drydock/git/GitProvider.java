package dev.drydock.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.security.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The three git hosts drydock takes push webhooks from, and how each proves a delivery is genuine. */
public enum GitProvider {
    GITHUB("github"),
    GITLAB("gitlab"),
    GITEA("gitea");

    private final String id;

    GitProvider(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}; Gitea: the bare hex in
     * {@code X-Gitea-Signature}; GitLab: the secret itself in {@code X-Gitlab-Token}. Compared in constant time.
     */
    public boolean verifies(String secret, byte[] body, String presented) {
        if (secret == null || secret.isEmpty() || presented == null) {
            return false;
        }
        String expected = switch (this) {
            case GITHUB -> "sha256=" + hmac(secret, body);
            case GITEA -> hmac(secret, body);
            case GITLAB -> secret;
        };
        return Secrets.same(expected, presented.strip());
    }

    /** Every URL the payload gives for the repository, to match against tasks' git URLs. */
    public List<String> repositoryUrls(JsonNode payload) {
        List<String> urls = new ArrayList<>();
        JsonNode repository = payload.path("repository");
        for (String field : List.of("clone_url", "html_url", "ssh_url", "git_url", "url", "git_http_url", "git_ssh_url", "homepage")) {
            String value = repository.path(field).asText("");
            if (!value.isEmpty()) {
                urls.add(value);
            }
        }
        JsonNode project = payload.path("project");
        for (String field : List.of("git_http_url", "git_ssh_url", "web_url")) {
            String value = project.path(field).asText("");
            if (!value.isEmpty()) {
                urls.add(value);
            }
        }
        return urls;
    }

    public String pusher(JsonNode payload) {
        return switch (this) {
            case GITHUB -> payload.path("pusher").path("name").asText(null);
            case GITLAB -> payload.path("user_username").asText(null);
            case GITEA -> payload.path("pusher").path("login").asText(null);
        };
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
