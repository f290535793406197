package org.lectern.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api}. Bearer tokens are verified by Payara's MicroProfile JWT
 * mechanism; who may do what is decided by {@code org.lectern.access.AccessControl}, not by role
 * annotations, so only the coarse roles are declared here.
 */
// A CDI bean, so Payara's MP-JWT extension sees @LoginConfig (bean discovery is annotated-only).
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"super_admin", "system_admin", "admin", "teacher", "student"})
@OpenAPIDefinition(
    info =
        @Info(
            title = "Lectern API",
            version = "0.1",
            description = "Multi-tenant learning platform for schools."))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class LecternApplication extends Application {}
