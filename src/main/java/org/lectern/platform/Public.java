package org.lectern.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that needs no bearer token (sign-in). Not {@code @PermitAll}: Payara's
 * MicroProfile JWT integration treats that as a constraint and asks for a token anyway.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {}
