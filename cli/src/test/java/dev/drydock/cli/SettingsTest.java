package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void shouldPreferTheEnvironmentThenLoginThenTheLocalStack() {
        Map<String, String> base = Map.of("XDG_CONFIG_HOME", home.toString(), "DRYDOCK_LOCAL_URL", "http://local:1",
                "DRYDOCK_LOCAL_TOKEN", "local");
        assertThat(new Settings(base).server()).isEqualTo(new Settings.Server("http://local:1", "local"));
        new Settings(base).save(new Settings.Server("http://saved:2", "saved"));
        assertThat(new Settings(base).server()).isEqualTo(new Settings.Server("http://saved:2", "saved"));
        Map<String, String> env = new java.util.HashMap<>(base);
        env.put("DRYDOCK_URL", "http://env:3/");
        env.put("DRYDOCK_TOKEN", "env");
        assertThat(new Settings(env).server()).isEqualTo(new Settings.Server("http://env:3", "env"));
        assertThat(new Settings(Map.of("HOME", home.toString())).server())
                .isEqualTo(new Settings.Server(Settings.DEFAULT_URL, null));
    }

    @Test
    void shouldKeepTheTokenInAFileOnlyItsOwnerReads() throws Exception {
        Settings settings = new Settings(Map.of("XDG_CONFIG_HOME", home.toString()));
        settings.save(new Settings.Server("http://s:1", "t"));
        Path file = home.resolve("drydock/config.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(settings.file()).isEqualTo(file);
    }
}
