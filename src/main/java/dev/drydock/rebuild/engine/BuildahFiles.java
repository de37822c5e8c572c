package dev.drydock.rebuild.engine;

import dev.drydock.registry.RegistryCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one buildah build keeps in its private directory: image storage, the Dockerfile, one mode-600 file per
 * secret, the registry auth file (mode 600) and a registries.conf that marks only the plain-HTTP registries of the
 * build as insecure.
 */
record BuildahFiles(Path dir, Path storage, Path runroot, Path dockerfile, Path authfile, Path registriesConf,
        Map<String, Path> secrets) {

    static BuildahFiles write(Path dir, BuildahRequest request, Map<String, RegistryCredential> auths)
            throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path storage = Files.createDirectory(dir.resolve("storage"));
        Path runroot = Files.createDirectory(dir.resolve("run"));
        Path dockerfile = Files.writeString(dir.resolve("Dockerfile"), request.dockerfile().text());
        Path secretsDir = Files.createDirectory(dir.resolve("secrets"));
        Map<String, Path> secrets = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, String> secret : request.secrets().entrySet()) {
            // Numbered, not named by id: the id comes from the Dockerfile.
            secrets.put(secret.getKey(), private600(secretsDir.resolve("secret-" + n++), secret.getValue()));
        }
        StringBuilder auth = new StringBuilder("{\"auths\":{");
        String separator = "";
        for (Map.Entry<String, RegistryCredential> entry : auths.entrySet()) {
            auth.append(separator).append(json(entry.getKey())).append(":{\"auth\":")
                    .append(json(BuildahBuilder.basicAuth(entry.getValue()))).append('}');
            separator = ",";
        }
        Path authfile = private600(dir.resolve("auth.json"), auth.append("}}").toString());
        StringBuilder conf = new StringBuilder("unqualified-search-registries = []\n");
        for (String registry : request.plainHttpRegistries()) {
            conf.append("\n[[registry]]\nlocation = ").append(json(registry)).append("\ninsecure = true\n");
        }
        Path registriesConf = Files.writeString(dir.resolve("registries.conf"), conf);
        return new BuildahFiles(dir, storage, runroot, dockerfile, authfile, registriesConf, secrets);
    }

    private static Path private600(Path path, String content) throws IOException {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
