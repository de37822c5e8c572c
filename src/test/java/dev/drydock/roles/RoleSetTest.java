package dev.drydock.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RoleSetTest {

    @Test
    void shouldPlayEveryRoleByDefault() {
        assertThat(RoleSet.parse(null)).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(RoleSet.parse(" ")).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(RoleSet.parse("all")).isEqualTo(EnumSet.allOf(Role.class));
    }

    @Test
    void shouldReadAListInAnyCaseAndSpacing() {
        assertThat(RoleSet.parse("API , registry-front")).containsExactlyInAnyOrder(Role.API, Role.REGISTRY_FRONT);
        assertThat(RoleSet.names(RoleSet.parse("worker,watch"))).isEqualTo("watch,worker");
    }

    @Test
    void shouldRefuseAnUnknownOrEmptyRoleNamingTheValidOnes() {
        assertThatThrownBy(() -> RoleSet.parse("api,builder"))
                .hasMessage("drydock.roles: 'builder' is not a role; give all or some of api,watch,worker,registry-front");
        assertThatThrownBy(() -> RoleSet.parse("api,")).hasMessageContaining("'' is not a role");
    }
}
